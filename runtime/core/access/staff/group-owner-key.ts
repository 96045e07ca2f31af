/** What every group owner key starts with. User ids never start with it (see `StaffDirectory`). */
export const groupOwnerPrefix = 'group:';

/**
 * The value of a record's owner field when a group owns the record: `group:<name>`, e.g.
 * `group:salesTeam`. Group names match `^[a-z][a-zA-Z0-9]*$` and generated user ids have no `:`, so
 * the two never collide.
 */
export function groupOwnerKey(groupName: string): string {
  return `${groupOwnerPrefix}${groupName}`;
}
