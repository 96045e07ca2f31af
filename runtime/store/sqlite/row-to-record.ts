import type { RecordDoc } from '../types.ts';

function readText(args: { row: Record<string, unknown>; column: string }): string {
  const value = args.row[args.column];
  if (typeof value !== 'string') throw new Error(`Stored row has no text in '${args.column}'`);
  return value;
}

function readOptionalText(args: { row: Record<string, unknown>; column: string }): string | null {
  const value = args.row[args.column];
  return typeof value === 'string' ? value : null;
}

function parseDocument(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('Stored document is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * A table row (as `SELECT *` returns it) as a record: the document's fields plus the system columns.
 * `deletedBy` appears only on a soft-deleted record, so a live record reads back exactly as inserted.
 */
export function rowToRecord(row: Record<string, unknown>): RecordDoc {
  const version = row.version;
  if (typeof version !== 'number') throw new Error("Stored row has no number in 'version'");
  // The freshly parsed document becomes the record: copying it into a new object (a spread) cost
  // several times the parse itself. Keys keep the order a spread would give.
  const record = parseDocument(readText({ row, column: 'doc' })) as RecordDoc;
  record.id = readText({ row, column: 'id' });
  record.version = version;
  record.owner = readOptionalText({ row, column: 'owner' });
  record.createdAt = readText({ row, column: 'created_at' });
  record.createdBy = readOptionalText({ row, column: 'created_by' });
  record.updatedAt = readText({ row, column: 'updated_at' });
  record.updatedBy = readOptionalText({ row, column: 'updated_by' });
  record.deletedAt = readOptionalText({ row, column: 'deleted_at' });
  const deletedBy = readOptionalText({ row, column: 'deleted_by' });
  if (record.deletedAt !== null && deletedBy !== null) record.deletedBy = deletedBy;
  return record;
}
