import { assertFieldName } from './assert-field-name.ts';

/**
 * A field name as part of an SQL identifier. SQLite identifiers ignore case, so each capital becomes
 * `_` + its lower case (`lastName` → `last_name`); the result never contains `__` nor ends in `_`.
 */
export function mangleName(name: string): string {
  return assertFieldName(name).replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`);
}
