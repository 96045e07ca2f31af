/**
 * The record key that keeps a field's value from before revision `revision` changed its type, e.g.
 * `Archive7amount`. Field names start with a lowercase letter, so a key starting with a capital can
 * never be a field: the record service never shows it, never accepts it in input, and no later
 * field can collide with it.
 */
export function archiveKey(args: { field: string; revision: number }): string {
  return `Archive${args.revision}${args.field}`;
}
