import type { MetadataDoc } from '../../core/metadata/types.ts';

/** The name of a document across revisions and in diffs: `kind:name`, e.g. `module:contacts`. */
export function documentKey(doc: Pick<MetadataDoc, 'kind' | 'name'>): string {
  return `${doc.kind}:${doc.name}`;
}
