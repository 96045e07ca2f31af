import type { ConversionSpec, ConversionTarget } from '../../../core/metadata/types.ts';
import type { ConversionOptions } from './conversion-types.ts';
import { invalidConversion } from './conversion-errors.ts';

/**
 * The targets one conversion writes, in an order where every target comes after the targets it
 * links to: the required ones plus the optional ones `options.targets` names. Refuses (400) unknown
 * target keys in `targets`, `overrides` and `link`, overrides or links for targets not converted,
 * overrides of fields a link sets, and links that go round in a circle.
 */
export function planConversionTargets(args: {
  spec: ConversionSpec;
  options: ConversionOptions;
}): ConversionTarget[] {
  const { spec, options } = args;
  const byKey = new Map(spec.targets.map((target) => [target.key, target]));
  const asked = new Set(options.targets ?? []);
  for (const key of asked)
    if (!byKey.has(key)) throw invalidConversion(`There is no conversion target "${key}"`);
  const included = spec.targets.filter((target) => !target.optional || asked.has(target.key));
  const includedKeys = new Set(included.map((target) => target.key));
  for (const [option, keys] of [
    ['overrides', Object.keys(options.overrides ?? {})],
    ['link', Object.keys(options.link ?? {})],
  ] as const) {
    for (const key of keys) {
      if (!includedKeys.has(key)) throw invalidConversion(`${option}.${key}: "${key}" is not converted here`);
    }
  }
  for (const target of included) {
    const overrides = options.overrides?.[target.key] ?? {};
    for (const field of Object.keys(target.links ?? {})) {
      if (field in overrides) {
        throw invalidConversion(`overrides.${target.key}.${field}: the conversion links this field itself`);
      }
    }
  }
  const ordered: ConversionTarget[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (target: ConversionTarget) => {
    const seen = state.get(target.key);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw invalidConversion(`The conversion's links go round in a circle at "${target.key}"`);
    state.set(target.key, 'visiting');
    for (const key of Object.values(target.links ?? {})) {
      const linked = byKey.get(key);
      if (linked && includedKeys.has(key)) visit(linked);
    }
    state.set(target.key, 'done');
    ordered.push(target);
  };
  for (const target of included) visit(target);
  return ordered;
}
