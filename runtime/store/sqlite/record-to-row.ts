import type { RecordDoc } from '../types.ts';
import { isDocumentKey } from './is-document-key.ts';
import { invalidWrite } from './store-errors.ts';
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
  if (!Number.isSafeInteger(doc.version)) throw invalidWrite("'version' must be an integer.");
  return {
    id: text({ doc, key: 'id' }),
    version: doc.version,
    owner: optionalText({ doc, key: 'owner' }),
    created_at: text({ doc, key: 'createdAt' }),
    created_by: optionalText({ doc, key: 'createdBy' }),
    updated_at: text({ doc, key: 'updatedAt' }),
    updated_by: optionalText({ doc, key: 'updatedBy' }),
    deleted_at: optionalText({ doc, key: 'deletedAt' }),
    deleted_by: optionalText({ doc, key: 'deletedBy' }),
    doc: JSON.stringify(Object.fromEntries(fields)),
  };
}
