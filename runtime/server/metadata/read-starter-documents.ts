import { fileURLToPath } from 'node:url';
import { invalidMetadata } from '../../core/errors.ts';
import { readMetadataDir } from './read-metadata-dir.ts';

/** The starter CRM a fresh install runs (`metadata/starter/`). */
export const starterMetadataDir = fileURLToPath(new URL('../../../metadata/starter', import.meta.url));

/**
 * The documents of a metadata directory (default: the starter CRM) in file order, as the seed of an
 * empty store. Throws `INVALID_METADATA` when a file is not valid JSON; the documents themselves are
 * checked when they are seeded.
 */
export async function readStarterDocuments(dir: string = starterMetadataDir): Promise<unknown[]> {
  const { sources, problems } = await readMetadataDir(dir);
  if (problems.length > 0) throw invalidMetadata(`${dir} has files that are not JSON`, { problems });
  return sources.map((source) => source.doc);
}
