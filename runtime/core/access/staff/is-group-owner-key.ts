import { groupOwnerPrefix } from './group-owner-key.ts';

/** Whether an owner value names a group (`group:<name>`) rather than a user. */
export function isGroupOwnerKey(owner: string): boolean {
  return owner.startsWith(groupOwnerPrefix);
}
