import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { MetadataProblem, SourceDoc } from '../../core/metadata/types.ts';

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Reads every `*.json` file below `dir` as one metadata document. Files that are not valid JSON
 * become problems; sources are named by their path relative to `dir`.
 */
export async function readMetadataDir(
  dir: string,
): Promise<{ sources: SourceDoc[]; problems: MetadataProblem[] }> {
  const sources: SourceDoc[] = [];
  const problems: MetadataProblem[] = [];
  for (const file of await jsonFiles(dir)) {
    const source = relative(dir, file).split(sep).join('/');
    try {
      sources.push({ source, doc: JSON.parse(await readFile(file, 'utf8')) as unknown });
    } catch (error) {
      problems.push({ document: source, path: '', message: `not valid JSON: ${(error as Error).message}` });
    }
  }
  return { sources, problems };
}
