import { fieldNotWritable } from './field-not-writable.ts';
import { forbiddenKeys } from './forbidden-keys.ts';
import { isSameValue } from './is-same-value.ts';

/** How many refused names an error carries: enough to fix the input, bounded for huge inputs. */
const maxNamed = 10;

function isAccepted(args: {
  name: string;
  value: unknown;
  writable: ReadonlySet<string>;
  preset: Readonly<Record<string, unknown>>;
}): boolean {
  const { name, preset } = args;
  if (forbiddenKeys.has(name)) return false;
  if (Object.hasOwn(preset, name)) return isSameValue({ left: args.value, right: preset[name] });
  return args.writable.has(name);
}

function shorten(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

/**
 * Checks a create or update input against `writableFields(record)` and the decision's `preset`, and
 * returns a new object: the input with the presets merged in (presets win). Throws
 * `FIELD_NOT_WRITABLE` (400) when the input has a key that is `__proto__`/`constructor`/`prototype`,
 * a preset field with a value other than the preset, or any other field not in `writable` — hidden,
 * read-only, system or unknown alike, so the error never tells them apart. `details.field` is the
 * first refused key, `details.fields` the first ten, `details.count` how many there are.
 */
export function checkWritable(args: {
  input: Readonly<Record<string, unknown>>;
  writable: ReadonlySet<string>;
  preset: Readonly<Record<string, unknown>>;
}): Record<string, unknown> {
  const { input, writable, preset } = args;
  const refused: string[] = [];
  const result: Record<string, unknown> = {};
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (isAccepted({ name, value, writable, preset })) result[name] = value;
    else refused.push(name);
  }
  const [first] = refused;
  if (first !== undefined) {
    const named = refused.slice(0, maxNamed);
    const list = named.map((name) => `'${shorten(name)}'`).join(', ');
    const more = refused.length > maxNamed ? ` and ${refused.length - maxNamed} more` : '';
    throw fieldNotWritable(`${refused.length === 1 ? 'Field' : 'Fields'} ${list}${more} cannot be written.`, {
      field: first,
      fields: named,
      count: refused.length,
    });
  }
  for (const name of Object.keys(preset)) {
    if (forbiddenKeys.has(name)) throw new Error(`preset '${shorten(name)}' is not a field`);
    result[name] = preset[name];
  }
  return result;
}
