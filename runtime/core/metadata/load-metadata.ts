import { type CompiledApp, compileApp } from './compile-app.ts';
import { linkMetadata } from './link-metadata.ts';
import type { MetadataProblem, SourceDoc } from './types.ts';
import { validateDocuments } from './validate-documents.ts';

export type LoadResult = { ok: true; app: CompiledApp } | { ok: false; problems: MetadataProblem[] };

/**
 * Loads metadata: validate every document against its schema → link cross-references → compile
 * into a frozen `CompiledApp`. Returns every problem found (schema and link problems together)
 * instead of the app when there are any.
 */
export function loadMetadata(args: {
  sources: readonly SourceDoc[];
  fieldTypes?: ReadonlySet<string>;
  knownUsers?: ReadonlySet<string>;
}): LoadResult {
  const { docs, problems } = validateDocuments(args.sources);
  const linked = linkMetadata({ docs, fieldTypes: args.fieldTypes, knownUsers: args.knownUsers });
  const all = [...problems, ...linked.problems];
  if (all.length > 0) return { ok: false, problems: all };
  return {
    ok: true,
    app: compileApp({ byKind: linked.byKind, modules: linked.modules, documents: docs.map((d) => d.doc) }),
  };
}
