/** What a variable name refers to: the bind-time clock, or one attribute of the principal. */
export type VariableTarget = { kind: 'now' } | { kind: 'today' } | { kind: 'principal'; attribute: string };

const principalPattern = /^\$principal\.([A-Za-z][A-Za-z0-9_]*)$/;
const reservedAttributes: ReadonlySet<string> = new Set(['constructor', 'prototype']);

/** Reads `$now`, `$today` or `$principal.<attribute>`; anything else is `undefined` (not a variable). */
export function parseVariable(name: string): VariableTarget | undefined {
  if (name === '$now') return { kind: 'now' };
  if (name === '$today') return { kind: 'today' };
  const attribute = principalPattern.exec(name)?.[1];
  if (attribute === undefined || reservedAttributes.has(attribute)) return undefined;
  return { kind: 'principal', attribute };
}
