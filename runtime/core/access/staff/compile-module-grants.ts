import { combine } from '../../filter/combine.ts';
import type { FilterNode } from '../../filter/types.ts';
import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { CompiledModule } from '../../metadata/compile-module.ts';
import { type RecordAction, recordActions } from '../../metadata/types.ts';
import type { Grant } from '../types.ts';
import { isUserInPrincipalSet } from './is-user-in-principal-set.ts';
import { mergeProfileAccess } from './merge-profile-access.ts';
import { ownerCondition } from './owner-condition.ts';
import type { StaffDirectory } from './staff-directory.ts';
import {
  defaultOrgDefault,
  orgDefaultScopes,
  ownershipScopes,
  ruleAccessScopes,
  type StaffScope,
  staffActionRules,
} from './staff-access-rules.ts';
import { usersInPrincipalSet } from './users-in-principal-set.ts';

const trueNode: FilterNode = { kind: 'true' };
const visibleOwners = { variable: '$principal.visibleOwnerIds' };

type ScopeArgs = {
  app: CompiledApp;
  directory: StaffDirectory;
  module: CompiledModule;
  roleId: string;
  groupIds: readonly string[];
};

/** The `where` of each row scope, from ownership, the sharing rules that share with the user and the org-wide default. */
function staffScopes(args: ScopeArgs): Record<StaffScope, FilterNode> {
  const { app, directory, module } = args;
  const clauses: Record<StaffScope, FilterNode[]> = { read: [], update: [], delete: [], any: [trueNode] };
  const add = (scopes: readonly StaffScope[], clause: FilterNode) => {
    for (const scope of scopes) clauses[scope].push(clause);
  };
  add(ownershipScopes, ownerCondition({ module, owners: visibleOwners }));
  const sharing = app.sharing.get(module.name);
  for (const rule of sharing?.rules ?? []) {
    const set = rule.sharedWith;
    if (!isUserInPrincipalSet({ app, roleId: args.roleId, groupIds: args.groupIds, set })) continue;
    const owners = usersInPrincipalSet({ app, directory, set: rule.ownedBy });
    add(
      ruleAccessScopes[rule.access],
      combine.and([ownerCondition({ module, owners }), rule.criteriaNode ?? trueNode]),
    );
  }
  add(orgDefaultScopes[sharing?.orgDefault ?? defaultOrgDefault], trueNode);
  return {
    read: combine.or(clauses.read),
    update: combine.or(clauses.update),
    delete: combine.or(clauses.delete),
    any: combine.or(clauses.any),
  };
}

const everything: Readonly<Record<StaffScope, FilterNode>> = {
  read: trueNode,
  update: trueNode,
  delete: trueNode,
  any: trueNode,
};

/**
 * The grants of one staff user on one module (DESIGN §5, the vtiger model): the actions the role's
 * profiles allow (`mergeProfileAccess`; export also needs read, import also needs create — see
 * `staffActionRules`), each on its row scope, one grant per distinct scope, all `denyList` with the
 * merged field levels:
 * - read and export: `owner in $principal.visibleOwnerIds`, OR each sharing rule sharing with the user
 *   (owner in the rule's literal owner list AND its criteria), OR TRUE unless the org-wide default is
 *   `private`;
 * - update: ownership, `readWrite` rules, TRUE for `publicReadWrite` and `publicFull`;
 * - delete: ownership, TRUE for `publicFull`;
 * - create and import: TRUE.
 * An administrator gets TRUE for every scope. Nothing for an unknown role or a module its profiles
 * leave out.
 */
export function compileModuleGrants(args: ScopeArgs & { isAdministrator: boolean }): Grant[] {
  const access = mergeProfileAccess({ app: args.app, roleId: args.roleId, module: args.module.name });
  if (!access) return [];
  const scopes = args.isAdministrator ? everything : staffScopes(args);
  const byScope = new Map<string, { where: FilterNode; actions: RecordAction[] }>();
  for (const action of recordActions) {
    const rule = staffActionRules[action];
    if (!rule.needs.every((needed) => access.actions.includes(needed))) continue;
    const where = scopes[rule.scope];
    if (where.kind === 'false') continue;
    const key = JSON.stringify(where);
    const entry = byScope.get(key) ?? { where, actions: [] };
    entry.actions.push(action);
    byScope.set(key, entry);
  }
  return [...byScope.values()].map(({ where, actions }) => ({
    module: args.module.name,
    actions,
    where,
    fieldMode: 'denyList',
    fields: access.fields,
  }));
}
