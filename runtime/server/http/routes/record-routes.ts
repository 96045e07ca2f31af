import { badRequest } from '../../records/record-errors.ts';
import { Hono } from 'hono';
import type { Principal } from '../../../core/access/types.ts';
import type { RecordService } from '../../records/record-service.ts';

import { readJsonBody } from '../read-json-body.ts';

/** Variables the session middleware sets for record routes. */
export type RecordRouteEnv = { Variables: { principal: Principal } };

function parseFilterParam(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('filter must be JSON');
  }
}

function parseLimitParam(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,12}(e\d{1,3})?$/i.test(raw)) throw badRequest('limit must be a whole number');
  return Number(raw);
}

function parseVersion(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw.trim());
  if (!match?.[1]) throw badRequest('If-Match must be the record version');
  return Number(match[1]);
}

/**
 * `/api/records/:module…` (DESIGN §11) — thin: parse the request, call the record service,
 * render. The same routes serve staff and portal sessions; the principal decides what they see.
 */
export function recordRoutes(records: RecordService): Hono<RecordRouteEnv> {
  const routes = new Hono<RecordRouteEnv>();

  routes.get('/:module', async (c) => {
    const principal = c.get('principal');
    const module = c.req.param('module');
    const q = c.req.query('q');
    const filter = parseFilterParam(c.req.query('filter'));
    const limit = parseLimitParam(c.req.query('limit'));
    const page =
      q !== undefined
        ? await records.search({ principal, module, text: q, filter, limit })
        : await records.list({
            principal,
            module,
            query: { filter, limit, sort: c.req.query('sort'), cursor: c.req.query('cursor') },
          });
    return c.json({ data: page.records, nextCursor: page.nextCursor });
  });

  routes.post('/:module', async (c) => {
    const data = await records.create({
      principal: c.get('principal'),
      module: c.req.param('module'),
      input: await readJsonBody(c),
    });
    return c.json({ data }, 201);
  });

  routes.get('/:module/:id', async (c) => {
    const data = await records.get({
      principal: c.get('principal'),
      module: c.req.param('module'),
      id: c.req.param('id'),
    });
    return c.json({ data });
  });

  routes.patch('/:module/:id', async (c) => {
    const data = await records.update({
      principal: c.get('principal'),
      module: c.req.param('module'),
      id: c.req.param('id'),
      input: await readJsonBody(c),
      expectedVersion: parseVersion(c.req.header('if-match')),
    });
    return c.json({ data });
  });

  routes.delete('/:module/:id', async (c) => {
    await records.remove({
      principal: c.get('principal'),
      module: c.req.param('module'),
      id: c.req.param('id'),
    });
    return c.body(null, 204);
  });

  routes.post('/:module/:id/restore', async (c) => {
    const data = await records.restore({
      principal: c.get('principal'),
      module: c.req.param('module'),
      id: c.req.param('id'),
    });
    return c.json({ data });
  });

  routes.get('/:module/:id/related/:relation', async (c) => {
    const [childModule = '', field = ''] = c.req.param('relation').split('.');
    const page = await records.related({
      principal: c.get('principal'),
      module: c.req.param('module'),
      id: c.req.param('id'),
      child: { module: childModule, field },
      query: {
        filter: parseFilterParam(c.req.query('filter')),
        limit: parseLimitParam(c.req.query('limit')),
        sort: c.req.query('sort'),
        cursor: c.req.query('cursor'),
      },
    });
    return c.json({ data: page.records, nextCursor: page.nextCursor });
  });

  return routes;
}
