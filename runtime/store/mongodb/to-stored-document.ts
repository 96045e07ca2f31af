import { readSystemFields } from '../read-system-fields.ts';
import type { RecordDoc } from '../types.ts';
import { invalidWrite } from '../store-errors.ts';
import { fieldKeyPattern, systemKeys } from './stored-keys.ts';

/** A record as its collection stores it: `_id` for the id, every other field a top-level key. */
export type StoredDocument = { _id: string; [key: string]: unknown };

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
  const system = readSystemFields(doc);
  return {
    ...fields,
    _id: system.id,
    version: system.version,
    owner: system.owner,
    createdAt: system.createdAt,
    createdBy: system.createdBy,
    updatedAt: system.updatedAt,
    updatedBy: system.updatedBy,
    deletedAt: system.deletedAt,
    ...(system.deletedAt !== null && system.deletedBy !== null ? { deletedBy: system.deletedBy } : {}),
  };
}
