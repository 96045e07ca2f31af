import { tokenLinkPrefix } from './token-link-user-id.ts';

/** The account of a token-link session's user id (`tokenlink:<accountId>`), or null for a real user id. */
export function tokenLinkAccountId(userId: string): string | null {
  if (!userId.startsWith(tokenLinkPrefix)) return null;
  const accountId = userId.slice(tokenLinkPrefix.length);
  return accountId === '' ? null : accountId;
}
