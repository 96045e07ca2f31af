import { badRequest } from '../../records/record-errors.ts';
import { type Context, Hono } from 'hono';
import { createError } from '../../../core/errors.ts';
import { toClientMetadata } from '../../../core/metadata/to-client-metadata.ts';
import { toOpenApi } from '../../../core/metadata/to-open-api.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { createPortalSessionManagers } from '../../portals/session/create-portal-session-managers.ts';
import { exchangeTokenLink } from '../../portals/session/exchange-token-link.ts';
import { switchPortalAccount } from '../../portals/session/switch-portal-account.ts';
import { portalAudience } from '../../portals/session/portal-audience.ts';
import { tokenLinkUserId } from '../../portals/session/token-link-user-id.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';
import { type PortalEnv, requirePortal } from '../middleware/require-portal.ts';
import { type PortalTypeEnv, withPortalType } from '../middleware/with-portal-type.ts';
import { readJsonBody } from '../read-json-body.ts';
import { readStringFields } from '../read-string-fields.ts';
import { sessionCookie } from '../session-cookie.ts';
import { csvRoutes } from './csv-routes.ts';
import { passwordAuthRoutes } from './password-auth-routes.ts';
import { portalPasswordAuthAudience } from './portal-password-auth-audience.ts';
import { fileRoutes } from './file-routes.ts';
import { recordRoutes } from './record-routes.ts';

const invalidToken = createError({ code: 'INVALID_TOKEN', status: 400 });

/** What `GET me` answers about the session: the portal user, or the token link's account. */
function describeSession(c: Context<PortalEnv>) {
  const principal = c.get('principal');
  const user = c.get('user');
  const common = { portalType: principal.portalType, group: principal.group };
  if (!user) {
    return { ...common, id: principal.id, isTokenLink: true, accountId: c.get('tokenLinkAccountId') };
  }
  return {
    ...common,
    id: user.id,
    isTokenLink: false,
    email: user.email,
    name: user.name,
    recordId: user.recordId ?? null,
    accountId: user.accountId ?? null,
    mfaEnabled: user.mfaEnabled === true,
  };
}

/**
 * The API of every portal, mounted at `/portal/:portalType/api` (DESIGN §6, §11); an unknown portal
 * type is a 404 and every answer is `Cache-Control: no-store`.
 *
 * - `auth/*`: password login, logout, MFA, reset and invitation (see `passwordAuthRoutes`) for this
 *   portal type's users, and `POST auth/token-link { token }`, which spends a token link and opens
 *   a session of the portal type's `nonPortalUsers` group for the account.
 * - Behind `requirePortal` (this portal type's session cookie only, principal recompiled each
 *   request): `GET me`, `PUT me/account { accountId }` (the account switcher of a person linked to
 *   several accounts), `GET meta` (the client projection for the portal type), `GET openapi.json`,
 *   and the record routes under `records/` — the very routes staff use; the principal decides.
 */
export function portalRoutes(runtime: Runtime): Hono<PortalTypeEnv> {
  const sessionsFor = createPortalSessionManagers({ store: runtime.sessionStore, clock: runtime.clock });
  const now = () => new Date(runtime.clock.now());
  const routes = new Hono<PortalTypeEnv>();
  routes.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  routes.use('*', withPortalType(runtime));

  routes.post('/auth/token-link', async (c) => {
    const portalType = c.get('portalType');
    const { token } = readStringFields({ body: await readJsonBody(c), limits: { token: 200 } });
    const exchanged = await exchangeTokenLink({ runtime, portalType, token });
    if (!exchanged) throw invalidToken('The link is invalid or has expired');
    const audience = portalAudience(portalType.name);
    const userId = tokenLinkUserId(exchanged.accountId);
    const { token: sessionToken, session } = await sessionsFor(portalType).create({ userId, audience });
    sessionCookie({ audience, publicUrl: runtime.publicUrl }).set(c, {
      token: sessionToken,
      expiresAt: session.absoluteExpiresAt,
    });
    await auditAuthEvent({
      store: runtime.store,
      action: 'tokenLink.used',
      userId,
      audience,
      address: clientAddress(c),
      at: now(),
    });
    return c.json({
      data: { isTokenLink: true, accountId: exchanged.accountId, group: exchanged.principal.group },
    });
  });
  routes.route(
    '/auth',
    passwordAuthRoutes<PortalTypeEnv>({
      runtime,
      resolve: (c) =>
        portalPasswordAuthAudience({
          runtime,
          portalType: c.get('portalType'),
          sessions: sessionsFor(c.get('portalType')),
        }),
    }),
  );

  const signedIn = new Hono<PortalEnv>();
  const session = requirePortal({ runtime, sessionsFor });
  for (const path of ['/me', '/meta', '/openapi.json', '/records/*', '/files']) signedIn.use(path, session);
  signedIn.get('/me', (c) => c.json({ data: describeSession(c) }));
  signedIn.use('/me/account', session);
  signedIn.put('/me/account', async (c) => {
    const user = c.get('user');
    if (!user) throw badRequest('A token-link session belongs to one account');
    const { accountId } = readStringFields({ body: await readJsonBody(c), limits: { accountId: 64 } });
    const result = await switchPortalAccount({ store: runtime.store, user, accountId, at: now() });
    c.set('user', result);
    return c.json({ data: describeSession(c) });
  });
  signedIn.get('/meta', (c) =>
    c.json({
      data: toClientMetadata({
        app: runtime.getApp(),
        principal: c.get('principal'),
        audience: c.get('portalType').name,
        now: now(),
      }),
    }),
  );
  signedIn.get('/openapi.json', (c) => {
    const portalType = c.get('portalType').name;
    return c.json(
      toOpenApi({
        app: runtime.getApp(),
        principal: c.get('principal'),
        audience: portalType,
        basePath: `/portal/${encodeURIComponent(portalType)}/api`,
        now: now(),
      }),
    );
  });
  signedIn.route('/', fileRoutes(runtime));
  signedIn.route('/records', csvRoutes(runtime.records));
  signedIn.route('/records', recordRoutes(runtime.records));
  routes.route('/', signedIn);

  return routes;
}
