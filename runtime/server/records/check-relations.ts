import { decideAccess } from '../../core/access/decide-access.ts';
import type { Principal } from '../../core/access/types.ts';
import { combine } from '../../core/filter/combine.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type { Store } from '../../store/types.ts';
import { validationFailed } from './build-input-validator.ts';

/**
 * Every relation value must name live records the principal may read; a hidden or missing target
 * is refused the same way, so ids cannot be probed.
 */
export async function checkRelations(args: {
  tx: Store;
  app: CompiledApp;
  principal: Principal;
  module: CompiledModule;
  values: Readonly<Record<string, unknown>>;
  now: Date;
}): Promise<void> {
  const { tx, app, principal, module, values } = args;
  for (const [name, value] of Object.entries(values)) {
    const field = module.fields.get(name);
    const target = field?.relation?.module;
    if (!target || value === undefined || value === null) continue;
    const ids = [...new Set(Array.isArray(value) ? (value as string[]) : [value as string])];
    if (ids.length === 0) continue;
    const decision = decideAccess({ app, principal, module: target, action: 'read', now: args.now });
    const idField = app.modules.get(target)?.fields.get('id');
    const found =
      decision.allowed && idField
        ? await tx.count({
            module: target,
            where: combine.and([
              decision.where,
              {
                kind: 'condition',
                field: { path: 'id', module: target, field: idField },
                op: 'in',
                value: ids,
              },
            ]),
          })
        : 0;
    if (found !== ids.length) {
      throw validationFailed(`${name}: no such ${target} record`, {
        fields: [{ field: name, message: 'no such record' }],
      });
    }
  }
}
