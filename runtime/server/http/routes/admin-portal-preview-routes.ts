import { Hono, type MiddlewareHandler } from 'hono';
import { createError } from '../../../core/errors.ts';
import { toClientMetadata } from '../../../core/metadata/to-client-metadata.ts';
import { compileStoredPortalPrincipal } from '../../portals/session/compile-stored-portal-principal.ts';
import { notFound } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { StaffEnv } from '../middleware/require-staff.ts';
import { recordRoutes } from './record-routes.ts';

const readOnlyPreview = createError({ code: 'METHOD_NOT_ALLOWED', status: 405 });
const cannotLogIn = createError({ code: 'PORTAL_USER_CANNOT_LOG_IN', status: 409 });
const readMethods = new Set(['GET', 'HEAD']);

/**
 * Swaps the request's principal for the compiled principal of portal user `:userId` of
 * `:portalType`, for reads only: a non-GET is a 405; an unknown portal type, or a user that is not
 * one of its portal users, a 404; a user who could not log in now (inactive, outside its support
 * dates) a 409 — the preview shows a live session's view, and such a user has none.
 */
function previewAsPortalUser(runtime: Runtime): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    if (!readMethods.has(c.req.method)) throw readOnlyPreview('A preview is read-only');
    const app = runtime.getApp();
    const portalType = app.portalTypes.get(c.req.param('portalType') ?? '');
    const user = portalType
      ? await runtime.store.get({
          module: 'atriumUsers',
          id: c.req.param('userId') ?? '',
          where: { kind: 'true' },
        })
      : null;
    if (!portalType || !user || user.audience !== `portal:${portalType.name}`)
      throw notFound('No such portal user');
    const principal = compileStoredPortalPrincipal({
      app,
      user,
      portalTypeName: portalType.name,
      now: new Date(runtime.clock.now()),
    });
    if (!principal) throw cannotLogIn('This portal user cannot log in now, so sees nothing');
    c.set('principal', principal);
    await next();
  };
}

/**
 * Preview as portal user (DESIGN §6), under `/api/admin/portals` for staff with `managePortals`:
 * `GET /:portalType/preview/:userId/meta` and `GET /:portalType/preview/:userId/records/…` answer
 * exactly what that portal user would get — the same record routes and record service, with the
 * user's compiled portal principal — and nothing can be written through them.
 */
export function adminPortalPreviewRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  routes.use('/:portalType/preview/:userId/*', previewAsPortalUser(runtime));
  routes.get('/:portalType/preview/:userId/meta', (c) =>
    c.json({
      data: toClientMetadata({
        app: runtime.getApp(),
        principal: c.get('principal'),
        audience: c.req.param('portalType'),
        now: new Date(runtime.clock.now()),
      }),
    }),
  );
  routes.route('/:portalType/preview/:userId/records', recordRoutes(runtime.records));
  return routes;
}
