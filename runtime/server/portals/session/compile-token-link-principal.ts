import { compilePortalPrincipal } from '../../../core/access/portal/compile-portal-principal.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import { tokenLinkUserId } from './token-link-user-id.ts';

/**
 * The synthetic principal of a token-link session for one account: the portal type's
 * `nonPortalUsers` group, scoped to the account (it sees what the account scope reaches). Null when
 * the portal type is unknown, has token links off or has no such group.
 *
 * The identity record is the synthetic user id, which no record has: scopes on
 * `$principal.recordId` match nothing (the compiler refuses an empty one).
 */
export function compileTokenLinkPrincipal(args: {
  app: CompiledApp;
  portalTypeName: string;
  accountId: string;
  now: Date;
}): Principal | null {
  const id = tokenLinkUserId(args.accountId);
  return compilePortalPrincipal({
    app: args.app,
    user: {
      id,
      portalType: args.portalTypeName,
      recordId: id,
      accountId: args.accountId,
      seesWholeAccount: true,
      active: true,
      isTokenLink: true,
    },
    now: args.now,
  });
}
