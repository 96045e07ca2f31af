import type { Principal } from '../../../core/access/types.ts';
import { bindVariables } from '../../../core/filter/bind-variables.ts';
import { evaluate } from '../../../core/filter/evaluate.ts';
import { parseFilter } from '../../../core/filter/parse-filter.ts';
import type { FilterNode } from '../../../core/filter/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { ConversionRule } from '../../../core/metadata/types.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';

type Hop = { module: string; id: string };

function collectHops(args: { node: FilterNode; record: RecordDoc; hops: Hop[] }): void {
  const { node, record, hops } = args;
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const child of node.children) collectHops({ node: child, record, hops });
      return;
    case 'not':
      collectHops({ node: node.child, record, hops });
      return;
    case 'condition': {
      const via = node.field.via;
      const id = via ? record[via.field.name] : undefined;
      if (via && typeof id === 'string') hops.push({ module: node.field.module, id });
      return;
    }
    default:
      return;
  }
}

/**
 * Whether a saved record matches a conversion rule's `when` filter: parsed on the module, bound with
 * the saving principal's attributes at `now`, evaluated in memory. Records one relation hop away
 * (`account.industry`) are read from the store first; a missing one fails its conditions.
 */
export async function matchesConversionRule(args: {
  app: CompiledApp;
  store: Store;
  module: string;
  rule: ConversionRule;
  record: RecordDoc;
  principal: Principal;
  now: Date;
}): Promise<boolean> {
  const { app, record } = args;
  const parsed = parseFilter({ json: args.rule.when, module: args.module, catalog: app });
  const node = bindVariables({ node: parsed, principal: args.principal.attributes, now: args.now });
  const hops: Hop[] = [];
  collectHops({ node, record, hops });
  const related = new Map<string, RecordDoc>();
  for (const hop of hops) {
    const key = `${hop.module}\u0000${hop.id}`;
    if (related.has(key)) continue;
    const found = await args.store.get({ module: hop.module, id: hop.id, where: { kind: 'true' } });
    if (found) related.set(key, found);
  }
  return evaluate({
    node,
    record,
    related: ({ module, id }) => related.get(`${module}\u0000${id}`),
  });
}
