import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type { Store } from '../../store/types.ts';
import { nextSequence } from './next-sequence.ts';

/** Gives each autoNumber field of a new record its next value: prefix + zero-padded number. */
export async function assignAutoNumbers(args: {
  tx: Store;
  module: CompiledModule;
  values: Record<string, unknown>;
  at: string;
}): Promise<void> {
  for (const field of args.module.customFields) {
    if (field.type !== 'autoNumber') continue;
    const spec = field.def?.autoNumber ?? { prefix: '', start: 1, padding: 0 };
    const n = await nextSequence({
      tx: args.tx,
      key: `${args.module.name}.${field.name}`,
      start: spec.start,
      at: args.at,
    });
    args.values[field.name] = `${spec.prefix}${String(n).padStart(spec.padding, '0')}`;
  }
}
