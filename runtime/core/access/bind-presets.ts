import { fieldKind } from '../filter/field-kind.ts';
import { normalizeScalar } from '../filter/normalize-scalar.ts';
import { parseVariable } from '../filter/parse-variable.ts';
import type { FilterField, PrincipalAttributes, Scalar } from '../filter/types.ts';
import type { CompiledModule } from '../metadata/compile-module.ts';
import { forbiddenKeys } from './forbidden-keys.ts';
import { isSameValue } from './is-same-value.ts';
import type { Grant } from './types.ts';

type PresetValue = Scalar | readonly Scalar[];

function clockValue(args: { kind: 'now' | 'today'; field: FilterField; now: Date }): Scalar | undefined {
  const iso = args.now.toISOString();
  const today = iso.slice(0, 10);
  const kind = fieldKind(args.field);
  if (kind === 'date') return today;
  if (kind !== 'dateTime') return undefined;
  return args.kind === 'now' ? iso : `${today}T00:00:00.000Z`;
}

function attributeValue(args: {
  attribute: string;
  field: FilterField;
  principal: PrincipalAttributes;
}): PresetValue | undefined {
  const { attribute, field, principal } = args;
  const value = Object.hasOwn(principal, attribute) ? principal[attribute] : undefined;
  if (!Array.isArray(value)) return normalizeScalar({ value, field });
  const kind = fieldKind(field);
  if (kind !== 'multiSelect' && kind !== 'referenceMany') return undefined;
  const values: Scalar[] = [];
  for (const element of value) {
    const normalized = normalizeScalar({ value: element, field });
    if (normalized === undefined) return undefined;
    values.push(normalized);
  }
  return values;
}

/** The value one preset stands for, or `undefined` when it cannot be resolved. */
function bindPresetValue(args: {
  raw: unknown;
  field: FilterField;
  principal: PrincipalAttributes;
  now: Date;
}): PresetValue | undefined {
  const { raw, field } = args;
  if (typeof raw !== 'string') return undefined;
  if (raw.startsWith('$$')) return normalizeScalar({ value: raw.slice(1), field });
  if (!raw.startsWith('$')) return normalizeScalar({ value: raw, field });
  const target = parseVariable(raw);
  if (!target) return undefined;
  if (target.kind !== 'principal') return clockValue({ kind: target.kind, field, now: args.now });
  return attributeValue({ attribute: target.attribute, field, principal: args.principal });
}

/**
 * The union of `grants`' presets, bound: `$principal.x` is the attribute, `$now`/`$today` the clock
 * (date and dateTime fields only), `$$text` the literal `$text`, anything else a literal; every value
 * normalised for its field like a filter literal. Returns `undefined` — the caller must refuse the
 * write — when any preset names a field the module does not have or a system field, cannot be
 * resolved (missing, null or ill-typed attribute, unknown variable), or two grants force one field
 * to different values.
 */
export function bindPresets(args: {
  grants: readonly Grant[];
  module: CompiledModule;
  principal: PrincipalAttributes;
  now: Date;
}): Readonly<Record<string, unknown>> | undefined {
  const preset: Record<string, unknown> = {};
  for (const grant of args.grants) {
    const presets = grant.presets ?? {};
    for (const name of Object.keys(presets)) {
      const field = args.module.fields.get(name);
      if (forbiddenKeys.has(name) || !field || field.isSystem) return undefined;
      const value = bindPresetValue({ raw: presets[name], field, principal: args.principal, now: args.now });
      if (value === undefined) return undefined;
      if (Object.hasOwn(preset, name) && !isSameValue({ left: preset[name], right: value })) return undefined;
      preset[name] = value;
    }
  }
  return Object.freeze(preset);
}
