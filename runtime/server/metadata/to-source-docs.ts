import type { SourceDoc } from '../../core/metadata/types.ts';

/**
 * Names documents for the loader the way revisions and diffs do: `kind:name`, or
 * `documents/<index>` for one without a usable kind and name. Each document is deep-copied, because
 * loading freezes what it is given.
 */
export function toSourceDocs(documents: readonly unknown[]): SourceDoc[] {
  return documents.map((doc, index) => {
    const { kind, name } = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
    const source =
      typeof kind === 'string' && typeof name === 'string' ? `${kind}:${name}` : `documents/${index}`;
    return { source, doc: structuredClone(doc) };
  });
}
