import { describe, expect, it } from 'vitest';
import { type MetadataDoc, type RecordAction, recordActions, type SharingDoc } from '../../metadata/types.ts';
import type { Principal } from '../types.ts';
import { compileStaffPrincipal } from './compile-staff-principal.ts';
import { canAccess } from './reference-vtiger.test-helper.ts';
import type { StaffDirectory } from './staff-directory.ts';
import { staffAllows } from './staff-allows.test-helper.ts';
import {
  loadStaffApp,
  moduleNames,
  staffOrgAdministrators,
  staffOrgDirectory,
  staffOrgDocs,
} from './staff-fixture-org.test-helper.ts';

const app = loadStaffApp();

function principalOf(args: {
  userId: string;
  app?: ReturnType<typeof loadStaffApp>;
  directory?: StaffDirectory;
}): Principal | null {
  return compileStaffPrincipal({
    app: args.app ?? app,
    directory: args.directory ?? staffOrgDirectory,
    userId: args.userId,
    isAdministrator: staffOrgAdministrators.has(args.userId),
  });
}

function compiled(userId: string): Principal {
  const principal = principalOf({ userId });
  if (!principal) throw new Error(`expected a principal for ${userId}`);
  return principal;
}

type Row = {
  why: string;
  user: string;
  module: (typeof moduleNames)[number];
  action: RecordAction;
  owner: string;
  fields?: Record<string, unknown>;
  isAllowed: boolean;
};

