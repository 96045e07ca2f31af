import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../runtime/server/http/create-app.ts';
import { createRuntime } from '../../runtime/server/create-runtime.ts';
import { seedDemo } from '../../runtime/server/demo/seed-demo.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';

export const testOrigin = 'http://localhost:3000';
export const demoPassword = 'correct horse battery staple';

/** The real app over an in-memory SQLite store with the demo data seeded. Test helper. */
export async function startTestRuntime(options: { smtpUrl?: string } = {}) {
  const store = createSqliteStore({ file: ':memory:' });
  const filesDir = join(mkdtempSync(join(tmpdir(), 'atrium-test-')), 'files');
  const runtime = await createRuntime({ store, publicUrl: testOrigin, smtpUrl: options.smtpUrl, filesDir });
  await seedDemo({ runtime, password: demoPassword });
  const app: Hono = createApp(runtime);

  /** A request as a browser on the app's own origin would send it. */
  const request = (
    path: string,
    init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
  ) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: {
        origin: testOrigin,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });

  /** Logs in and returns the session cookie (`name=value`). */
  const login = async (email: string, password = demoPassword) => {
    const response = await request('/api/auth/login', { method: 'POST', body: { email, password } });
    if (response.status !== 200)
      throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  };

  return { runtime, store, app, request, login };
}
