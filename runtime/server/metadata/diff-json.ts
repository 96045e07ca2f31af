import type { JsonChange } from './types.ts';

type Named = { name: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Named[] {
  if (!Array.isArray(value)) return false;
  const names = new Set<string>();
  for (const item of value) {
    if (!isPlainObject(item) || typeof item.name !== 'string' || names.has(item.name)) return false;
    names.add(item.name);
  }
  return true;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function collect(args: { before: unknown; after: unknown; path: string; changes: JsonChange[] }): void {
  const { before, after, path, changes } = args;
  if (before === after) return;
  if (isNamedList(before) && isNamedList(after) && (before.length > 0 || after.length > 0)) {
    const afterByName = new Map(after.map((item) => [item.name, item]));
    const beforeByName = new Map(before.map((item) => [item.name, item]));
    for (const item of before) {
      const next = afterByName.get(item.name);
      const itemPath = `${path}/${escapeSegment(item.name)}`;
      if (next === undefined) changes.push({ path: itemPath, before: item });
      else collect({ before: item, after: next, path: itemPath, changes });
    }
    for (const item of after) {
      if (!beforeByName.has(item.name))
        changes.push({ path: `${path}/${escapeSegment(item.name)}`, after: item });
    }
    const order = (list: Named[]) =>
      list.map((item) => item.name).filter((name) => beforeByName.has(name) && afterByName.has(name));
    if (order(before).join('\u0000') !== order(after).join('\u0000')) {
      changes.push({ path, before: before.map((i) => i.name), after: after.map((i) => i.name) });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) {
      const itemPath = `${path}/${i}`;
      if (i >= after.length) changes.push({ path: itemPath, before: before[i] });
      else if (i >= before.length) changes.push({ path: itemPath, after: after[i] });
      else collect({ before: before[i], after: after[i], path: itemPath, changes });
    }
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      const keyPath = `${path}/${escapeSegment(key)}`;
      if (!Object.hasOwn(after, key)) changes.push({ path: keyPath, before: before[key] });
      else collect({ before: before[key], after: after[key], path: keyPath, changes });
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        changes.push({ path: `${path}/${escapeSegment(key)}`, after: after[key] });
    }
    return;
  }
  changes.push({ path, before, after });
}

/**
 * Every difference between two JSON values, as paths with the value before and after. Object key
 * order does not matter; arrays compare by position, except arrays of objects with distinct `name`s,
 * which are matched by name (the path segment is the name; a reorder is one change at the array).
 */
export function diffJson(args: { before: unknown; after: unknown }): JsonChange[] {
  const changes: JsonChange[] = [];
  collect({ before: args.before, after: args.after, path: '', changes });
  return changes;
}
