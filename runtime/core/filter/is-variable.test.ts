import { describe, expect, it } from 'vitest';
import { isVariable } from './is-variable.ts';

describe('isVariable', () => {
  it('recognises a variable operand', () => {
    expect(isVariable({ variable: '$now' })).toBe(true);
  });

  it.each(['$now', null, ['$now'], 3])('rejects %s', (value) => {
    expect(isVariable(value)).toBe(false);
  });
});
