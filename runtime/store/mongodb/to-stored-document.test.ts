import { describe, expect, it } from 'vitest';
import { makeRecord } from '../contract/make-record.ts';
import { fromStoredDocument } from './from-stored-document.ts';
import { toStoredDocument } from './to-stored-document.ts';

describe('toStoredDocument and fromStoredDocument', () => {
  it('stores the id as _id with an explicit null deletedAt, and reads the record back as given', () => {
    const doc = makeRecord({
      id: 'r1',
      fields: { name: 'Anvil', tags: ['a'], meta: { deep: [1, { x: null }] }, note: null },
    });
    const stored = toStoredDocument(doc);
    expect(stored._id).toBe('r1');
    expect(stored).not.toHaveProperty('id');
    expect(stored.deletedAt).toBeNull();
    expect(fromStoredDocument(stored)).toEqual(doc);
  });

  it('leaves undefined values out', () => {
    const stored = toStoredDocument(makeRecord({ id: 'r1', fields: { name: undefined } }));
    expect(stored).not.toHaveProperty('name');
  });

  it('keeps deletedBy only on a deleted record', () => {
    const live = toStoredDocument(makeRecord({ id: 'r1', fields: { deletedBy: 'u1' } }));
    expect(live).not.toHaveProperty('deletedBy');
    const deleted = { ...makeRecord({ id: 'r2' }), deletedAt: '2026-01-01T00:00:00.000Z', deletedBy: 'u1' };
    expect(fromStoredDocument(toStoredDocument(deleted))).toEqual(deleted);
    expect(
      fromStoredDocument({ ...toStoredDocument(makeRecord({ id: 'r3' })), deletedBy: 'u1' }),
    ).not.toHaveProperty('deletedBy');
  });

  it('refuses keys that are operators, paths or _id', () => {
    for (const key of ['$where', 'a.b', '_id', 'has space', '']) {
      expect(() => toStoredDocument(makeRecord({ id: 'r1', fields: { [key]: 1 } })), key).toThrow(
        expect.objectContaining({ code: 'INVALID_WRITE', status: 400 }),
      );
    }
  });

  it('refuses malformed system fields', () => {
    for (const fields of [{ id: '' }, { version: 1.5 }, { createdAt: 5 }, { owner: 3 }]) {
      expect(() => toStoredDocument(makeRecord({ id: 'r1', fields }))).toThrow(
        expect.objectContaining({ code: 'INVALID_WRITE' }),
      );
    }
  });
});
