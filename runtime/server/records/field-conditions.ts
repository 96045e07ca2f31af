import { combine } from '../../core/filter/combine.ts';
import type { FilterNode, Operator, Scalar } from '../../core/filter/types.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';

/**
 * A bound filter built in code (never parsed from text, so values are always literals):
 * `fieldConditions({ module, conditions: [['userId', 'eq', id], ['id', 'ne', keep]] })`.
 */
export function fieldConditions(args: {
  module: CompiledModule;
  conditions: ReadonlyArray<readonly [field: string, op: Operator, value: Scalar | readonly Scalar[]]>;
}): FilterNode {
  return combine.and(
    args.conditions.map(([name, op, value]) => {
      const field = args.module.fields.get(name);
      if (!field) throw new Error(`module ${args.module.name} has no field ${name}`);
      return { kind: 'condition', field: { path: name, module: args.module.name, field }, op, value };
    }),
  );
}
