import { describe, expect, it } from 'vitest';
import { isTransactionCapable } from './is-transaction-capable.ts';

describe('isTransactionCapable', () => {
  it('accepts a replica set member', () => {
    expect(isTransactionCapable({ isWritablePrimary: true, setName: 'rs0' })).toBe(true);
  });

  it('accepts a mongos', () => {
    expect(isTransactionCapable({ isWritablePrimary: true, msg: 'isdbgrid' })).toBe(true);
  });

  it('refuses a standalone server', () => {
    expect(isTransactionCapable({ isWritablePrimary: true, maxWireVersion: 21 })).toBe(false);
  });
});
