/** Keys that reach `Object.prototype` machinery; refused in every record, input and preset. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
