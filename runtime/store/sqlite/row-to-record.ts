import type { RecordDoc } from '../types.ts';

/** The columns a record is read from, in the order `rowToRecord` takes them. */
const recordColumns = [
  'id',
  'version',
  'owner',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
  'deleted_by',
  'doc',
] as const;

type RecordColumn = (typeof recordColumns)[number];
const at = Object.fromEntries(recordColumns.map((name, index) => [name, index])) as Record<
  RecordColumn,
  number
>;

/** A row of `recordColumns`' values, in their order, as a raw-mode statement returns it. */
export type RecordRow = readonly unknown[];

/** How many values of a `RecordRow` are the record's; anything selected after them is the caller's. */
export const recordColumnCount = recordColumns.length;

const unqualified = recordColumns.join(', ');

/** The select list (or RETURNING list) of a record's columns, qualified by `alias` when given. */
export function recordColumnList(alias?: string): string {
  return alias === undefined ? unqualified : recordColumns.map((column) => `${alias}.${column}`).join(', ');
}

function text(row: RecordRow, column: RecordColumn): string {
  const value = row[at[column]];
  if (typeof value !== 'string') throw new Error(`Stored row has no text in '${column}'`);
  return value;
}

function optionalText(row: RecordRow, column: RecordColumn): string | null {
  const value = row[at[column]];
  return typeof value === 'string' ? value : null;
}

function parseDocument(source: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(source);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('Stored document is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * A table row (the values of `recordColumnList()`, in order) as a record: the document's fields
 * plus the system columns. `deletedBy` appears only on a soft-deleted record, so a live record reads
 * back exactly as inserted.
 */
export function rowToRecord(row: RecordRow): RecordDoc {
  const version = row[at.version];
  if (typeof version !== 'number') throw new Error("Stored row has no number in 'version'");
  // The freshly parsed document becomes the record: copying it into a new object (a spread) cost
  // several times the parse itself. Keys keep the order a spread would give.
  const record = parseDocument(text(row, 'doc')) as RecordDoc;
  record.id = text(row, 'id');
  record.version = version;
  record.owner = optionalText(row, 'owner');
  record.createdAt = text(row, 'created_at');
  record.createdBy = optionalText(row, 'created_by');
  record.updatedAt = text(row, 'updated_at');
  record.updatedBy = optionalText(row, 'updated_by');
  record.deletedAt = optionalText(row, 'deleted_at');
  const deletedBy = optionalText(row, 'deleted_by');
  if (record.deletedAt !== null && deletedBy !== null) record.deletedBy = deletedBy;
  return record;
}
