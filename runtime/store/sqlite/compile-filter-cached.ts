import type { FilterNode } from '../../core/filter/types.ts';
import { compileFilterToSql, type SqlFragment } from './compile-filter-to-sql.ts';

const maxEntriesPerNode = 16;
const caches = new WeakMap<FilterNode, Map<string, SqlFragment>>();

/**
 * `compileFilterToSql`, remembered per filter node object (and module and alias): a scope decided
 * once and passed again (`decideAccessCached`) compiles once. Filter nodes are never changed after
 * they are built, so the node's identity stands for its content. The fragment is shared: callers
 * copy `params` before adding to it.
 */
export function compileFilterCached(args: { node: FilterNode; module: string; alias?: string }): SqlFragment {
  const key = `${args.module}\u0000${args.alias ?? ''}`;
  let byKey = caches.get(args.node);
  const cached = byKey?.get(key);
  if (cached) return cached;
  const fragment = compileFilterToSql(args);
  if (!byKey) {
    byKey = new Map();
    caches.set(args.node, byKey);
  }
  if (byKey.size < maxEntriesPerNode) byKey.set(key, fragment);
  return fragment;
}
