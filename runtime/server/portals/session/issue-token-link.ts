import { issueOneTimeToken } from '../../../auth/one-time-token/issue-one-time-token.ts';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { Runtime } from '../../runtime-types.ts';
import { hasActivePortalUsers } from './has-active-portal-users.ts';
import { tokenLinkRefused } from './token-link-errors.ts';

const hour = 60 * 60_000;
const defaultTokenLinkHours = 72;

/** An issued token link: the URL to hand over (it is mailed by no one) and when it stops working. */
export type IssuedTokenLink = { url: string; expiresAt: string };

/**
 * Issues a token link (DESIGN §6) for an account with no active portal users of the portal type:
 * a single-use `tokenLink` token (subject: the account, data: the portal type) that lives
 * `auth.tokenLinkHours` (72 by default) and replaces any earlier one for the account. Refused (409)
 * when the portal type has token links off or the account already has portal users. The caller
 * checks that the account exists and that the staff user may see it.
 */
export async function issueTokenLink(args: {
  runtime: Runtime;
  portalType: CompiledPortalType;
  accountId: string;
}): Promise<IssuedTokenLink> {
  const { runtime, portalType, accountId } = args;
  if (portalType.auth.tokenLink !== true || !portalType.groups.some((g) => g.isNonPortalUsers === true))
    throw tokenLinkRefused(`The ${portalType.name} portal does not offer token links`);
  if (await hasActivePortalUsers({ store: runtime.store, portalTypeName: portalType.name, accountId }))
    throw tokenLinkRefused('The account has portal users; they log in with their password');
  const ttlMs = (portalType.auth.tokenLinkHours ?? defaultTokenLinkHours) * hour;
  const token = await issueOneTimeToken({
    store: runtime.tokens,
    purpose: 'tokenLink',
    subject: accountId,
    data: { portalType: portalType.name },
    ttlMs,
    clock: runtime.clock,
  });
  return {
    url: `${runtime.publicUrl}/portal/${encodeURIComponent(portalType.name)}/token?token=${token}`,
    expiresAt: new Date(runtime.clock.now() + ttlMs).toISOString(),
  };
}
