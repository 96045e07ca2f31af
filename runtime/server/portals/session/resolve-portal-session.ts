import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';
import { compileStoredPortalPrincipal } from './compile-stored-portal-principal.ts';
import { compileTokenLinkPrincipal } from './compile-token-link-principal.ts';
import { hasActivePortalUsers } from './has-active-portal-users.ts';
import { tokenLinkAccountId } from './token-link-account-id.ts';

/** Who a live portal session acts as: a stored portal user, or (`user: null`) a token link for an account. */
export type PortalSessionIdentity = {
  principal: Principal;
  user: RecordDoc | null;
  /** Set for a token-link session. */
  tokenLinkAccountId: string | null;
};

/**
 * Recompiles the principal of a portal session's user on every request (DESIGN §6, SECURITY A8):
 * null — the session must end — when the user is gone, of another audience, inactive, outside its
 * support dates, or its portal type is gone; for a token-link session, when the account now has
 * active portal users of the portal type or token links were turned off.
 */
export async function resolvePortalSession(args: {
  store: Store;
  app: CompiledApp;
  portalTypeName: string;
  userId: string;
  now: Date;
}): Promise<PortalSessionIdentity | null> {
  const { store, app, portalTypeName, now } = args;
  const accountId = tokenLinkAccountId(args.userId);
  if (accountId !== null) {
    if (await hasActivePortalUsers({ store, portalTypeName, accountId })) return null;
    const principal = compileTokenLinkPrincipal({ app, portalTypeName, accountId, now });
    return principal ? { principal, user: null, tokenLinkAccountId: accountId } : null;
  }
  const user = await store.get({ module: 'atriumUsers', id: args.userId, where: { kind: 'true' } });
  const principal = user ? compileStoredPortalPrincipal({ app, user, portalTypeName, now }) : null;
  return user && principal ? { principal, user, tokenLinkAccountId: null } : null;
}
