import { forbiddenKeys } from './forbidden-keys.ts';

/**
 * A new plain object holding only the record's own fields named in `readable` (from
 * `readableFields(record)`), in the record's key order; everything else, unknown keys included, is
 * dropped. Never returns `record` itself. Values are copied shallowly.
 */
export function maskRecord(args: {
  record: Readonly<Record<string, unknown>>;
  readable: ReadonlySet<string>;
}): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const name of Object.keys(args.record)) {
    if (forbiddenKeys.has(name) || !args.readable.has(name)) continue;
    masked[name] = args.record[name];
  }
  return masked;
}
