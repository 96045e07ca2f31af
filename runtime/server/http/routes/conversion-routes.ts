import { Hono } from 'hono';
import { convertRecord } from '../../portals/conversion/convert-record.ts';
import { parseConversionOptions } from '../../portals/conversion/parse-conversion-options.ts';
import { newRecordId } from '../../records/new-record-id.ts';
import type { RecordContext } from '../../records/record-context.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { StaffEnv } from '../middleware/require-staff.ts';
import { readJsonBody } from '../read-json-body.ts';

/**
 * `POST /api/records/:module/:id/convert` with `{ targets?, overrides?, link?, portalType? }` (all
 * optional; no body means none) → `{ data: { lead, created, linked, portal? } }` (DESIGN §7).
 * Thin: parse, call `convertRecord`, render.
 */
export function conversionRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const ctx: RecordContext = {
    store: runtime.store,
    getApp: runtime.getApp,
    hooks: runtime.hooks,
    now: () => new Date(runtime.clock.now()),
    newId: newRecordId,
  };

  routes.post('/:module/:id/convert', async (c) => {
    const hasBody =
      (c.req.header('content-type') ?? '') !== '' || (c.req.header('content-length') ?? '0') !== '0';
    const options = parseConversionOptions(hasBody ? await readJsonBody(c) : undefined);
    const data = await convertRecord({
      ctx,
      request: { principal: c.get('principal'), module: c.req.param('module'), id: c.req.param('id') },
      options,
      deps: runtime,
    });
    return c.json({ data });
  });

  return routes;
}
