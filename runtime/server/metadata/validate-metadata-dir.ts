import { loadMetadata } from '../../core/metadata/load-metadata.ts';
import type { MetadataProblem } from '../../core/metadata/types.ts';
import { readMetadataDir } from './read-metadata-dir.ts';

/** Reads, validates, links and compiles the metadata in `dir`; returns every problem (none when it loads). */
export async function validateMetadataDir(
  dir: string,
): Promise<{ problems: MetadataProblem[]; documents: number }> {
  const { sources, problems } = await readMetadataDir(dir);
  const result = loadMetadata({ sources });
  return { problems: [...problems, ...(result.ok ? [] : result.problems)], documents: sources.length };
}
