import { issueOneTimeToken } from '../../../auth/one-time-token/issue-one-time-token.ts';
import type { SessionAudience } from '../../../auth/session/types.ts';
import type { Clock } from '../../../auth/types.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp, CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';
import { createStoreOneTimeTokenStore } from '../../identity/create-store-one-time-token-store.ts';
import { createStoreSessionStore } from '../../identity/create-store-session-store.ts';
import { createUser } from '../../identity/create-user.ts';
import { findPortalUserOfRecord } from '../users/find-portal-user-of-record.ts';
import { loginKey } from '../../identity/login-key.ts';
import { diffValues } from '../../records/diff-values.ts';
import { versionConflict } from '../../records/record-errors.ts';
import { writeAudit } from '../../records/write-audit.ts';
import { invalidConversion, portalUserExists } from './conversion-errors.ts';

/** How long an invitation link works. */
export const invitationTtlMs = 7 * 24 * 60 * 60 * 1000;
const everything = { kind: 'true' } as const;

/** What `grantPortalAccess` did; `invitation` is to be mailed once the transaction committed. */
export type PortalGrant = {
  userId: string;
  invited: boolean;
  moved: boolean;
  invitation?: { to: string; token: string };
};

function displayName(args: { identity: RecordDoc; titleField: string; login: string }): string {
  const { identity } = args;
  const parts = [identity.firstName, identity.lastName].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  if (parts.length > 0) return parts.join(' ');
  const title = identity[args.titleField];
  return typeof title === 'string' && title.trim() !== '' ? title : args.login;
}

/**
 * Inside the conversion's transaction, makes `identity` (a record of the portal type's principal
 * module) a portal user of `portalType`:
 * - when the converted record already has a portal user (of a portal type whose principal module is
 *   the converted module, e.g. the lead portal), that user is MOVED: same id, password hash and MFA;
 *   audience, login key, identity record and account change, module-specific permission group and
 *   component overrides go, its sessions and pending invitation and reset links end, and the move is audited. A
 *   moved user that never set a password gets a new invitation;
 * - else, when the identity record has a portal user of this type already, that one is kept;
 * - else a new portal user is created (login from the portal type's `loginField`, `email` by
 *   default; 400 when the identity record has none) and an invitation token issued (7 days).
 */
export async function grantPortalAccess(args: {
  tx: Store;
  app: CompiledApp;
  principal: Principal;
  portalType: CompiledPortalType;
  source: { module: string; id: string };
  identity: RecordDoc;
  clock: Clock;
}): Promise<PortalGrant> {
  const { tx, app, principal, portalType, source, identity, clock } = args;
  const audience: SessionAudience = `portal:${portalType.name}`;
  const now = new Date(clock.now());
  const at = now.toISOString();
  const accountValue = portalType.accountPath ? identity[portalType.accountPath] : undefined;
  const accountId = typeof accountValue === 'string' && accountValue !== '' ? accountValue : undefined;
  const tokens = createStoreOneTimeTokenStore(tx);
  const invite = async (user: RecordDoc, to: string): Promise<PortalGrant> => {
    const token = await issueOneTimeToken({
      store: tokens,
      purpose: 'invitation',
      subject: user.id,
      ttlMs: invitationTtlMs,
      clock,
      data: { portalType: portalType.name },
    });
    await writeAudit({
      tx,
      principal,
      action: 'portalUser.invited',
      module: 'atriumUsers',
      recordId: user.id,
      changes: { audience: { from: null, to: audience } },
      at,
    });
    return { userId: user.id, invited: true, moved: false, invitation: { to, token } };
  };

  const sourceTypes = [...app.portalTypes.values()].filter((type) => type.principalModule === source.module);
  let sourceUser: RecordDoc | null = null;
  for (const type of sourceTypes) {
    sourceUser ??= await findPortalUserOfRecord({
      store: tx,
      audience: `portal:${type.name}`,
      recordId: source.id,
    });
  }
  const identityUser = await findPortalUserOfRecord({ store: tx, audience, recordId: identity.id });
  if (sourceUser && identityUser) {
    throw portalUserExists(
      'Both the converted record and its new identity record have a portal user; remove one first',
    );
  }
  if (identityUser) return { userId: identityUser.id, invited: false, moved: false };

  if (sourceUser) {
    const from = String(sourceUser.audience) as SessionAudience;
    const key = String(sourceUser.loginKey ?? '');
    const login = key.includes('|') ? key.slice(key.indexOf('|') + 1) : String(sourceUser.email ?? '');
    const result = await tx.update({
      module: 'atriumUsers',
      id: sourceUser.id,
      where: everything,
      expectedVersion: sourceUser.version,
      set: {
        audience,
        loginKey: loginKey({ audience, login }),
        recordId: identity.id,
        ...(accountId ? { accountId } : {}),
      },
      unset: [
        'permissionGroup',
        'componentOverrides',
        'accountIds',
        'seesWholeAccount',
        ...(accountId ? [] : ['accountId']),
      ],
      updatedAt: at,
      updatedBy: principal.id,
    });
    if (result.kind !== 'updated') throw versionConflict('The portal user was changed meanwhile');
    await createStoreSessionStore(tx).deleteForUser({ userId: sourceUser.id, audience: from });
    for (const purpose of ['invitation', 'passwordReset'] as const)
      await tokens.deleteFor({ purpose, subject: sourceUser.id });
    const changes = diffValues({ before: sourceUser, after: result.record });
    delete changes.loginKey;
    await writeAudit({
      tx,
      principal,
      action: 'portalUser.moved',
      module: 'atriumUsers',
      recordId: sourceUser.id,
      changes,
      at,
    });
    const email = typeof sourceUser.email === 'string' ? sourceUser.email.trim() : '';
    if (typeof sourceUser.passwordHash !== 'string' && sourceUser.active === true && email !== '') {
      return { ...(await invite(result.record, email)), moved: true };
    }
    return { userId: sourceUser.id, invited: false, moved: true };
  }

  const loginField = portalType.loginField ?? 'email';
  const login = identity[loginField];
  if (typeof login !== 'string' || login.trim() === '') {
    throw invalidConversion(
      `A portal user needs a login: the new ${portalType.principalModule} record has no ${loginField}`,
    );
  }
  const titleField = app.modules.get(portalType.principalModule)?.doc.titleField ?? loginField;
  const user = await createUser({
    store: tx,
    user: {
      audience,
      email: login,
      name: displayName({ identity, titleField, login }),
      recordId: identity.id,
      ...(accountId ? { accountId } : {}),
    },
    createdBy: principal.id,
    at: now,
  });
  return invite(user, login.trim());
}
