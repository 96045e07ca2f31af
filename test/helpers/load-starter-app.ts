import type { CompiledApp } from '../../runtime/core/metadata/compile-app.ts';
import { loadMetadata } from '../../runtime/core/metadata/load-metadata.ts';
import { readMetadataDir } from '../../runtime/server/metadata/read-metadata-dir.ts';

/** The starter CRM, compiled; throws if it has problems. Test helper. */
export async function loadStarterApp(): Promise<CompiledApp> {
  const { sources } = await readMetadataDir(new URL('../../metadata/starter', import.meta.url).pathname);
  const result = loadMetadata({ sources });
  if (!result.ok) throw new Error(`starter metadata has problems: ${JSON.stringify(result.problems)}`);
  return result.app;
}