/** The access matrix of the fixture org: own, subordinate's, peer's, group-owned and shared records. */
// biome-ignore format: one row per line reads as a table
const matrix: Row[] = [
  // deals: private; rep1 → rep2 read; salesManager and below → supportTeam readWrite when won
  { why: 'own record', user: 'rep1a', module: 'deals', action: 'read', owner: 'rep1a', isAllowed: true },
  { why: 'own record', user: 'rep1a', module: 'deals', action: 'delete', owner: 'rep1a', isAllowed: true },
  { why: "a peer's record (same role)", user: 'rep1a', module: 'deals', action: 'read', owner: 'rep1b', isAllowed: false },
  { why: 'the read rule shares rep1 with rep2, not back', user: 'rep1a', module: 'deals', action: 'read', owner: 'rep2a', isAllowed: false },
  { why: 'read rule rep1 → rep2', user: 'rep2a', module: 'deals', action: 'read', owner: 'rep1a', isAllowed: true },
  { why: 'a read rule never grants update', user: 'rep2a', module: 'deals', action: 'update', owner: 'rep1a', isAllowed: false },
  { why: 'a read rule never grants delete', user: 'rep2a', module: 'deals', action: 'delete', owner: 'rep1a', isAllowed: false },
  { why: "a subordinate's record", user: 'mgr1', module: 'deals', action: 'read', owner: 'rep1a', isAllowed: true },
  { why: "a subordinate's record", user: 'mgr1', module: 'deals', action: 'update', owner: 'rep1a', isAllowed: true },
  { why: "a subordinate's record", user: 'mgr1', module: 'deals', action: 'delete', owner: 'rep1a', isAllowed: true },
  { why: "an inactive subordinate's record", user: 'mgr1', module: 'deals', action: 'read', owner: 'gone1', isAllowed: true },
  { why: "a superior's record", user: 'rep1a', module: 'deals', action: 'read', owner: 'mgr1', isAllowed: false },
  { why: 'two levels down', user: 'ceo1', module: 'deals', action: 'delete', owner: 'rep2a', isAllowed: true },
  { why: 'owned by my group', user: 'mgr1', module: 'deals', action: 'read', owner: 'group:salesTeam', isAllowed: true },
  { why: 'owned by a group I am in through a nested group', user: 'rep2a', module: 'deals', action: 'update', owner: 'group:salesTeam', isAllowed: true },
  { why: 'owned by a group two nestings up', user: 'rep2a', module: 'deals', action: 'delete', owner: 'group:everyone', isAllowed: true },
  { why: 'owned by a group I am not in', user: 'rep1a', module: 'deals', action: 'read', owner: 'group:salesTeam', isAllowed: false },
  { why: 'readWrite rule, criteria match', user: 'sup1', module: 'deals', action: 'read', owner: 'rep1a', fields: { stage: 'won' }, isAllowed: true },
  { why: 'readWrite rule, criteria match', user: 'sup1', module: 'deals', action: 'update', owner: 'rep1a', fields: { stage: 'won' }, isAllowed: true },
  { why: 'readWrite rule, criteria match, exported', user: 'sup1', module: 'deals', action: 'export', owner: 'rep1a', fields: { stage: 'won' }, isAllowed: true },
  { why: 'readWrite rule, criteria fail', user: 'sup1', module: 'deals', action: 'read', owner: 'rep1a', fields: { stage: 'open' }, isAllowed: false },
  { why: 'readWrite rule, criteria field missing', user: 'sup1', module: 'deals', action: 'read', owner: 'rep1a', isAllowed: false },
  { why: 'readWrite rule covers the top of roleAndSubordinates', user: 'sup1', module: 'deals', action: 'read', owner: 'mgr1', fields: { stage: 'won' }, isAllowed: true },
  { why: 'readWrite rule does not cover roles above', user: 'sup1', module: 'deals', action: 'read', owner: 'ceo1', fields: { stage: 'won' }, isAllowed: false },
  { why: 'seeSubordinates false hides subordinates', user: 'sup1', module: 'deals', action: 'read', owner: 'agent1', isAllowed: false },
  { why: "a superior's record", user: 'agent1', module: 'deals', action: 'read', owner: 'sup1', isAllowed: false },
  { why: 'owned by my group (roleAndSubordinates member)', user: 'agent1', module: 'deals', action: 'update', owner: 'group:supportTeam', isAllowed: true },
  { why: 'profile has no export', user: 'rep1a', module: 'deals', action: 'export', owner: 'rep1a', isAllowed: false },
  { why: 'create needs only the profile', user: 'rep1a', module: 'deals', action: 'create', owner: 'rep1b', isAllowed: true },
  { why: 'profile has no import', user: 'rep1a', module: 'deals', action: 'import', owner: 'rep1a', isAllowed: false },
  { why: 'profiles unite: importer adds import', user: 'rep2a', module: 'deals', action: 'import', owner: 'rep2a', isAllowed: true },
  { why: 'administrator sees every record', user: 'admin1', module: 'deals', action: 'read', owner: 'rep1a', fields: { stage: 'open' }, isAllowed: true },
  { why: 'administrator updates every record', user: 'admin1', module: 'deals', action: 'update', owner: 'ceo1', isAllowed: true },
  { why: 'administrator gets no action its profile lacks', user: 'admin1', module: 'deals', action: 'delete', owner: 'admin1', isAllowed: false },
  // accounts: private; salesTeam-owned → support and below read when tech; supportAgent → salesManager readWrite
  { why: 'read rule from a group member', user: 'agent1', module: 'accounts', action: 'read', owner: 'rep2a', fields: { industry: 'tech' }, isAllowed: true },
  { why: 'read rule: owner not in the group', user: 'agent1', module: 'accounts', action: 'read', owner: 'rep1a', fields: { industry: 'tech' }, isAllowed: false },
  { why: 'read rule: owned by a nested group', user: 'agent1', module: 'accounts', action: 'read', owner: 'group:northTeam', fields: { industry: 'tech' }, isAllowed: true },
  { why: 'read rule: owned by the group itself', user: 'sup1', module: 'accounts', action: 'read', owner: 'group:salesTeam', fields: { industry: 'tech' }, isAllowed: true },
  { why: 'read rule: criteria fail', user: 'agent1', module: 'accounts', action: 'read', owner: 'group:salesTeam', fields: { industry: 'retail' }, isAllowed: false },
  { why: 'read rule with criteria never grants update', user: 'agent1', module: 'accounts', action: 'update', owner: 'mgr1', fields: { industry: 'tech' }, isAllowed: false },
  { why: 'readWrite rule without criteria: read', user: 'mgr1', module: 'accounts', action: 'read', owner: 'agent1', isAllowed: true },
  { why: 'readWrite rule without criteria: update', user: 'mgr1', module: 'accounts', action: 'update', owner: 'agent1', isAllowed: true },
  { why: 'a readWrite rule never grants delete', user: 'mgr1', module: 'accounts', action: 'delete', owner: 'agent1', isAllowed: false },
  { why: 'a role rule does not reach subordinates of the shared role', user: 'rep1a', module: 'accounts', action: 'read', owner: 'agent1', isAllowed: false },
  // contacts: publicRead
  { why: 'publicRead: everyone reads', user: 'rep1a', module: 'contacts', action: 'read', owner: 'sup1', isAllowed: true },
  { why: 'publicRead: not update', user: 'rep1a', module: 'contacts', action: 'update', owner: 'sup1', isAllowed: false },
  { why: 'publicRead: own record still updatable', user: 'rep1a', module: 'contacts', action: 'update', owner: 'rep1a', isAllowed: true },
  { why: 'publicRead: export with the profile', user: 'sup1', module: 'contacts', action: 'export', owner: 'rep1a', isAllowed: true },
  // cases: publicReadWrite
  { why: 'publicReadWrite: everyone updates', user: 'rep1a', module: 'cases', action: 'update', owner: 'sup1', isAllowed: true },
  { why: 'publicReadWrite: not delete', user: 'rep1a', module: 'cases', action: 'delete', owner: 'sup1', isAllowed: false },
  { why: 'publicReadWrite: own record deletable', user: 'rep1a', module: 'cases', action: 'delete', owner: 'rep1a', isAllowed: true },
  // notes: publicFull
  { why: 'publicFull: everyone deletes', user: 'rep1a', module: 'notes', action: 'delete', owner: 'sup1', isAllowed: true },
  { why: 'publicFull: still needs the profile action', user: 'sup1', module: 'notes', action: 'delete', owner: 'rep1a', isAllowed: false },
  // leads: no sharing document
  { why: 'no sharing document is private', user: 'rep1a', module: 'leads', action: 'read', owner: 'rep1b', isAllowed: false },
  { why: 'no sharing document: subordinates still visible', user: 'mgr1', module: 'leads', action: 'read', owner: 'rep1a', isAllowed: true },
  { why: 'a module the profiles leave out', user: 'sup1', module: 'leads', action: 'read', owner: 'sup1', isAllowed: false },
  // users without a principal
  { why: 'an inactive user', user: 'gone1', module: 'notes', action: 'read', owner: 'gone1', isAllowed: false },
  { why: 'a user missing from the directory', user: 'stranger', module: 'notes', action: 'read', owner: 'stranger', isAllowed: false },
];

