import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledApp } from '../../metadata/compile-app.ts';
import {
  type FieldLevel,
  type GroupDoc,
  type MetadataDoc,
  type OrgDefault,
  orgDefaults,
  type PrincipalSet,
  type ProfileDoc,
  type ProfileModuleAccess,
  recordActions,
  type RoleDoc,
  type SharingDoc,
  type SharingRule,
} from '../../metadata/types.ts';
import { compileStaffPrincipal } from './compile-staff-principal.ts';
import { canAccess } from './reference-vtiger.test-helper.ts';
import type { StaffDirectory } from './staff-directory.ts';
import { staffAllows } from './staff-allows.test-helper.ts';
import { loadStaffApp } from './staff-fixture-org.test-helper.ts';

/** How many random orgs each property checks. */
const agreementRuns = 500;
const readRuleRuns = 200;

const modules = ['alpha', 'beta'] as const;
const stages = ['s1', 's2', 's3'] as const;

const setSpec = fc.record({
  type: fc.constantFrom<PrincipalSet['type']>('role', 'roleAndSubordinates', 'group'),
  index: fc.nat(),
});

const worldSpec = fc.record({
  roles: fc.array(
    fc.record({
      parent: fc.option(fc.nat(), { nil: undefined }),
      seeSubordinates: fc.option(fc.boolean(), { nil: undefined }),
      profiles: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  profiles: fc.array(
    fc.array(
      fc.option(
        fc.record({
          actions: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          stage: fc.option(fc.constantFrom<FieldLevel>('hidden', 'readOnly', 'readWrite'), {
            nil: undefined,
          }),
        }),
        { nil: undefined, freq: 4 },
      ),
      { minLength: modules.length, maxLength: modules.length },
    ),
    { minLength: 1, maxLength: 3 },
  ),
  users: fc.array(
    fc.record({
      role: fc.nat(),
      active: fc.constantFrom(true, true, true, false),
      isAdministrator: fc.constantFrom(false, false, false, false, true),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  groups: fc.array(
    fc.record({
      users: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
      roles: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
      rolesAndSubordinates: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
      groups: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
    }),
    { maxLength: 4 },
  ),
  sharing: fc.array(
    fc.option(
      fc.record({
        orgDefault: fc.constantFrom<OrgDefault>(...orgDefaults),
        rules: fc.array(
          fc.record({
            ownedBy: setSpec,
            sharedWith: setSpec,
            access: fc.constantFrom<SharingRule['access']>('read', 'readWrite'),
            criteria: fc.option(
              fc.record({
                op: fc.constantFrom('eq', 'ne', 'in'),
                values: fc.uniqueArray(fc.constantFrom(...stages), { minLength: 1, maxLength: 2 }),
              }),
              { nil: undefined },
            ),
          }),
          { maxLength: 4 },
        ),
      }),
      { nil: undefined, freq: 5 },
    ),
    { minLength: modules.length, maxLength: modules.length },
  ),
  records: fc.array(
    fc.record({
      module: fc.constantFrom(...modules),
      owner: fc.nat(),
      stage: fc.option(fc.constantFrom(...stages), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

type WorldSpec = typeof worldSpec extends fc.Arbitrary<infer T> ? T : never;

type World = {
  docs: MetadataDoc[];
  directory: StaffDirectory;
  administrators: ReadonlySet<string>;
  records: { module: string; record: Record<string, unknown> }[];
};

const privileges: ProfileDoc['privileges'] = {
  manageMetadata: false,
  manageUsers: false,
  managePortals: false,
  managePlugins: false,
  viewAudit: false,
};

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function moduleAccess(spec: { actions: boolean[]; stage: FieldLevel | undefined }): ProfileModuleAccess {
  const [read, create, update, remove, exportAll, importAll] = spec.actions;
  const access: ProfileModuleAccess = {
    read: read === true,
    create: create === true,
    update: update === true,
    delete: remove === true,
    export: exportAll === true,
    import: importAll === true,
  };
  return spec.stage ? { ...access, fields: { stage: spec.stage } } : access;
}

/** Turns index-based random choices into a consistent org: every name a document uses exists. */
function buildWorld(spec: WorldSpec): World {
  const roleNames = spec.roles.map((_, i) => `r${i}`);
  const profileNames = spec.profiles.map((_, i) => `p${i}`);
  const groupNames = spec.groups.map((_, i) => `g${i}`);
  const userIds = spec.users.map((_, i) => `u${i}`);
  const toSet = (set: { type: PrincipalSet['type']; index: number }): PrincipalSet =>
    set.type === 'group' && groupNames.length > 0
      ? { type: 'group', name: pick(groupNames, set.index) }
      : { type: set.type === 'group' ? 'role' : set.type, name: pick(roleNames, set.index) };
  const names = (indices: number[], pool: readonly string[]) =>
    pool.length === 0 ? [] : [...new Set(indices.map((index) => pick(pool, index)))];

  const docs: MetadataDoc[] = [
    { kind: 'app', name: 'world', label: 'World', plugins: [], navigation: [], branding: { title: 'W' } },
    ...modules.map(
      (name): MetadataDoc => ({
        kind: 'module',
        name,
        label: name,
        titleField: 'note',
        fields: [
          { name: 'note', type: 'text', label: 'Note' },
          {
            name: 'stage',
            type: 'select',
            label: 'Stage',
            options: stages.map((value) => ({ value, label: value })),
          },
        ],
      }),
    ),
    ...spec.profiles.map((perModule, i): ProfileDoc => {
      const entries = modules.flatMap((module, m) => {
        const access = perModule[m];
        return access ? [[module, moduleAccess(access)] as const] : [];
      });
      return {
        kind: 'profile',
        name: `p${i}`,
        label: `p${i}`,
        modules: Object.fromEntries(entries),
        privileges,
      };
    }),
    ...spec.roles.map((role, i): RoleDoc => {
      const doc: RoleDoc = {
        kind: 'role',
        name: `r${i}`,
        label: `r${i}`,
        profiles: names(role.profiles, profileNames),
      };
      if (i > 0 && role.parent !== undefined) doc.parent = pick(roleNames.slice(0, i), role.parent);
      if (role.seeSubordinates !== undefined) doc.seeSubordinates = role.seeSubordinates;
      return doc;
    }),
    ...spec.groups.map(
      (group, i): GroupDoc => ({
        kind: 'group',
        name: `g${i}`,
        label: `g${i}`,
        members: {
          users: names(group.users, [...userIds, 'ghost']),
          roles: names(group.roles, roleNames),
          rolesAndSubordinates: names(group.rolesAndSubordinates, roleNames),
          // Only later groups, so nesting never cycles and runs against document order.
          groups: names(group.groups, groupNames.slice(i + 1)),
        },
      }),
    ),
    ...modules.flatMap((module, m): SharingDoc[] => {
      const sharing = spec.sharing[m];
      if (!sharing) return [];
      const rules = sharing.rules.map(
        (rule, r): SharingRule => ({
          name: `rule${r}`,
          ownedBy: toSet(rule.ownedBy),
          sharedWith: toSet(rule.sharedWith),
          access: rule.access,
          ...(rule.criteria && {
            criteria: {
              stage: {
                [rule.criteria.op]:
                  rule.criteria.op === 'in' ? rule.criteria.values : rule.criteria.values[0],
              },
            },
          }),
        }),
      );
      return [
        { kind: 'sharing', name: module, label: module, module, orgDefault: sharing.orgDefault, rules },
      ];
    }),
  ];

  const owners = [...userIds, ...groupNames.map((name) => `group:${name}`), 'ghost', 'nobody', null];
  return {
    docs,
    directory: {
      users: spec.users.map((user, i) => ({
        id: `u${i}`,
        role: pick(roleNames, user.role),
        active: user.active,
      })),
    },
    administrators: new Set(userIds.filter((_, i) => spec.users[i]?.isAdministrator)),
    records: spec.records.map((record) => {
      const owner = pick(owners, record.owner);
      return {
        module: record.module,
        record: { note: 'n', ...(owner !== null && { owner }), ...(record.stage && { stage: record.stage }) },
      };
    }),
  };
}

/** Every (user, record, action) where the compiled grants and the reference disagree. */
function mismatches(args: { world: World; app: CompiledApp }): string[] {
  const { world, app } = args;
  const found: string[] = [];
  for (const user of world.directory.users) {
    const isAdministrator = world.administrators.has(user.id);
    const principal = compileStaffPrincipal({
      app,
      directory: world.directory,
      userId: user.id,
      isAdministrator,
    });
    for (const { module, record } of world.records) {
      for (const action of recordActions) {
        const isAllowed = staffAllows({ principal, module, action, record });
        const isExpected = canAccess({
          app,
          directory: world.directory,
          userId: user.id,
          isAdministrator,
          module,
          record,
          action,
        });
        if (isAllowed !== isExpected) {
          found.push(`${user.id} ${action} ${module} ${JSON.stringify(record)}: compiled ${isAllowed}`);
        }
      }
    }
  }
  return found;
}

describe('compileStaffPrincipal: random orgs (SECURITY-TESTS A.7)', () => {
  it('agrees with the reference vtiger model on every user, record and action', () => {
    fc.assert(
      fc.property(worldSpec, (spec) => {
        const world = buildWorld(spec);
        expect(mismatches({ world, app: loadStaffApp(world.docs) })).toEqual([]);
      }),
      { numRuns: agreementRuns },
    );
  });

  it('never lets a read rule allow an update or a delete', () => {
    fc.assert(
      fc.property(worldSpec, (spec) => {
        const world = buildWorld(spec);
        const withoutReadRules = world.docs.map((doc) =>
          doc.kind === 'sharing'
            ? { ...doc, rules: doc.rules.filter((rule) => rule.access !== 'read') }
            : doc,
        );
        const app = loadStaffApp(world.docs);
        const appWithout = loadStaffApp(withoutReadRules);
        for (const user of world.directory.users) {
          const compile = (from: CompiledApp) =>
            compileStaffPrincipal({
              app: from,
              directory: world.directory,
              userId: user.id,
              isAdministrator: world.administrators.has(user.id),
            });
          const principal = compile(app);
          const principalWithout = compile(appWithout);
          for (const { module, record } of world.records) {
            for (const action of ['update', 'delete'] as const) {
              expect(staffAllows({ principal, module, action, record })).toBe(
                staffAllows({ principal: principalWithout, module, action, record }),
              );
            }
          }
        }
      }),
      { numRuns: readRuleRuns },
    );
  });
});
