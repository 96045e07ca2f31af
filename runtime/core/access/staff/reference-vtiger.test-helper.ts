import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { FilterJson, PrincipalSet, RecordAction } from '../../metadata/types.ts';
import type { StaffDirectory } from './staff-directory.ts';

/**
 * A deliberately naive reference of the staff (vtiger) model for tests: it answers one record at a
 * time straight from the documents — walking `parent` links, group member lists and rule lists with
 * plain loops — and shares no code with the compiler. Sharing criteria are read from their JSON and
 * support only `{ field: { eq | ne | in: … } }`, `and` and `or` (it throws on anything else).
 */

type Record_ = { readonly [field: string]: unknown };

function isBelowOrAt(args: { app: CompiledApp; role: string; top: string }): boolean {
  const seen = new Set<string>();
  for (let current: string | undefined = args.role; current !== undefined; ) {
    if (current === args.top) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = args.app.roles.get(current)?.parent ?? undefined;
  }
  return false;
}

function isStrictlyBelow(args: { app: CompiledApp; role: string; top: string }): boolean {
  return args.role !== args.top && isBelowOrAt(args);
}

/** Whether a user (id, and role when known) is a member of group `name`, nested groups included. */
function isMemberOf(args: {
  app: CompiledApp;
  userId: string;
  role: string | undefined;
  name: string;
  seen?: Set<string>;
}): boolean {
  const { app, userId, role, name } = args;
  const seen = args.seen ?? new Set<string>();
  if (seen.has(name)) return false;
  seen.add(name);
  const group = app.groups.get(name);
  if (!group) return false;
  if (group.members.users?.includes(userId)) return true;
  if (role !== undefined) {
    if (group.members.roles?.includes(role)) return true;
    for (const top of group.members.rolesAndSubordinates ?? []) {
      if (isBelowOrAt({ app, role, top })) return true;
    }
  }
  for (const inner of group.members.groups ?? []) {
    if (isMemberOf({ app, userId, role, name: inner, seen })) return true;
  }
  return false;
}

/** Whether group `inner` is `outer` or nested in it. */
function isGroupWithin(args: {
  app: CompiledApp;
  inner: string;
  outer: string;
  seen?: Set<string>;
}): boolean {
  const { app, inner, outer } = args;
  if (inner === outer) return app.groups.has(outer);
  const seen = args.seen ?? new Set<string>();
  if (seen.has(outer)) return false;
  seen.add(outer);
  for (const nested of app.groups.get(outer)?.members.groups ?? []) {
    if (isGroupWithin({ app, inner, outer: nested, seen })) return true;
  }
  return false;
}

function roleOf(args: { directory: StaffDirectory; userId: string }): string | undefined {
  if (args.userId.startsWith('group:')) return undefined;
  return args.directory.users.find((user) => user.id === args.userId)?.role;
}

function isOwnerIn(args: { app: CompiledApp; directory: StaffDirectory; owner: string; set: PrincipalSet }) {
  const { app, directory, owner, set } = args;
  if (owner.startsWith('group:')) {
    return (
      set.type === 'group' && isGroupWithin({ app, inner: owner.slice('group:'.length), outer: set.name })
    );
  }
  const role = roleOf({ directory, userId: owner });
  if (set.type === 'group') return isMemberOf({ app, userId: owner, role, name: set.name });
  if (role === undefined) return false;
  if (set.type === 'role') return role === set.name;
  return isBelowOrAt({ app, role, top: set.name });
}

function matchesCriteria(criteria: FilterJson | undefined | null, record: Record_): boolean {
  if (!criteria) return true;
  return Object.entries(criteria).every(([key, value]) => {
    if (key === 'and') return (value as FilterJson[]).every((part) => matchesCriteria(part, record));
    if (key === 'or') return (value as FilterJson[]).some((part) => matchesCriteria(part, record));
    const actual = Object.hasOwn(record, key) ? record[key] : undefined;
    const isPresent = actual !== undefined && actual !== null;
    return Object.entries(value as Record<string, unknown>).every(([op, operand]) => {
      if (op === 'eq') return isPresent && actual === operand;
      if (op === 'ne') return !(isPresent && actual === operand);
      if (op === 'in') return isPresent && (operand as unknown[]).includes(actual);
      throw new Error(`reference criteria: unsupported operator ${op}`);
    });
  });
}

/**
 * Whether staff user `userId` may do `action` on `record` of `module`, by the rules of the vtiger
 * model, without filters. Creating and importing ignore the record.
 */
export function canAccess(args: {
  app: CompiledApp;
  directory: StaffDirectory;
  userId: string;
  isAdministrator?: boolean;
  module: string;
  record: Record_;
  action: RecordAction;
}): boolean {
  const { app, directory, userId, module, record, action } = args;
  const user = directory.users.find((candidate) => candidate.id === userId);
  if (!user?.active || userId.startsWith('group:')) return false;
  const role = app.roles.get(user.role);
  const compiledModule = app.modules.get(module);
  if (!role || !compiledModule) return false;

  const profileAllows = (wanted: RecordAction) =>
    role.profiles.some((name) => app.profiles.get(name)?.modules[module]?.[wanted] === true);
  if (!profileAllows(action)) return false;
  if (action === 'export' && !profileAllows('read')) return false;
  if (action === 'import' && !profileAllows('create')) return false;
  if (action === 'create' || action === 'import') return true;
  if (args.isAdministrator) return true;

  const rawOwner = record[compiledModule.ownerField];
  const owner = typeof rawOwner === 'string' ? rawOwner : undefined;
  let isMine = false;
  if (owner !== undefined) {
    if (owner === userId) isMine = true;
    const ownerRole = roleOf({ directory, userId: owner });
    if (role.seeSubordinates !== false && ownerRole !== undefined) {
      if (isStrictlyBelow({ app, role: ownerRole, top: role.name })) isMine = true;
    }
    if (owner.startsWith('group:')) {
      if (isMemberOf({ app, userId, role: role.name, name: owner.slice('group:'.length) })) isMine = true;
    }
  }

  const isForMe = (set: PrincipalSet) => {
    if (set.type === 'role') return role.name === set.name;
    if (set.type === 'roleAndSubordinates') return isBelowOrAt({ app, role: role.name, top: set.name });
    return isMemberOf({ app, userId, role: role.name, name: set.name });
  };
  const sharing = app.sharing.get(module);
  let sharedRead = false;
  let sharedWrite = false;
  for (const rule of sharing?.rules ?? []) {
    if (owner === undefined) continue;
    if (!isOwnerIn({ app, directory, owner, set: rule.ownedBy })) continue;
    if (!isForMe(rule.sharedWith)) continue;
    if (!matchesCriteria(rule.criteria, record)) continue;
    sharedRead = true;
    if (rule.access === 'readWrite') sharedWrite = true;
  }

  const orgDefault = sharing?.orgDefault ?? 'private';
  if (action === 'read' || action === 'export') return isMine || sharedRead || orgDefault !== 'private';
  if (action === 'update') {
    return isMine || sharedWrite || orgDefault === 'publicReadWrite' || orgDefault === 'publicFull';
  }
  return isMine || orgDefault === 'publicFull';
}
