import type { PortalUser } from '../../core/access/portal/portal-user.ts';
import type { PortalAction } from '../../core/metadata/types.ts';
import type { RecordDoc } from '../../store/types.ts';

const optionalString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Reads a stored portal user (`atriumUsers` with audience `portal:<type>`) as the access compiler's
 * `PortalUser`; null for a user of another audience.
 */
export function toPortalUser(args: {
  user: RecordDoc;
  isTokenLink?: boolean;
  accountId?: string;
}): PortalUser | null {
  const { user } = args;
  const audience = String(user.audience ?? '');
  if (!audience.startsWith('portal:')) return null;
  const accountIds = Array.isArray(user.accountIds)
    ? user.accountIds.filter((a): a is string => typeof a === 'string')
    : undefined;
  return {
    id: user.id,
    portalType: audience.slice('portal:'.length),
    recordId: String(user.recordId ?? ''),
    accountId: args.accountId ?? optionalString(user.accountId),
    ...(accountIds ? { accountIds } : {}),
    seesWholeAccount: user.seesWholeAccount === true,
    permissionGroup: optionalString(user.permissionGroup),
    componentOverrides: (user.componentOverrides ?? undefined) as Record<string, PortalAction[]> | undefined,
    active: user.active === true,
    supportStart: optionalString(user.supportStart),
    supportEnd: optionalString(user.supportEnd),
    isTokenLink: args.isTokenLink === true,
  };
}
