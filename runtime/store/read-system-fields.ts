import { invalidWrite } from './store-errors.ts';
import type { RecordDoc } from './types.ts';

/** A record's system fields, checked, in the shape every adapter stores them. */
export type SystemFields = {
  id: string;
  version: number;
  owner: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
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
 * The system fields of a record about to be stored; a malformed one (an empty id, a non-integer
 * version, a non-string owner, …) is an `INVALID_WRITE`. Shared by the SQLite and MongoDB adapters.
 */
export function readSystemFields(doc: RecordDoc): SystemFields {
  if (!Number.isSafeInteger(doc.version)) throw invalidWrite("'version' must be an integer.");
  return {
    id: text({ doc, key: 'id' }),
    version: doc.version,
    owner: optionalText({ doc, key: 'owner' }),
    createdAt: text({ doc, key: 'createdAt' }),
    createdBy: optionalText({ doc, key: 'createdBy' }),
    updatedAt: text({ doc, key: 'updatedAt' }),
    updatedBy: optionalText({ doc, key: 'updatedBy' }),
    deletedAt: optionalText({ doc, key: 'deletedAt' }),
    deletedBy: optionalText({ doc, key: 'deletedBy' }),
  };
}
