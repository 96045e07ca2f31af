import { badRequest } from '../../records/record-errors.ts';
import { type Context, Hono } from 'hono';
import { bulkEnablePortalUsers } from '../../portals/users/bulk-enable-portal-users.ts';
import { enablePortalUser } from '../../portals/users/enable-portal-user.ts';
import { listPortalUsers } from '../../portals/users/list-portal-users.ts';
import { movePortalUser } from '../../portals/users/move-portal-user.ts';
import type { PortalUserActor } from '../../portals/users/portal-user-actor.ts';
import { portalUserSettingKeys } from '../../portals/users/portal-user-setting-keys.ts';
import { portalUserView } from '../../portals/users/portal-user-view.ts';
import { previewPortalUserMove } from '../../portals/users/preview-portal-user-move.ts';
import { sendPortalUserPasswordReset } from '../../portals/users/send-portal-user-password-reset.ts';
import { updatePortalUser } from '../../portals/users/update-portal-user.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';

import type { StaffEnv } from '../middleware/require-staff.ts';
import { readJsonBody } from '../read-json-body.ts';

const enableKeys = new Set(['portalType', 'recordId', 'login', 'password', 'sendInvitation']);
const enableSettingKeys = new Set([...portalUserSettingKeys].filter((key) => key !== 'active'));

/** The JSON object body of a request, refusing (400) keys outside `allowed` when given. */
async function readObject(c: Context, allowed?: ReadonlySet<string>): Promise<Record<string, unknown>> {
  const body = await readJsonBody(c);
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('Send a JSON object');
  const refused = allowed ? Object.keys(body).filter((key) => !allowed.has(key)) : [];
  if (refused.length > 0)
    throw badRequest(`Unknown or read-only: ${refused.join(', ')}`, { fields: refused });
  return body as Record<string, unknown>;
}

const optionalQuery = (value: string | undefined) =>
  value === undefined || value === '' ? undefined : value;

/**
 * `/api/admin/portal-users` for staff with managePortals (DESIGN §6): list, enable one record or up to
 * 500 with invitations, change settings (ending the user's sessions), mail a reset link, preview and
 * make a move to another portal type. Thin: the work is in `runtime/server/portals/users/`.
 */
export function adminPortalUsersRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const actorOf = (c: Context<StaffEnv>): PortalUserActor => ({
    principal: c.get('principal'),
    address: clientAddress(c),
  });

  routes.get('/', async (c) => {
    const page = await listPortalUsers({
      store: runtime.store,
      app: runtime.getApp(),
      portalType: optionalQuery(c.req.query('portalType')),
      accountId: optionalQuery(c.req.query('accountId')),
      cursor: optionalQuery(c.req.query('cursor')),
    });
    return c.json({ data: page.records.map(portalUserView), nextCursor: page.nextCursor });
  });

  routes.post('/', async (c) => {
    const body = await readObject(c, new Set([...enableKeys, ...enableSettingKeys]));
    const settings = Object.fromEntries(Object.entries(body).filter(([key]) => enableSettingKeys.has(key)));
    const { user, invitation } = await enablePortalUser({
      runtime,
      actor: actorOf(c),
      request: {
        portalType: body.portalType,
        recordId: body.recordId,
        login: body.login,
        password: body.password,
        sendInvitation: body.sendInvitation,
        settings,
      },
    });
    return c.json({ data: { ...portalUserView(user), invitation } }, 201);
  });

  routes.post('/bulk', async (c) => {
    const body = await readObject(c, new Set(['portalType', 'recordIds']));
    const results = await bulkEnablePortalUsers({
      runtime,
      actor: actorOf(c),
      portalType: body.portalType,
      recordIds: body.recordIds,
    });
    const created = results.filter((r) => r.status === 'created').length;
    return c.json({ data: { created, skipped: results.length - created, results } });
  });

  routes.patch('/:id', async (c) => {
    const user = await updatePortalUser({
      runtime,
      actor: actorOf(c),
      id: c.req.param('id'),
      input: await readObject(c),
    });
    return c.json({ data: portalUserView(user) });
  });

  routes.post('/:id/reset-password', async (c) => {
    await sendPortalUserPasswordReset({ runtime, actor: actorOf(c), id: c.req.param('id') });
    return c.json({ data: { sent: true } }, 202);
  });

  routes.get('/:id/move-preview', async (c) => {
    const plan = await previewPortalUserMove({
      runtime,
      id: c.req.param('id'),
      toPortalType: c.req.query('to'),
      group: optionalQuery(c.req.query('group')),
    });
    return c.json({ data: { from: plan.from, to: plan.to.name, group: plan.group ?? null, ...plan.change } });
  });

  routes.post('/:id/move', async (c) => {
    const body = await readObject(c, new Set(['toPortalType', 'group']));
    const user = await movePortalUser({
      runtime,
      actor: actorOf(c),
      id: c.req.param('id'),
      toPortalType: body.toPortalType,
      group: body.group,
    });
    return c.json({ data: portalUserView(user) });
  });

  return routes;
}
