import { AppError } from '../../../core/errors.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { Store } from '../../../store/types.ts';
import type { HookBus } from '../../records/hook-bus.ts';
import type { ConversionOptions, ConversionResult } from './conversion-types.ts';
import { matchesConversionRule } from './matches-conversion-rule.ts';

/** Converts one record as the system for a rule; `reason` says which rule (for `asSystem`). */
export type RuleConvert = (args: {
  module: string;
  id: string;
  reason: string;
  options: ConversionOptions;
}) => Promise<ConversionResult>;

/**
 * Conversion rules (DESIGN §7): after a record is saved, the first `conversion.rules` entry of its
 * module whose `when` matches (bound with the saving principal's attributes) converts it, with the
 * rule's `portalType` and `targets`, through `convert` (which acts as the system). Records already
 * converted are skipped. The rules are read from the current app on every save, so a metadata change
 * applies at once. Errors are logged by the hook bus, never thrown to the saver; a record converted
 * meanwhile by someone else (`ALREADY_CONVERTED`) is not an error. Returns a function that removes
 * the subscription.
 */
export function registerConversionRules(args: {
  hooks: HookBus;
  getApp: () => CompiledApp;
  store: Store;
  now: () => Date;
  convert: RuleConvert;
}): () => void {
  const { hooks, getApp, convert } = args;
  return hooks.on('afterChange', async ({ principal, module, record }) => {
    const app = getApp();
    const spec = app.modules.get(module)?.doc.conversion;
    if (!spec?.rules?.length || record.deletedAt !== null) return;
    if (record[spec.statusField] === spec.convertedValue) return;
    for (const rule of spec.rules) {
      const isMatch = await matchesConversionRule({
        app,
        store: args.store,
        module,
        rule,
        record,
        principal,
        now: args.now(),
      });
      if (!isMatch) continue;
      try {
        await convert({
          module,
          id: record.id,
          reason: `conversion rule ${rule.name}`,
          options: {
            ...(rule.targets ? { targets: rule.targets } : {}),
            ...(rule.portalType ? { portalType: rule.portalType } : {}),
          },
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'ALREADY_CONVERTED') return;
        throw new Error(`conversion rule ${rule.name} could not convert ${module} ${record.id}`, {
          cause: error,
        });
      }
      return;
    }
  });
}
