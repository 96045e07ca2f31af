import { isVariable } from '../../filter/is-variable.ts';
import type { FilterNode, Variable } from '../../filter/types.ts';
import type { CompiledModule } from '../../metadata/compile-module.ts';

const falseNode: FilterNode = { kind: 'false' };

/**
 * `<ownerField> in owners` on `module`: owners is a literal list of owner values (user ids and
 * `group:<name>` keys) or a list variable such as `$principal.visibleOwnerIds`. Fails closed: FALSE
 * for an empty list or a module whose owner field is missing.
 */
export function ownerCondition(args: {
  module: CompiledModule;
  owners: readonly string[] | Variable;
}): FilterNode {
  const { module, owners } = args;
  const field = module.fields.get(module.ownerField);
  if (!field || (!isVariable(owners) && owners.length === 0)) return falseNode;
  return {
    kind: 'condition',
    field: { path: field.name, module: module.name, field },
    op: 'in',
    value: isVariable(owners) ? owners : [...owners],
  };
}
