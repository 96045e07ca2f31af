import type { SessionAudience } from '../../../auth/session/types.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { diffValues } from '../../records/diff-values.ts';
import { badRequest, versionConflict } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { auditPortalUserChange } from './audit-portal-user-change.ts';
import { endPortalUserAccess } from './end-portal-user-access.ts';
import { findPortalUser } from './find-portal-user.ts';
import type { PortalUserActor } from './portal-user-actor.ts';
import { portalUserSettingKeys } from './portal-user-setting-keys.ts';
import { portalUserStateConflict } from './portal-user-errors.ts';
import { readPortalUserSettings } from './read-portal-user-settings.ts';

const pick = (record: Readonly<Record<string, unknown>>, keys: Iterable<string>) =>
  Object.fromEntries([...keys].map((key) => [key, record[key] ?? null]));

/**
 * Changes a portal user's settings (`portalUserSettingKeys`, each checked by
 * `readPortalUserSettings`). Any other key — email, login, identity record, account, password hash,
 * audience, id, version — is a 400 and nothing changes. A change that alters nothing is answered
 * with the user as it is. Otherwise the write (guarded by the version read, so a concurrent change is
 * a 409) and its audit entry commit together, and the user's sessions end at once; deactivation also
 * revokes outstanding invitation and reset links.
 */
export async function updatePortalUser(args: {
  runtime: Runtime;
  actor: PortalUserActor;
  id: string;
  input: unknown;
}): Promise<RecordDoc> {
  const { runtime, actor, input } = args;
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('Send a JSON object');
  const keys = Object.keys(input);
  const refused = keys.filter((key) => !portalUserSettingKeys.has(key));
  if (refused.length > 0)
    throw badRequest(`These cannot be changed here: ${refused.join(', ')}`, { fields: refused });
  if (keys.length === 0) throw badRequest('Nothing to change');
  const { user, portalTypeName } = await findPortalUser({ store: runtime.store, id: args.id });
  const portalType = runtime.getApp().portalTypes.get(portalTypeName);
  if (!portalType)
    throw portalUserStateConflict(`The ${portalTypeName} portal no longer exists: move the user first`);
  const settings = readPortalUserSettings({
    portalType,
    input: input as Record<string, unknown>,
    current: user,
  });
  const changes = diffValues({
    before: pick(user, keys),
    after: {
      ...pick(user, keys),
      ...Object.fromEntries(settings.unset.map((k) => [k, null])),
      ...settings.set,
    },
  });
  if (Object.keys(changes).length === 0) return user;
  const at = new Date(runtime.clock.now());
  const updated = await runtime.store.transaction(async (tx) => {
    const result = await tx.update({
      module: 'atriumUsers',
      id: user.id,
      where: { kind: 'true' },
      expectedVersion: user.version,
      set: settings.set,
      unset: settings.unset,
      updatedAt: at.toISOString(),
      updatedBy: actor.principal.id,
    });
    if (result.kind !== 'updated')
      throw versionConflict('The portal user changed meanwhile; reload and try again');
    await auditPortalUserChange({ tx, actor, action: 'portalUser.updated', userId: user.id, changes, at });
    return result.record;
  });
  await endPortalUserAccess({
    runtime,
    userId: user.id,
    audience: String(user.audience) as SessionAudience,
    revokeLinks: changes.active?.to === false,
  });
  return updated;
}
