import type { OneTimeTokenPurpose, OneTimeTokenStore } from './types.ts';

/**
 * Revokes every outstanding token of one purpose for one subject, e.g. all reset tokens of a user
 * whose password just changed. Answers how many were revoked.
 */
export function revokeOneTimeTokens(args: {
  store: OneTimeTokenStore;
  purpose: OneTimeTokenPurpose;
  subject: string;
}): Promise<number> {
  return args.store.deleteFor({ purpose: args.purpose, subject: args.subject });
}
