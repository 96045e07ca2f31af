import { describe, expect, it } from 'vitest';
import { buildRecordUpdate } from './build-record-update.ts';

const stamp = { updatedAt: '2026-02-01T00:00:00.000Z', updatedBy: 'u9' };

describe('buildRecordUpdate', () => {
  it('sets values and the update stamp, unsets fields and increments the version', () => {
    expect(buildRecordUpdate({ set: { name: 'x', tags: ['a'] }, unset: ['quantity'], ...stamp })).toEqual({
      $set: { name: 'x', tags: ['a'], ...stamp },
      $unset: { quantity: '' },
      $inc: { version: 1 },
    });
  });

  it('treats an undefined value as an unset and leaves out an empty $unset', () => {
    expect(buildRecordUpdate({ set: { name: undefined }, ...stamp }).$unset).toEqual({ name: '' });
    expect(buildRecordUpdate({ set: { name: 'x' }, ...stamp })).not.toHaveProperty('$unset');
  });

  it('lets the owner be reassigned', () => {
    expect(buildRecordUpdate({ set: { owner: 'u7' }, ...stamp }).$set.owner).toBe('u7');
  });

  it('refuses system fields, malformed keys and a field both set and unset', () => {
    const refused = [
      { set: { version: 9 } },
      { set: { id: 'other' } },
      { set: { deletedAt: '2026-01-01T00:00:00.000Z' } },
      { set: { createdBy: 'u1' } },
      { set: { $where: 'x' } },
      { set: { 'a.b': 1 } },
      { set: {}, unset: ['_id'] },
      { set: { name: 'x' }, unset: ['name'] },
      { set: { owner: 5 } },
    ];
    for (const args of refused) {
      expect(() => buildRecordUpdate({ ...args, ...stamp }), JSON.stringify(args)).toThrow(
        expect.objectContaining({ code: 'INVALID_WRITE', status: 400 }),
      );
    }
  });
});
