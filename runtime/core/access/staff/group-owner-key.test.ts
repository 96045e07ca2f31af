import { describe, expect, it } from 'vitest';
import { groupOwnerKey } from './group-owner-key.ts';

describe('groupOwnerKey', () => {
  it('encodes a group owner as group:<name>', () => {
    expect(groupOwnerKey('salesTeam')).toBe('group:salesTeam');
  });
});
