import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../runtime/server/http/create-app.ts';
import { createRuntime } from '../../runtime/server/create-runtime.ts';
import { seedDemo } from '../../runtime/server/demo/seed-demo.ts';
import { openStore } from '../../runtime/server/open-store.ts';
import { startHousekeeping } from '../../runtime/server/start-housekeeping.ts';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';
const publicUrl = env.ATRIUM_PUBLIC_URL ?? `http://localhost:${port}`;
const started = performance.now();

const dataDir = env.ATRIUM_DATA_DIR ?? './data';
const store = await openStore({ dataDir, db: env.ATRIUM_DB });
const runtime = await createRuntime({
  store,
  publicUrl,
  smtpUrl: env.SMTP_URL,
  filesDir: join(dataDir, 'files'),
  extraOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
});
const demo = await seedDemo({ runtime, password: env.ATRIUM_DEMO_PASSWORD });
const http = createApp(runtime);
const housekeeping = startHousekeeping({ runtime });

const server = serve({ fetch: http.fetch, port, hostname: host }, (info) => {
  console.log(
    `Atrium is serving ${runtime.getApp().app.label} on http://${host}:${info.port} (public URL ${publicUrl})`,
  );
  console.log(`Ready in ${Math.round(performance.now() - started)} ms.`);
  if (demo.seeded) {
    console.log('\nDemo data created. Logins (staff on /api, portal users on /portal/<type>/api):');
    for (const login of demo.logins) console.log(`  ${login}`);
    console.log(`Password for all of them: ${demo.password}`);
    if (!env.ATRIUM_DEMO_PASSWORD)
      console.log('(random, shown only this once; set ATRIUM_DEMO_PASSWORD to choose one)');
  }
});

const shutdown = () => {
  housekeeping.stop();
  server.close();
  void store.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
