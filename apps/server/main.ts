import { serve } from '@hono/node-server';
import { loadMetadata } from '../../runtime/core/metadata/load-metadata.ts';
import { createApp } from '../../runtime/server/http/create-app.ts';
import { readMetadataDir } from '../../runtime/server/metadata/read-metadata-dir.ts';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const metadataDir = new URL('../../metadata/starter', import.meta.url).pathname;

const { sources, problems } = await readMetadataDir(metadataDir);
const loaded = loadMetadata({ sources });
if (problems.length > 0 || !loaded.ok) {
  for (const p of [...problems, ...(loaded.ok ? [] : loaded.problems)])
    console.error(`${p.document} ${p.path} ${p.message}`);
  console.error('The starter metadata has problems; not starting.');
  process.exit(1);
}
const compiled = loaded.app;
const http = createApp({ getApp: () => compiled });

serve({ fetch: http.fetch, port, hostname: host }, (info) => {
  console.log(`Atrium is listening on http://${host}:${info.port}`);
  console.log(`Loaded ${compiled.modules.size} modules and ${compiled.portalTypes.size} portal types.`);
});
