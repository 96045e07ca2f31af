import { readSystemFields } from '../read-system-fields.ts';
import type { RecordDoc } from '../types.ts';
import { isDocumentKey } from './is-document-key.ts';
import { invalidWrite } from '../store-errors.ts';
import { systemKeys } from './system-columns.ts';

/** A record as the table stores it: system columns plus the JSON document of the other fields. */
export type RecordRow = {
  id: string;
  version: number;
  owner: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
  doc: string;
};

/**
 * Splits a record into its row: system fields into columns, every other field (with a name fit for a
 * JSON path) into the JSON document; `undefined` values are left out. Throws `INVALID_WRITE` on a
 * malformed system field or field name.
 */
export function recordToRow(doc: RecordDoc): RecordRow {
  const fields: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(doc)) {
    if (systemKeys.has(key) || value === undefined) continue;
    if (!isDocumentKey(key)) throw invalidWrite(`'${key.slice(0, 80)}' is not a field name.`);
    fields.push([key, value]);
  }
  const system = readSystemFields(doc);
  return {
    id: system.id,
    version: system.version,
    owner: system.owner,
    created_at: system.createdAt,
    created_by: system.createdBy,
    updated_at: system.updatedAt,
    updated_by: system.updatedBy,
    deleted_at: system.deletedAt,
    deleted_by: system.deletedBy,
    doc: JSON.stringify(Object.fromEntries(fields)),
  };
}
