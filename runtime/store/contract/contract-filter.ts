import { bindVariables } from '../../core/filter/bind-variables.ts';
import { parseFilter } from '../../core/filter/parse-filter.ts';
import type { FilterCatalog, FilterNode } from '../../core/filter/types.ts';
import { contractModules } from './contract-modules.ts';

const catalog: FilterCatalog = { modules: new Map(contractModules.map((module) => [module.name, module])) };

/** A bound filter on one of the contract's modules, from filter-language JSON. */
export function contractFilter(args: { module: string; json: unknown }): FilterNode {
  const node = parseFilter({ json: args.json, module: args.module, catalog });
  return bindVariables({ node, principal: {}, now: new Date('2026-03-15T12:00:00.000Z') });
}
