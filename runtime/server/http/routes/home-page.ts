import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Runtime } from '../../runtime-types.ts';

/**
 * `GET /`: a plain page saying what is served here and where to start. The browser app arrives
 * with a later release; until then Atrium is its HTTP API.
 */
export function homePage(runtime: Runtime) {
  return (c: Context) => {
    const app = runtime.getApp();
    const portals = [...app.portalTypes.values()];
    return c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${app.app.label}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1f2937; }
      code { background: #f3f4f6; padding: 0.1rem 0.3rem; border-radius: 4px; }
    </style>
  </head>
  <body>
    <h1>${app.app.label}</h1>
    <p>Atrium is running. The staff API is at <code>/api</code> (start with <code>POST /api/auth/login</code>, then <code>GET /api/meta</code>).</p>
    <p>Portals:</p>
    <ul>
      ${portals.map((p) => html`<li>${p.label}: <code>/portal/${p.name}/api</code></li>`)}
    </ul>
    <p>The browser app ships with a later release. The README lists every route.</p>
  </body>
</html>`);
  };
}
