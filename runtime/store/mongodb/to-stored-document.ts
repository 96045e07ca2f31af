import type { RecordDoc } from '../types.ts';
import { invalidWrite } from './mongo-errors.ts';
import { fieldKeyPattern, systemKeys } from './stored-keys.ts';

/** A record as its collection stores it: `_id` for the id, every other field a top-level key. */
export type StoredDocument = { _id: string; [key: string]: unknown };

function text(args: { doc: RecordDoc; key: string }): string {
  const value = args.doc[args.key];
  if (typeof value !== 'string' || value === '')
    throw invalidWrite(`'${args.key}' must be a non-empty string.`);
  return value;
}

function optionalText(args: { doc: RecordDoc; key: string }): string | null {
  const value = args.doc[args.key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidWrite(`'${args.key}' must be a string or null.`);
  return value;
}

/**
 * The stored document of a record: `_id` = id, system fields checked (`INVALID_WRITE` on a malformed
 * one), `deletedAt` always present — an explicit null while live, which the partial unique indexes
 * select with `$type: 'null'` — `deletedBy` only when deleted, `undefined` values left out, and every
 * other key a plain field name, so no key can be an operator or a dotted path.
 */
export function toStoredDocument(doc: RecordDoc): StoredDocument {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (systemKeys.has(key) || value === undefined) continue;
    if (!fieldKeyPattern.test(key)) throw invalidWrite(`'${key.slice(0, 80)}' is not a field name.`);
    fields[key] = value;
  }
  if (!Number.isSafeInteger(doc.version)) throw invalidWrite("'version' must be an integer.");
  const deletedAt = optionalText({ doc, key: 'deletedAt' });
  const deletedBy = optionalText({ doc, key: 'deletedBy' });
  return {
    ...fields,
    _id: text({ doc, key: 'id' }),
    version: doc.version,
    owner: optionalText({ doc, key: 'owner' }),
    createdAt: text({ doc, key: 'createdAt' }),
    createdBy: optionalText({ doc, key: 'createdBy' }),
    updatedAt: text({ doc, key: 'updatedAt' }),
    updatedBy: optionalText({ doc, key: 'updatedBy' }),
    deletedAt,
    ...(deletedAt !== null && deletedBy !== null ? { deletedBy } : {}),
  };
}