describe('compileStaffPrincipal: the fixture access matrix', () => {
  it.each(matrix)('$user $action $module owned by $owner: $isAllowed ($why)', (row) => {
    const record = { name: 'r', owner: row.owner, ...row.fields };
    const principal = principalOf({ userId: row.user });
    expect(staffAllows({ principal, module: row.module, action: row.action, record })).toBe(row.isAllowed);
    const isReferenceAllowed = canAccess({
      app,
      directory: staffOrgDirectory,
      userId: row.user,
      isAdministrator: staffOrgAdministrators.has(row.user),
      module: row.module,
      record,
      action: row.action,
    });
    expect(isReferenceAllowed).toBe(row.isAllowed);
  });

  it('agrees with the reference on every user, module, action and owner of the fixture', () => {
    const owners = [...staffOrgDirectory.users.map((user) => user.id), 'group:northTeam', 'group:salesTeam'];
    owners.push('group:supportTeam', 'group:everyone', 'nobody');
    const variants = [{}, { stage: 'won' }, { stage: 'open' }, { industry: 'tech' }, { industry: 'retail' }];
    const mismatches: string[] = [];
    for (const user of staffOrgDirectory.users) {
      const principal = principalOf({ userId: user.id });
      for (const module of moduleNames) {
        for (const action of recordActions) {
          for (const owner of owners) {
            for (const fields of variants) {
              const record = { owner, ...fields };
              const isAllowed = staffAllows({ principal, module, action, record });
              const isExpected = canAccess({
                app,
                directory: staffOrgDirectory,
                userId: user.id,
                isAdministrator: staffOrgAdministrators.has(user.id),
                module,
                record,
                action,
              });
              if (isAllowed !== isExpected)
                mismatches.push(`${user.id} ${action} ${module} ${JSON.stringify(record)}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('compileStaffPrincipal: attributes', () => {
  it.each([
    {
      user: 'mgr1',
      groupIds: ['everyone', 'salesTeam'],
      visibleOwnerIds: ['gone1', 'group:everyone', 'group:salesTeam', 'mgr1', 'rep1a', 'rep1b', 'rep2a'],
    },
    { user: 'rep1a', groupIds: [], visibleOwnerIds: ['rep1a'] },
    {
      user: 'rep2a',
      groupIds: ['everyone', 'northTeam', 'salesTeam'],
      visibleOwnerIds: ['group:everyone', 'group:northTeam', 'group:salesTeam', 'rep2a'],
    },
    {
      user: 'sup1',
      groupIds: ['everyone', 'supportTeam'],
      visibleOwnerIds: ['group:everyone', 'group:supportTeam', 'sup1'],
    },
    {
      user: 'ceo1',
      groupIds: [],
      visibleOwnerIds: ['admin1', 'agent1', 'ceo1', 'gone1', 'mgr1', 'rep1a', 'rep1b', 'rep2a', 'sup1'],
    },
  ])(
    '$user sees itself, its subordinates and its groups as owners',
    ({ user, groupIds, visibleOwnerIds }) => {
      const principal = compiled(user);
      expect(principal.kind).toBe('staff');
      expect(principal.id).toBe(user);
      expect(principal.attributes).toEqual({
        id: user,
        roleId: staffOrgDirectory.users.find((u) => u.id === user)?.role,
        groupIds,
        visibleOwnerIds,
      });
    },
  );
});

describe('compileStaffPrincipal: grants', () => {
  it('groups actions by scope: own records for writes, everything for reading and creating under publicRead', () => {
    const grants = compiled('rep1a').grants.filter((grant) => grant.module === 'contacts');
    expect(grants.map((grant) => ({ actions: grant.actions, kind: grant.where.kind }))).toEqual([
      { actions: ['read', 'create'], kind: 'true' },
      { actions: ['update', 'delete'], kind: 'condition' },
    ]);
    expect(grants[1]?.where).toMatchObject({
      op: 'in',
      field: { path: 'owner' },
      value: { variable: '$principal.visibleOwnerIds' },
    });
  });

  it('keeps a sharing rule as a literal owner list in the read scope only', () => {
    const grants = compiled('rep2a').grants.filter((grant) => grant.module === 'deals');
    expect(grants.map((grant) => grant.actions)).toEqual([
      ['read'],
      ['create', 'import'],
      ['update', 'delete'],
    ]);
    const [read] = grants;
    expect(read?.where.kind).toBe('or');
    expect(JSON.stringify(read?.where)).toContain('["gone1","rep1a","rep1b"]');
    expect(grants.every((grant) => grant.fieldMode === 'denyList')).toBe(true);
  });

  it('ANDs a rule with its criteria', () => {
    const read = compiled('sup1').grants.find(
      (grant) => grant.module === 'deals' && grant.actions.includes('read'),
    );
    expect(read?.where).toMatchObject({
      kind: 'or',
      children: [
        { kind: 'condition', value: { variable: '$principal.visibleOwnerIds' } },
        {
          kind: 'and',
          children: [
            { kind: 'condition', op: 'in', value: ['gone1', 'mgr1', 'rep1a', 'rep1b', 'rep2a'] },
            { kind: 'condition', op: 'eq', field: { path: 'stage' }, value: 'won' },
          ],
        },
      ],
    });
  });

  it('gives an administrator one grant per module, on every record, with only its profile actions', () => {
    const grants = compiled('admin1').grants;
    expect(grants.map((grant) => [grant.module, grant.actions, grant.where.kind])).toEqual(
      ['accounts', 'deals', 'contacts', 'cases', 'notes'].map((module) => [
        module,
        ['read', 'create', 'update', 'export'],
        'true',
      ]),
    );
  });

  it.each([
    { user: 'rep1a', margin: 'hidden' },
    { user: 'rep2a', margin: 'readOnly' },
    { user: 'mgr1', margin: 'readOnly' },
    { user: 'ceo1', margin: undefined },
  ])("carries the merged profile field levels: $user's deal margin is $margin", ({ user, margin }) => {
    const grants = compiled(user).grants.filter((grant) => grant.module === 'deals');
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) expect(grant.fields.margin).toBe(margin);
  });

  it('returns a frozen principal', () => {
    const principal = compiled('rep1a');
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.grants)).toBe(true);
    expect(Object.isFrozen(principal.attributes.visibleOwnerIds)).toBe(true);
  });
});

describe('compileStaffPrincipal: who gets no principal or no grants', () => {
  it.each([
    { why: 'an inactive user', userId: 'gone1' },
    { why: 'a user missing from the directory', userId: 'stranger' },
    { why: 'an id that is a group owner key', userId: 'group:salesTeam' },
  ])('returns null for $why', ({ userId }) => {
    const directory = {
      users: [...staffOrgDirectory.users, { id: 'group:salesTeam', role: 'ceo', active: true }],
    };
    expect(principalOf({ userId, directory })).toBeNull();
  });

  it('gives a user whose role is unknown a principal with no grants', () => {
    const directory = { users: [{ id: 'lost', role: 'noSuchRole', active: true }] };
    const principal = principalOf({ userId: 'lost', directory });
    expect(principal?.grants).toEqual([]);
    expect(principal?.attributes.visibleOwnerIds).toEqual(['lost']);
  });

  it('never lets a directory entry posing as a group owner key widen a manager', () => {
    const directory = {
      users: [...staffOrgDirectory.users, { id: 'group:supportTeam', role: 'rep1', active: true }],
    };
    const principal = principalOf({ userId: 'mgr1', directory });
    expect(principal?.attributes.visibleOwnerIds).not.toContain('group:supportTeam');
  });
});

describe('compileStaffPrincipal: revocation is a recompile away', () => {
  const shared = { module: 'deals', action: 'read', record: { owner: 'rep1a', stage: 'won' } } as const;

  function withSharing(module: string, change: (doc: SharingDoc) => SharingDoc): MetadataDoc[] {
    return staffOrgDocs().map((doc) => (doc.kind === 'sharing' && doc.module === module ? change(doc) : doc));
  }

  it('moving a user to another role drops what the old role was shared', () => {
    expect(staffAllows({ principal: principalOf({ userId: 'rep2a' }), ...shared })).toBe(true);
    const directory = {
      users: staffOrgDirectory.users.map((user) => (user.id === 'rep2a' ? { ...user, role: 'rep1' } : user)),
    };
    expect(staffAllows({ principal: principalOf({ userId: 'rep2a', directory }), ...shared })).toBe(false);
  });

  it('removing a sharing rule drops the records it shared', () => {
    expect(staffAllows({ principal: principalOf({ userId: 'sup1' }), ...shared })).toBe(true);
    const docs = withSharing('deals', (doc) => ({
      ...doc,
      rules: doc.rules.filter((rule) => rule.name !== 'supportWorksWonDeals'),
    }));
    expect(
      staffAllows({ principal: principalOf({ userId: 'sup1', app: loadStaffApp(docs) }), ...shared }),
    ).toBe(false);
  });

  it('turning a readWrite rule into a read rule drops update', () => {
    const update = { ...shared, action: 'update' } as const;
    expect(staffAllows({ principal: principalOf({ userId: 'sup1' }), ...update })).toBe(true);
    const docs = withSharing('deals', (doc) => ({
      ...doc,
      rules: doc.rules.map((rule) => ({ ...rule, access: 'read' as const })),
    }));
    const changedApp = loadStaffApp(docs);
    expect(staffAllows({ principal: principalOf({ userId: 'sup1', app: changedApp }), ...update })).toBe(
      false,
    );
    expect(staffAllows({ principal: principalOf({ userId: 'sup1', app: changedApp }), ...shared })).toBe(
      true,
    );
  });

  it('leaving a group drops the records the group owns', () => {
    const groupOwned = { module: 'deals', action: 'update', record: { owner: 'group:salesTeam' } } as const;
    expect(staffAllows({ principal: principalOf({ userId: 'rep2a' }), ...groupOwned })).toBe(true);
    const docs = staffOrgDocs().map((doc) =>
      doc.kind === 'group' && doc.name === 'northTeam' ? { ...doc, members: {} } : doc,
    );
    const principal = principalOf({ userId: 'rep2a', app: loadStaffApp(docs) });
    expect(staffAllows({ principal, ...groupOwned })).toBe(false);
  });

  it('making an org-wide default private drops public reading', () => {
    const publicRecord = { module: 'contacts', action: 'read', record: { owner: 'sup1' } } as const;
    expect(staffAllows({ principal: principalOf({ userId: 'rep1a' }), ...publicRecord })).toBe(true);
    const docs = withSharing('contacts', (doc) => ({ ...doc, orgDefault: 'private' }));
    const principal = principalOf({ userId: 'rep1a', app: loadStaffApp(docs) });
    expect(staffAllows({ principal, ...publicRecord })).toBe(false);
  });

  it('deactivating a user removes the principal', () => {
    const directory = {
      users: staffOrgDirectory.users.map((user) => (user.id === 'rep1a' ? { ...user, active: false } : user)),
    };
    expect(principalOf({ userId: 'rep1a', directory })).toBeNull();
  });
});
