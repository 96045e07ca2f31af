import { AppError } from '../errors.ts';
import { parseFilter } from '../filter/parse-filter.ts';
import type { FilterCatalog } from '../filter/types.ts';
import type { CompiledField, CompiledModule } from './compile-module.ts';
import type { MetadataDoc, MetadataKind, MetadataProblem } from './types.ts';

/** Documents of each kind by name. */
export type DocsByKind = { [K in MetadataKind]: ReadonlyMap<string, Extract<MetadataDoc, { kind: K }>> };

/** What a linker of one document can see and how it reports a problem. */
export type LinkContext = {
  modules: ReadonlyMap<string, CompiledModule>;
  docs: DocsByKind;
  fieldTypes: ReadonlySet<string>;
  /** When given, group members that are users are checked against it. */
  knownUsers: ReadonlySet<string> | undefined;
  report(path: string, message: string): void;
  /** Reports and returns undefined when `module` has no field `field`. */
  field(args: {
    module: string;
    field: string;
    path: string;
    customOnly?: boolean;
  }): CompiledField | undefined;
  /** Reports the filter's own problem (with its path inside the filter) when it does not parse. */
  filter(args: { json: unknown; module: string; path: string }): void;
};

/** Builds the context a document's linker works in; `report` files problems under `source`. */
export function createLinkContext(args: {
  source: string;
  modules: ReadonlyMap<string, CompiledModule>;
  docs: DocsByKind;
  fieldTypes: ReadonlySet<string>;
  knownUsers: ReadonlySet<string> | undefined;
  problems: MetadataProblem[];
}): LinkContext {
  const { source, modules, problems } = args;
  const report = (path: string, message: string) => problems.push({ document: source, path, message });
  const catalog: FilterCatalog = { modules };
  return {
    modules,
    docs: args.docs,
    fieldTypes: args.fieldTypes,
    knownUsers: args.knownUsers,
    report,
    field({ module, field, path, customOnly }) {
      const found = modules.get(module)?.fields.get(field);
      if (!found || (customOnly && found.isSystem)) {
        report(path, `module "${module}" has no field "${field}"`);
        return undefined;
      }
      return found;
    },
    filter({ json, module, path }) {
      if (!modules.has(module)) return;
      try {
        parseFilter({ json, module, catalog });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const inner = typeof error.details?.path === 'string' ? error.details.path : '';
        report(`${path}${inner}`, `filter: ${error.message}`);
      }
    },
  };
}
