import { describe, expect, it } from 'vitest';
import { isGroupOwnerKey } from './is-group-owner-key.ts';

describe('isGroupOwnerKey', () => {
  it.each([
    { owner: 'group:salesTeam', isGroup: true },
    { owner: 'Qm9iX2lkXzEyMzQ1', isGroup: false },
    { owner: 'groupie', isGroup: false },
  ])('$owner is a group owner key: $isGroup', ({ owner, isGroup }) => {
    expect(isGroupOwnerKey(owner)).toBe(isGroup);
  });
});
