import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import { validationFailed } from './build-input-validator.ts';

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Normalisers by field type: dates must exist, date-times become canonical UTC ISO strings. */
const normalizers: Record<string, (value: unknown, field: string) => unknown> = {
  date: (value, field) => {
    if (typeof value !== 'string' || !isRealDate(value))
      throw validationFailed(`${field} is not a real date`, {
        fields: [{ field, message: 'is not a real date' }],
      });
    return value;
  },
  dateTime: (value, field) => {
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(time))
      throw validationFailed(`${field} is not a real date-time`, {
        fields: [{ field, message: 'is not a real date-time' }],
      });
    return new Date(time).toISOString();
  },
};

function defaultValue(value: unknown, now: Date): unknown {
  if (value === '$now') return now.toISOString();
  if (value === '$today') return now.toISOString().slice(0, 10);
  return value;
}

/**
 * Normalises validated values for storage; on create, fills fields the input left out with their
 * metadata defaults.
 */
export function prepareValues(args: {
  module: CompiledModule;
  set: Readonly<Record<string, unknown>>;
  mode: 'create' | 'update';
  now: Date;
}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args.set)) {
    const field = args.module.fields.get(name);
    const normalize = field ? normalizers[field.type] : undefined;
    values[name] = normalize ? normalize(value, name) : value;
  }
  if (args.mode === 'create') {
    for (const field of args.module.customFields) {
      const fallback = field.def?.default;
      if (fallback !== undefined && !(field.name in values))
        values[field.name] = defaultValue(fallback, args.now);
    }
  }
  return values;
}
