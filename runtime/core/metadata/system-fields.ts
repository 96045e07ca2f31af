import type { FilterField } from '../filter/types.ts';

/** Fields every record carries, maintained by the runtime; module fields may not reuse these names. */
export const systemFields: readonly FilterField[] = [
  { name: 'id', type: 'id' },
  { name: 'version', type: 'integer' },
  { name: 'owner', type: 'user' },
  { name: 'createdAt', type: 'dateTime' },
  { name: 'createdBy', type: 'user' },
  { name: 'updatedAt', type: 'dateTime' },
  { name: 'updatedBy', type: 'user' },
];

/** Names no module or field may take: system fields, `deletedAt`, and prototype keys. */
export const reservedNames: ReadonlySet<string> = new Set([
  ...systemFields.map((f) => f.name),
  'deletedAt',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
]);
