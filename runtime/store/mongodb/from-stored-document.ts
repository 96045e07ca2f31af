import type { RecordDoc } from '../types.ts';

function readText(doc: Record<string, unknown>, key: string): string {
  const value = doc[key];
  if (typeof value !== 'string') throw new Error(`Stored document has no text in '${key}'`);
  return value;
}

function readOptionalText(doc: Record<string, unknown>, key: string): string | null {
  const value = doc[key];
  return typeof value === 'string' ? value : null;
}

/**
 * A stored document as a record: `_id` back to `id`, system fields typed. `deletedBy` appears only on
 * a soft-deleted record, so a live record reads back exactly as inserted.
 */
export function fromStoredDocument(doc: Record<string, unknown>): RecordDoc {
  const { _id, deletedBy, ...fields } = doc;
  const version = fields.version;
  if (typeof _id !== 'string') throw new Error('Stored document has no string _id');
  if (typeof version !== 'number') throw new Error("Stored document has no number in 'version'");
  const record: RecordDoc = {
    ...fields,
    id: _id,
    version,
    owner: readOptionalText(fields, 'owner'),
    createdAt: readText(fields, 'createdAt'),
    createdBy: readOptionalText(fields, 'createdBy'),
    updatedAt: readText(fields, 'updatedAt'),
    updatedBy: readOptionalText(fields, 'updatedBy'),
    deletedAt: readOptionalText(fields, 'deletedAt'),
  };
  if (record.deletedAt !== null && typeof deletedBy === 'string') record.deletedBy = deletedBy;
  return record;
}
