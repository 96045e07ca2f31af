/** The system fields a filter or sort may name, and the table column holding each. */
export const systemColumns: ReadonlyMap<string, string> = new Map([
  ['id', 'id'],
  ['version', 'version'],
  ['owner', 'owner'],
  ['createdAt', 'created_at'],
  ['createdBy', 'created_by'],
  ['updatedAt', 'updated_at'],
  ['updatedBy', 'updated_by'],
]);

/** Every record key stored in a column of its own rather than in the JSON document. */
export const systemKeys: ReadonlySet<string> = new Set([...systemColumns.keys(), 'deletedAt', 'deletedBy']);
