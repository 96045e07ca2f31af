import type { FieldLevel, PortalAction } from '../../metadata/types.ts';

/**
 * For each portal action: the actions a user must be offered (all of them, by the portal type, the
 * group and the overrides) to be granted it. Reading gates everything: a portal user who cannot read
 * a module cannot create, update or delete in it either.
 */
export const portalActionRules: Readonly<Record<PortalAction, { needs: readonly PortalAction[] }>> = {
  read: { needs: ['read'] },
  create: { needs: ['read', 'create'] },
  update: { needs: ['read', 'update'] },
  delete: { needs: ['read', 'delete'] },
};

/** The portal actions that make a `readWrite` field actually writable. */
export const portalWriteActions: readonly PortalAction[] = ['create', 'update'];

/** Field levels from least to most access, to tell a gain from a loss. */
export const fieldLevelRank: Readonly<Record<FieldLevel, number>> = {
  hidden: 0,
  readOnly: 1,
  readWrite: 2,
};
