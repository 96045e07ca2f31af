import { badRequest } from '../../records/record-errors.ts';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readAttachedFile } from '../../files/read-attached-file.ts';
import { maxUploadBytes, saveUpload } from '../../files/save-upload.ts';
import type { Runtime } from '../../runtime-types.ts';
import { fileResponseHeaders } from '../file-response-headers.ts';
import { payloadTooLarge } from '../http-errors.ts';
import type { RecordRouteEnv } from './record-routes.ts';

function decodeFileName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest('X-File-Name must be URL-encoded');
  }
}

/**
 * File routes, mounted at `/api` before the record routes:
 * - `POST /files`: the raw bytes as the body (at most 25 MB), the declared type as `Content-Type`,
 *   the URL-encoded name in `X-File-Name` → 201 `{ data: { fileId, name, size, type } }`.
 * - `GET /records/:module/:id/files/:field`: the file of that record's field when the principal may
 *   read the record and the field (404 otherwise), always as an attachment.
 */
export function fileRoutes(
  runtime: Pick<Runtime, 'records' | 'store' | 'getApp' | 'filesDir' | 'clock'>,
): Hono<RecordRouteEnv> {
  const routes = new Hono<RecordRouteEnv>();

  routes.post(
    '/files',
    bodyLimit({
      maxSize: maxUploadBytes,
      onError: () => {
        throw payloadTooLarge(`A file may be at most ${maxUploadBytes} bytes`);
      },
    }),
    async (c) => {
      const data = await saveUpload({
        store: runtime.store,
        filesDir: runtime.filesDir,
        principal: c.get('principal'),
        bytes: new Uint8Array(await c.req.arrayBuffer()),
        filename: decodeFileName(c.req.header('x-file-name')),
        declaredType: c.req.header('content-type'),
        now: new Date(runtime.clock.now()),
      });
      return c.json({ data }, 201);
    },
  );

  routes.get('/records/:module/:id/files/:field', async (c) => {
    const file = await readAttachedFile({
      runtime,
      principal: c.get('principal'),
      module: c.req.param('module'),
      id: c.req.param('id'),
      field: c.req.param('field'),
    });
    return c.body(new Uint8Array(file.bytes), 200, fileResponseHeaders(file));
  });

  return routes;
}
