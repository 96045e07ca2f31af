import type { SessionAudience } from '../../../auth/session/types.ts';
import { revokeOneTimeTokens } from '../../../auth/one-time-token/revoke-one-time-tokens.ts';
import type { Runtime } from '../../runtime-types.ts';

/**
 * Ends every session a portal user has in `audience` at once and, with `revokeLinks`, its outstanding
 * invitation and password-reset links (so a deactivated or moved user cannot come back through one).
 */
export async function endPortalUserAccess(args: {
  runtime: Runtime;
  userId: string;
  audience: SessionAudience;
  revokeLinks: boolean;
}): Promise<void> {
  const { runtime, userId, audience } = args;
  await runtime.sessionStore.deleteForUser({ userId, audience });
  if (!args.revokeLinks) return;
  for (const purpose of ['invitation', 'passwordReset'] as const)
    await revokeOneTimeTokens({ store: runtime.tokens, purpose, subject: userId });
}
