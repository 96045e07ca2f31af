import type { RecordDoc } from '../../../store/types.ts';
import { portalUserLogin } from './portal-user-login.ts';

/** A portal user as staff see it; never password hashes, TOTP secrets, recovery codes or tokens. */
export type PortalUserView = {
  id: string;
  portalType: string;
  login: string;
  email: string | null;
  name: string;
  recordId: string | null;
  accountId: string | null;
  accountIds: string[];
  seesWholeAccount: boolean;
  permissionGroup: string | null;
  componentOverrides: Record<string, unknown> | null;
  supportStart: string | null;
  supportEnd: string | null;
  active: boolean;
  mfaRequired: boolean;
  mfaEnabled: boolean;
  /** False until the user accepted the invitation (or staff gave an initial password). */
  hasPassword: boolean;
  createdAt: string;
  version: number;
};

const stringOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** Renders a stored portal user (`atriumUsers`, audience `portal:<type>`) for the admin API. */
export function portalUserView(user: RecordDoc): PortalUserView {
  const overrides = user.componentOverrides;
  return {
    id: user.id,
    portalType: String(user.audience ?? '').replace(/^portal:/, ''),
    login: portalUserLogin(user),
    email: stringOrNull(user.email),
    name: String(user.name ?? ''),
    recordId: stringOrNull(user.recordId),
    accountId: stringOrNull(user.accountId),
    accountIds: Array.isArray(user.accountIds)
      ? user.accountIds.filter((a): a is string => typeof a === 'string')
      : [],
    seesWholeAccount: user.seesWholeAccount === true,
    permissionGroup: stringOrNull(user.permissionGroup),
    componentOverrides:
      overrides !== null && typeof overrides === 'object' && !Array.isArray(overrides)
        ? (overrides as Record<string, unknown>)
        : null,
    supportStart: stringOrNull(user.supportStart),
    supportEnd: stringOrNull(user.supportEnd),
    active: user.active === true,
    mfaRequired: user.mfaRequired === true,
    mfaEnabled: user.mfaEnabled === true,
    hasPassword: typeof user.passwordHash === 'string',
    createdAt: user.createdAt,
    version: user.version,
  };
}
