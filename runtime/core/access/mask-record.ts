import { forbiddenKeys } from './forbidden-keys.ts';

/**
 * A new plain object holding only the record's own fields named in `readable` (from
 * `readableFields(record)`), in the record's key order; every other string key, unknown keys
 * included, is dropped. Never returns `record` itself. Values are copied shallowly. Records are JSON
 * data and carry no symbol keys; one put there by code in the process is copied along.
 */
export function maskRecord(args: {
  record: Readonly<Record<string, unknown>>;
  readable: ReadonlySet<string>;
}): Record<string, unknown> {
  const { record, readable } = args;
  const hidden: string[] = [];
  for (const name in record) {
    if (Object.hasOwn(record, name) && (forbiddenKeys.has(name) || !readable.has(name))) hidden.push(name);
  }
  // Copying the record at once and deleting what is hidden (usually `deletedAt` alone) is several
  // times faster than adding the readable keys one by one to an empty object. The copy defines
  // a `__proto__` key as a plain own property, which is then deleted; the prototype is untouched.
  const masked: Record<string, unknown> = { ...record };
  for (const name of hidden) delete masked[name];
  return masked;
}
