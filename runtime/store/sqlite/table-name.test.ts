import { describe, expect, it } from 'vitest';
import { tableName } from './table-name.ts';

describe('tableName', () => {
  it('maps each capital to an underscore and its lower case', () => {
    expect(tableName('fooBar')).toBe('m_foo_bar');
    expect(tableName('foobar')).toBe('m_foobar');
  });

  it('refuses a name that is not a module name', () => {
    for (const name of ['', 'Foo', 'a_b', 'a; DROP TABLE x', '__proto__', 'a-b']) {
      expect(() => tableName(name)).toThrow('is not a module name');
    }
  });
});
