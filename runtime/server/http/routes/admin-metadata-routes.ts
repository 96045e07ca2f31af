import { type Context, Hono } from 'hono';
import type { TypeChangeConfirmation } from '../../metadata/types.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';

import type { StaffEnv } from '../middleware/require-staff.ts';
import { readJsonBody } from '../read-json-body.ts';
import { createError } from '../../../core/errors.ts';
import { notFound, badRequest } from '../../records/record-errors.ts';

const metadataRefused = createError({ code: 'INVALID_METADATA', status: 422 });

function saveArgs(body: unknown) {
  if (body === null || typeof body !== 'object') throw badRequest('Send a JSON object');
  const { documents, message, confirmTypeChanges } = body as Record<string, unknown>;
  if (!Array.isArray(documents)) throw badRequest('documents must be an array of metadata documents');
  if (message !== undefined && typeof message !== 'string') throw badRequest('message must be a string');
  if (confirmTypeChanges !== undefined && !Array.isArray(confirmTypeChanges))
    throw badRequest('confirmTypeChanges must be an array');
  return {
    documents,
    message,
    confirmTypeChanges: confirmTypeChanges as TypeChangeConfirmation[] | undefined,
  };
}

/** `/api/admin/metadata`: revisions (list, read, preview, save, restore) and purges of archived data, for users with manageMetadata. */
export function adminMetadataRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const audit = (c: Context<StaffEnv>, action: string) =>
    auditAuthEvent({
      store: runtime.store,
      action,
      userId: c.get('user').id,
      audience: 'staff',
      address: clientAddress(c),
      at: new Date(runtime.clock.now()),
    });

  routes.get('/revisions', async (c) => c.json({ data: await runtime.metadata.revisions() }));
  routes.get('/revisions/:number', async (c) => {
    const revision = await runtime.metadata.revision(Number(c.req.param('number')));
    if (!revision) throw notFound('No such revision');
    return c.json({ data: revision });
  });
  routes.post('/preview', async (c) => {
    const result = await runtime.metadata.preview({ documents: saveArgs(await readJsonBody(c)).documents });
    return c.json({ data: result });
  });
  routes.post('/revisions', async (c) => {
    const args = saveArgs(await readJsonBody(c));
    const result = await runtime.metadata.save({ ...args, author: c.get('user').id });
    if (!result.ok)
      throw metadataRefused('The metadata has problems; nothing was saved', { problems: result.problems });
    await audit(c, 'metadata.saved');
    return c.json({ data: result }, 201);
  });
  routes.post('/revisions/:number/restore', async (c) => {
    const result = await runtime.metadata.restore({
      number: Number(c.req.param('number')),
      author: c.get('user').id,
    });
    if (!result.ok)
      throw metadataRefused('That revision cannot be restored; nothing was changed', {
        problems: result.problems,
      });
    await audit(c, 'metadata.restored');
    return c.json({ data: result }, 201);
  });
  routes.post('/purge', async (c) => {
    const body = await readJsonBody(c);
    if (body === null || typeof body !== 'object') throw badRequest('Send a JSON object');
    const { module, field, confirm } = body as Record<string, unknown>;
    if (typeof module !== 'string') throw badRequest('module must be the name of an archived module');
    if (field !== undefined && typeof field !== 'string') throw badRequest('field must be a string');
    if (confirm !== true) throw badRequest('A purge deletes data for good: send confirm: true');
    const result = await runtime.metadata.purge({
      module,
      ...(field === undefined ? {} : { field }),
      author: c.get('user').id,
      confirm,
    });
    if (!result.ok)
      throw metadataRefused('Only archived data can be purged; nothing was removed', {
        problems: result.problems,
      });
    await audit(c, 'metadata.purged');
    return c.json({ data: result }, 201);
  });
  return routes;
}
