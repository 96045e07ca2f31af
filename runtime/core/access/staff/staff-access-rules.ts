import type { OrgDefault, RecordAction, SharingRule } from '../../metadata/types.ts';

/**
 * A row scope of the staff model: the records one kind of action reaches. `any` is every record
 * (creating and importing have no existing record to be scoped to).
 */
export type StaffScope = 'read' | 'update' | 'delete' | 'any';

/** For each record action: the profile actions it needs (all of them) and the row scope it uses. */
export const staffActionRules: Readonly<
  Record<RecordAction, { needs: readonly RecordAction[]; scope: StaffScope }>
> = {
  read: { needs: ['read'], scope: 'read' },
  export: { needs: ['read', 'export'], scope: 'read' },
  update: { needs: ['update'], scope: 'update' },
  delete: { needs: ['delete'], scope: 'delete' },
  create: { needs: ['create'], scope: 'any' },
  import: { needs: ['create', 'import'], scope: 'any' },
};

/** Records the user owns, or that subordinates or the user's groups own: every scope. */
export const ownershipScopes: readonly StaffScope[] = ['read', 'update', 'delete'];

/** What a sharing rule opens on the records it shares. A `read` rule never opens a write. */
export const ruleAccessScopes: Readonly<Record<SharingRule['access'], readonly StaffScope[]>> = {
  read: ['read'],
  readWrite: ['read', 'update'],
};

/** What a module's org-wide default opens on every record to every user whose profile allows it. */
export const orgDefaultScopes: Readonly<Record<OrgDefault, readonly StaffScope[]>> = {
  private: [],
  publicRead: ['read'],
  publicReadWrite: ['read', 'update'],
  publicFull: ['read', 'update', 'delete'],
};

/** Modules without a sharing document. */
export const defaultOrgDefault: OrgDefault = 'private';
