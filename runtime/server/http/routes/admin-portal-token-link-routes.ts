import { type Context, Hono } from 'hono';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { issueTokenLink } from '../../portals/session/issue-token-link.ts';
import { portalAccountModule } from '../../portals/session/portal-account-module.ts';
import { revokeTokenLink } from '../../portals/session/revoke-token-link.ts';
import { tokenLinkRefused } from '../../portals/session/token-link-errors.ts';
import { notFound } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';
import type { StaffEnv } from '../middleware/require-staff.ts';
import { readJsonBody } from '../read-json-body.ts';
import { readStringFields } from '../read-string-fields.ts';

/**
 * Token links (DESIGN §6) under `/api/admin/portals` for staff with `managePortals`:
 * - `POST /:portalType/token-links { accountId }` issues one for an account the staff user can see
 *   and answers its URL (201; nothing is mailed): 409 when the portal type has token links off or
 *   the account has portal users; 404 for an unknown portal type or an account out of reach.
 * - `DELETE /:portalType/token-links/:accountId` revokes the account's outstanding token links and
 *   ends its token-link sessions.
 */
export function adminPortalTokenLinkRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const portalTypeOf = (c: Context<StaffEnv>) => {
    const portalType = runtime.getApp().portalTypes.get(c.req.param('portalType') ?? '');
    if (!portalType) throw notFound('No such portal type');
    return portalType;
  };
  const audit = (c: Context<StaffEnv>, action: string) =>
    auditAuthEvent({
      store: runtime.store,
      action,
      userId: c.get('user').id,
      audience: 'staff',
      address: clientAddress(c),
      at: new Date(runtime.clock.now()),
    });

  routes.post('/:portalType/token-links', async (c) => {
    const portalType = portalTypeOf(c);
    const { accountId } = readStringFields({ body: await readJsonBody(c), limits: { accountId: 200 } });
    const accountModule = portalAccountModule({ app: runtime.getApp(), portalType });
    if (!accountModule) throw tokenLinkRefused(`The ${portalType.name} portal has no accounts`);
    await runtime.records.get({ principal: c.get('principal'), module: accountModule, id: accountId });
    const link = await issueTokenLink({ runtime, portalType, accountId });
    await audit(c, 'tokenLink.issued');
    return c.json({ data: { portalType: portalType.name, accountId, ...link } }, 201);
  });

  routes.delete('/:portalType/token-links/:accountId', async (c) => {
    const portalType = portalTypeOf(c);
    const revoked = await revokeTokenLink({
      runtime,
      portalTypeName: portalType.name,
      accountId: c.req.param('accountId'),
    });
    await audit(c, 'tokenLink.revoked');
    return c.json({ data: { revokedTokens: revoked.tokens, endedSessions: revoked.sessions } });
  });

  return routes;
}
