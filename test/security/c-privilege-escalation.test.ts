/**
 * SECURITY-TESTS §C (staff side): privilege escalation. §C17 (a user manager granting roles above its
 * own) needs a non-administrator with manageUsers, which the starter model does not have. Admin
 * endpoints (§C18) are checked whether or not they are mounted yet: a non-administrator gets 403/404,
 * and the oracle shows no partial write.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { staffPrivileges } from '../../runtime/core/metadata/staff-privileges.ts';
import type { SystemPrivilege } from '../../runtime/core/metadata/types.ts';
import {
  everything,
  readBody,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  storedUser,
  type TestRuntime,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let rep1: string;

/** The system privileges a staff role holds in the running metadata. */
function privilegesOf(role: string): Record<SystemPrivilege, boolean> {
  return staffPrivileges({ app: t.runtime.getApp(), roleId: role });
}

beforeAll(async () => {
  t = await startSecurityRuntime();
  rep1 = await t.login('rep1@atrium.test');
}, 60_000);

/** Deep equality of two stored records. */
function isEqual(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

describe('C16 PATCH /api/me cannot change anything but the name', () => {
  const forbiddenChanges: Array<[string, unknown]> = [
    ['role', 'administrator'],
    ['profile', 'administrator'],
    ['groups', ['salesTeam', 'allStaff']],
    ['isAdministrator', true],
    ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB'],
    ['version', 1],
    ['id', 'another-id'],
    ['email', 'admin@atrium.test'],
    ['loginKey', 'staff|admin@atrium.test'],
    ['audience', 'portal:client'],
    ['active', true],
    ['mfaEnabled', false],
    ['mfaRequired', false],
    ['mfaSecret', 'AAAA'],
    ['recoveryCodes', []],
    ['accountId', 'some-account'],
    ['recordId', 'some-contact'],
    ['portalType', 'partner'],
    ['supportEnd', '2999-01-01'],
    ['permissionGroup', 'admins'],
    ['owner', 'someone'],
  ];

  it.each(forbiddenChanges)(
    'refuses %s (also beside a valid name), and the stored user is unchanged',
    async (field, value) => {
      const before = await storedUser(t, 'rep1@atrium.test');
      for (const body of [{ [field]: value }, { name: 'Riley Renamed', [field]: value }]) {
        const response = await t.request('/api/me', { method: 'PATCH', cookie: rep1, body });
        expect(response.status).toBe(400);
      }
      expect(await storedUser(t, 'rep1@atrium.test')).toEqual(before);
    },
  );

  it('refuses a body that is not an object (array, string, null), unchanged', async () => {
    const before = await storedUser(t, 'rep1@atrium.test');
    for (const body of [[{ role: 'administrator' }], 'administrator', null]) {
      const response = await t.request('/api/me', { method: 'PATCH', cookie: rep1, body });
      expect(response.status).toBe(400);
    }
    expect(await storedUser(t, 'rep1@atrium.test')).toEqual(before);
  });

  it('still answers rep1 as a salesRep without administrator rights afterwards', async () => {
    const me = (await readBody(await t.request('/api/me', { cookie: rep1 }))).data as Record<string, unknown>;
    expect(me).toMatchObject({ role: 'salesRep', isAdministrator: false });
  });
});

describe('C16 user records are not reachable through the record API', () => {
  it.each([
    'atriumUsers',
    'atriumSessions',
    'atriumTokens',
    'atriumOutbox',
    'atriumAudit',
    'atriumRevisions',
  ])('answers rep1 listing the system module %s with 404', async (module) => {
    const response = await t.request(`/api/records/${module}`, { cookie: rep1 });
    expect(response.status).toBe(404);
  });

  it('answers rep1 patching its own user record with 404, unchanged', async () => {
    const before = await storedUser(t, 'rep1@atrium.test');
    const response = await t.request(`/api/records/atriumUsers/${before.id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { role: 'administrator', isAdministrator: true },
    });
    expect(response.status).toBe(404);
    expect(await storedUser(t, 'rep1@atrium.test')).toEqual(before);
  });

  it('answers rep1 creating a user record with 404, and no user is added', async () => {
    const before = await t.store.count({ module: 'atriumUsers', where: everything });
    const response = await t.request('/api/records/atriumUsers', {
      method: 'POST',
      cookie: rep1,
      body: { email: 'mallory@atrium.test', audience: 'staff', role: 'administrator', isAdministrator: true },
    });
    expect(response.status).toBe(404);
    expect(await t.store.count({ module: 'atriumUsers', where: everything })).toBe(before);
  });
});

describe('C18 admin endpoints refuse non-administrators without partial writes', () => {
  const staff = ['rep1@atrium.test', 'manager@atrium.test', 'support@atrium.test'];

  it('answers /api/admin/* without a session with 401', async () => {
    for (const path of ['/api/admin/anything', '/api/admin/users', '/api/admin/metadata/revisions']) {
      expect((await t.request(path)).status).toBe(401);
    }
  });

  const adminReads: Array<[string, SystemPrivilege | null]> = [
    ['/api/admin/anything', null],
    ['/api/admin/users', 'manageUsers'],
    ['/api/admin/outbox', 'manageUsers'],
    ['/api/admin/audit', 'viewAudit'],
    ['/api/admin/metadata/revisions', 'manageMetadata'],
    ['/api/admin/metadata/revisions/1', 'manageMetadata'],
    ['/api/admin/sharing', 'manageMetadata'],
    ['/api/admin/plugins', 'managePlugins'],
  ];

  it.each(staff)(
    'answers %s reading admin endpoints it holds no privilege for with 403/404 and no data',
    async (email) => {
      const cookie = await t.login(email);
      const held = privilegesOf(String((await storedUser(t, email)).role));
      const refused = adminReads.filter(([, privilege]) => privilege === null || !held[privilege]);
      expect(refused.length).toBeGreaterThan(1);
      for (const [path] of refused) {
        const response = await t.request(path, { cookie });
        expect([403, 404]).toContain(response.status);
        expect((await readBody(response)).data).toBeUndefined();
      }
    },
  );

  it.each(staff)(
    'refuses %s inviting a user or changing a role through /api/admin/users, unchanged',
    async (email) => {
      const cookie = await t.login(email);
      const users = await t.store.count({ module: 'atriumUsers', where: everything });
      const outbox = await t.store.count({ module: 'atriumOutbox', where: everything });
      const invited = await t.request('/api/admin/users', {
        method: 'POST',
        cookie,
        body: { email: 'mallory@evil.example', name: 'Mallory', role: 'administrator' },
      });
      expect([403, 404]).toContain(invited.status);
      const self = await storedUser(t, email);
      const promoted = await t.request(`/api/admin/users/${self.id}`, {
        method: 'PATCH',
        cookie,
        body: { role: 'administrator' },
      });
      expect([403, 404]).toContain(promoted.status);
      expect(await t.store.count({ module: 'atriumUsers', where: everything })).toBe(users);
      expect(await t.store.count({ module: 'atriumOutbox', where: everything })).toBe(outbox);
      expect(await storedRecord(t, 'atriumUsers', self.id)).toEqual(self);
    },
  );

  it.each(staff)('refuses %s saving or restoring metadata, and no revision is added', async (email) => {
    const cookie = await t.login(email);
    const revision = t.runtime.metadata.current().number;
    const revisions = (await storedRecords(t, 'atriumRevisions')).length;
    const current = await t.runtime.metadata.revision(revision);
    const saved = await t.request('/api/admin/metadata/revisions', {
      method: 'POST',
      cookie,
      body: { documents: current?.documents ?? [], message: 'escalation' },
    });
    const restored = await t.request('/api/admin/metadata/revisions/1/restore', {
      method: 'POST',
      cookie,
      body: {},
    });
    expect([403, 404]).toContain(saved.status);
    expect([403, 404]).toContain(restored.status);
    expect(t.runtime.metadata.current().number).toBe(revision);
    expect((await storedRecords(t, 'atriumRevisions')).length).toBe(revisions);
  });
});

describe('C17 a user manager cannot grant more than it has', () => {
  const manager = 'manager@atrium.test';

  /** PATCH /api/admin/users/:id as the manager; answers the status and whether the target changed. */
  async function managerPatches(args: { target: string; body: Record<string, unknown> }) {
    const cookie = await t.login(manager);
    const before = await storedUser(t, args.target);
    const response = await t.request(`/api/admin/users/${before.id}`, {
      method: 'PATCH',
      cookie,
      body: args.body,
    });
    return { status: response.status, isUnchanged: isEqual(await storedUser(t, args.target), before) };
  }

  it.each([
    ['its own role to administrator', manager, { role: 'administrator' }],
    [
      'its own role to its own (salesManager → salesManager is not below)',
      'rep1@atrium.test',
      { role: 'salesManager' },
    ],
    ['the administrator’s role down to salesRep', 'admin@atrium.test', { role: 'salesRep' }],
    ['the administrator’s account to inactive', 'admin@atrium.test', { active: false }],
    ['isAdministrator on itself', manager, { isAdministrator: true }],
    ['its own password hash', manager, { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB' }],
    ['a rep’s email', 'rep1@atrium.test', { email: 'mallory@evil.example' }],
  ])('refuses the manager changing %s, and the user is unchanged', async (_, target, body) => {
    const { status, isUnchanged } = await managerPatches({ target, body });
    expect([400, 403, 404]).toContain(status);
    expect(isUnchanged).toBe(true);
  });

  it('refuses the manager inviting a user with the administrator or its own role, and nobody is added', async () => {
    const cookie = await t.login(manager);
    const before = await t.store.count({ module: 'atriumUsers', where: everything });
    for (const role of ['administrator', 'salesManager']) {
      const response = await t.request('/api/admin/users', {
        method: 'POST',
        cookie,
        body: { email: `escalate-${role}@atrium.test`, name: 'Escalation', role },
      });
      expect([400, 403, 404]).toContain(response.status);
    }
    expect(await t.store.count({ module: 'atriumUsers', where: everything })).toBe(before);
  });

  it('refuses the manager lifting the MFA requirement an administrator put on its own account', async () => {
    const cookie = await t.login(manager);
    const self = await storedUser(t, manager);
    await t.store.update({
      module: 'atriumUsers',
      id: self.id,
      where: everything,
      set: { mfaRequired: true },
      updatedAt: new Date().toISOString(),
      updatedBy: null,
    });
    try {
      const required = await storedUser(t, manager);
      const response = await t.request(`/api/admin/users/${self.id}`, {
        method: 'PATCH',
        cookie,
        body: { mfaRequired: false },
      });
      expect([400, 403, 404]).toContain(response.status);
      expect(await storedUser(t, manager)).toEqual(required);
    } finally {
      await t.store.update({
        module: 'atriumUsers',
        id: self.id,
        where: everything,
        set: { mfaRequired: false },
        updatedAt: new Date().toISOString(),
        updatedBy: null,
      });
    }
  });
});
