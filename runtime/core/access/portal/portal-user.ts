import type { PortalAction } from '../../metadata/types.ts';

/**
 * One portal user (or token-link session) as the session layer knows it (DESIGN §6): what
 * `compilePortalPrincipal` compiles into a `portal` principal. Values may come straight from the
 * store, so the compiler treats anything unexpected as "no access".
 */
export type PortalUser = {
  id: string;
  /** The portal type the user belongs to. */
  portalType: string;
  /** The identity record (a contact, a lead, a custom vendor record): `$principal.recordId`. */
  recordId: string;
  /** The account currently selected: `$principal.accountId`. Must be one of `accountIds` when those are listed. */
  accountId?: string;
  /** Every account the person is linked to (one person, contacts at several accounts): `$principal.accountIds`. */
  accountIds?: readonly string[];
  /** A primary contact: also sees what the module's `accountScope` reaches. */
  seesWholeAccount?: boolean;
  /** The permission group; unknown or absent means the portal type's default group. */
  permissionGroup?: string;
  /**
   * Per-user narrowing by module: a listed module keeps only these actions (`[]` removes it); a module
   * not listed keeps the group's. Never adds anything beyond the group.
   */
  componentOverrides?: Readonly<Record<string, readonly PortalAction[]>>;
  active: boolean;
  /** First day of support (`YYYY-MM-DD`, UTC, inclusive). */
  supportStart?: string;
  /** Last day of support (`YYYY-MM-DD`, UTC, inclusive). */
  supportEnd?: string;
  /** A token-link session: gets the portal type's `nonPortalUsers` group, whatever `permissionGroup` says. */
  isTokenLink?: boolean;
};
