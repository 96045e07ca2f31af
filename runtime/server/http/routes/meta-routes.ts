import { Hono } from 'hono';
import { toClientMetadata } from '../../../core/metadata/to-client-metadata.ts';
import { toOpenApi } from '../../../core/metadata/to-open-api.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { StaffEnv } from '../middleware/require-staff.ts';

/** `/api/meta` (the client projection for the principal) and `/api/openapi.json` (its API). */
export function metaRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const now = () => new Date(runtime.clock.now());
  routes.get('/meta', (c) =>
    c.json({
      data: toClientMetadata({
        app: runtime.getApp(),
        principal: c.get('principal'),
        audience: 'staff',
        now: now(),
      }),
    }),
  );
  routes.get('/openapi.json', (c) =>
    c.json(
      toOpenApi({
        app: runtime.getApp(),
        principal: c.get('principal'),
        audience: 'staff',
        basePath: '/api',
        now: now(),
      }),
    ),
  );
  return routes;
}
