import { bindVariables } from '../filter/bind-variables.ts';
import { combine } from '../filter/combine.ts';
import type { FilterNode } from '../filter/types.ts';
import type { CompiledApp } from '../metadata/compile-app.ts';
import type { CompiledModule } from '../metadata/compile-module.ts';
import { type RecordAction, recordActions } from '../metadata/types.ts';
import { bindPresets } from './bind-presets.ts';
import { type FieldAccess, grantFieldAccess } from './grant-field-access.ts';
import { isGrantApplicable } from './is-grant-applicable.ts';
import { trustedKind } from './trusted-kind.ts';
import type { AccessDecision, Principal } from './types.ts';

type Allowed = Extract<AccessDecision, { allowed: true }>;
type FieldResolvers = Pick<Allowed, 'readableFields' | 'writableFields'>;
type BoundGrant = { where: FilterNode; access: FieldAccess };

const denied: AccessDecision = Object.freeze({ allowed: false });
const trueNode: FilterNode = Object.freeze({ kind: 'true' });
const emptyFields: ReadonlySet<string> = new Set();
const emptyPreset: Readonly<Record<string, unknown>> = Object.freeze({});
/** Actions that store field values, so presets apply and an empty scope refuses them up front. */
const writeActions: ReadonlySet<RecordAction> = new Set<RecordAction>(['create', 'update', 'import']);

function hasSameFields(left: FieldAccess, right: FieldAccess): boolean {
  const isSame = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
    a.size === b.size && [...a].every((name) => b.has(name));
  return isSame(left.readable, right.readable) && isSame(left.writable, right.writable);
}

function union(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  const [only] = sets;
  if (sets.length === 1 && only) return only;
  const result = new Set<string>();
  for (const set of sets) for (const name of set) result.add(name);
  return result;
}

function fieldResolvers(bound: readonly BoundGrant[]): FieldResolvers {
  const [first] = bound;
  if (!first) return { readableFields: () => emptyFields, writableFields: () => emptyFields };
  if (bound.every((grant) => hasSameFields(grant.access, first.access))) {
    return { readableFields: () => first.access.readable, writableFields: () => first.access.writable };
  }
  const applicable = (record: Readonly<Record<string, unknown>>) =>
    bound.filter((grant) => isGrantApplicable({ where: grant.where, record })).map((grant) => grant.access);
  return {
    readableFields: (record) => union(applicable(record).map((access) => access.readable)),
    writableFields: (record) => union(applicable(record).map((access) => access.writable)),
  };
}

function systemDecision(module: CompiledModule): Allowed {
  const fields = [...module.fields.values()];
  const readable: ReadonlySet<string> = new Set(fields.map((field) => field.name));
  const writable: ReadonlySet<string> = new Set(
    fields.filter((field) => !field.isSystem).map((field) => field.name),
  );
  return {
    allowed: true,
    where: trueNode,
    readableFields: () => readable,
    writableFields: () => writable,
    preset: emptyPreset,
  };
}

/**
 * Decides what `principal` may do with `action` in `module` (DESIGN §5). Fails closed: deny when the
 * module is not in `app`, the principal is a `system` one not made by `asSystem` or of an unknown
 * kind, or none of its grants names this module and action. A genuine system principal gets every
 * known action, all records, every field to read and every non-system field to write.
 *
 * Otherwise, over the grants naming this module and action, each `where` bound for the principal
 * at `now` (grants whose scope binds to FALSE match nothing and are dropped):
 * - `where` is their OR, simplified (FALSE when none is left: an unresolvable scope matches nothing);
 * - `readableFields(record)` / `writableFields(record)`: when the grants agree on field levels (one
 *   grant is the common case) the answer is theirs and the record is not read; otherwise the union
 *   over the grants that apply to the record (`isGrantApplicable`: a scope that depends on a
 *   relation hop applies only when the record alone already decides it). Empty for a record no grant
 *   applies to; call them only on records inside `where` (for a create, the record as it would be
 *   stored; for an update, the stored record).
 * - `preset`: for `create`, `update` and `import`, the bound union of the grants' presets (`{}` for
 *   other actions). These write actions are denied when the scope is FALSE or a preset cannot be
 *   bound (see `bindPresets`), so a write never goes ahead without its forced values.
 */
export function decideAccess(args: {
  app: CompiledApp;
  principal: Principal;
  module: string;
  action: RecordAction;
  now: Date;
}): AccessDecision {
  const { principal, action, now } = args;
  const module = args.app.modules.get(args.module);
  const kind = trustedKind(principal);
  if (!module || kind === undefined) return denied;
  if (kind === 'system') return recordActions.includes(action) ? systemDecision(module) : denied;
  const matching = principal.grants.filter(
    (grant) => grant.module === module.name && grant.actions.includes(action),
  );
  if (matching.length === 0) return denied;
  const live = matching
    .map((grant) => ({
      grant,
      where: bindVariables({ node: grant.where, principal: principal.attributes, now }),
    }))
    .filter((bound) => bound.where.kind !== 'false');
  const where = combine.or(live.map((bound) => bound.where));
  let preset = emptyPreset;
  if (writeActions.has(action)) {
    const bound = bindPresets({
      grants: live.map((entry) => entry.grant),
      module,
      principal: principal.attributes,
      now,
    });
    if (where.kind === 'false' || !bound) return denied;
    preset = bound;
  }
  const resolvers = fieldResolvers(
    live.map((entry) => ({
      where: entry.where,
      access: grantFieldAccess({ grant: entry.grant, module, kind }),
    })),
  );
  return { allowed: true, where, preset, ...resolvers };
}
