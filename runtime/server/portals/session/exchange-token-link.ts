import { consumeOneTimeToken } from '../../../auth/one-time-token/consume-one-time-token.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { Runtime } from '../../runtime-types.ts';
import { compileTokenLinkPrincipal } from './compile-token-link-principal.ts';
import { hasActivePortalUsers } from './has-active-portal-users.ts';

/**
 * Uses up a token link for this portal type: answers the account and the token-link principal, or
 * null when the token is unknown, used, revoked, expired, for another portal type, or the account
 * now has active portal users of the portal type (checked at exchange time), or the portal type
 * no longer offers token links. The token is spent either way.
 */
export async function exchangeTokenLink(args: {
  runtime: Runtime;
  portalType: CompiledPortalType;
  token: string;
}): Promise<{ accountId: string; principal: Principal } | null> {
  const { runtime, portalType } = args;
  const claim = await consumeOneTimeToken({
    store: runtime.tokens,
    purpose: 'tokenLink',
    token: args.token,
    clock: runtime.clock,
  });
  if (!claim || claim.data.portalType !== portalType.name || claim.subject === '') return null;
  const accountId = claim.subject;
  if (await hasActivePortalUsers({ store: runtime.store, portalTypeName: portalType.name, accountId }))
    return null;
  const principal = compileTokenLinkPrincipal({
    app: runtime.getApp(),
    portalTypeName: portalType.name,
    accountId,
    now: new Date(runtime.clock.now()),
  });
  return principal ? { accountId, principal } : null;
}
