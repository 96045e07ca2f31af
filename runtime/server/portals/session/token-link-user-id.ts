/** Prefix of the user id a token-link session is stored under; record ids never contain `:`. */
export const tokenLinkPrefix = 'tokenlink:';

/** The synthetic user id of an account's token-link sessions: `tokenlink:<accountId>`. */
export function tokenLinkUserId(accountId: string): string {
  return `${tokenLinkPrefix}${accountId}`;
}
