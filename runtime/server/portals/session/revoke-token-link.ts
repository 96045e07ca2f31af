import { revokeOneTimeTokens } from '../../../auth/one-time-token/revoke-one-time-tokens.ts';
import type { Runtime } from '../../runtime-types.ts';
import { portalAudience } from './portal-audience.ts';
import { tokenLinkUserId } from './token-link-user-id.ts';

/**
 * Revokes an account's token link: outstanding tokens (of any portal type: they share the account
 * as subject) and the live token-link sessions of this portal type. Answers how many of each went.
 */
export async function revokeTokenLink(args: {
  runtime: Runtime;
  portalTypeName: string;
  accountId: string;
}): Promise<{ tokens: number; sessions: number }> {
  const { runtime, accountId } = args;
  const tokens = await revokeOneTimeTokens({
    store: runtime.tokens,
    purpose: 'tokenLink',
    subject: accountId,
  });
  const sessions = await runtime.sessionStore.deleteForUser({
    userId: tokenLinkUserId(accountId),
    audience: portalAudience(args.portalTypeName),
  });
  return { tokens, sessions };
}
