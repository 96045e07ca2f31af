import { invalidCredentials } from '../http-errors.ts';
import { badRequest } from '../../records/record-errors.ts';
import { Hono } from 'hono';
import { revokeOneTimeTokens } from '../../../auth/one-time-token/revoke-one-time-tokens.ts';
import { verifyPassword } from '../../../auth/password/verify-password.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { setUserPassword } from '../../identity/set-user-password.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';

import type { StaffEnv } from '../middleware/require-staff.ts';
import { readJsonBody } from '../read-json-body.ts';

const editableOwnFields = new Set(['name']);

/** `/api/me`: the logged-in user's own profile; only the name is editable here. */
export function meRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const view = (user: StaffEnv['Variables']['user']) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    isAdministrator: user.isAdministrator === true,
    mfaEnabled: user.mfaEnabled === true,
  });

  routes.get('/', (c) => c.json({ data: view(c.get('user')) }));

  routes.patch('/', async (c) => {
    const body = await readJsonBody(c);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('Send a JSON object');
    const refused = Object.keys(body).filter((key) => !editableOwnFields.has(key));
    if (refused.length > 0)
      throw badRequest(`These cannot be changed here: ${refused.join(', ')}`, { fields: refused });
    const name = (body as Record<string, unknown>).name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
      throw badRequest('name must be 1 to 200 characters');
    const user = c.get('user');
    const result = await runtime.store.update({
      module: 'atriumUsers',
      id: user.id,
      where: { kind: 'true' },
      set: { name: name.trim() },
      updatedAt: new Date(runtime.clock.now()).toISOString(),
      updatedBy: user.id,
    });
    if (result.kind !== 'updated') throw badRequest('Your profile changed meanwhile; reload and try again');
    return c.json({ data: view(result.record) });
  });

  routes.post('/password', async (c) => {
    const body = await readJsonBody(c);
    const fields = (body ?? {}) as Record<string, unknown>;
    const user = c.get('user');
    const current = typeof fields.currentPassword === 'string' ? fields.currentPassword : '';
    if (!(await verifyPassword({ hash: String(user.passwordHash ?? ''), password: current }))) {
      throw invalidCredentials('The current password is wrong');
    }
    const at = new Date(runtime.clock.now());
    await setUserPassword({ store: runtime.store, user, password: fields.newPassword, at });
    await runtime.staffSessions.invalidateAllForUser({
      userId: user.id,
      audience: 'staff',
      exceptToken: c.get('sessionToken'),
    });
    await revokeOneTimeTokens({ store: runtime.tokens, purpose: 'passwordReset', subject: user.id });
    await auditAuthEvent({
      store: runtime.store,
      action: 'password.changed',
      userId: user.id,
      audience: 'staff',
      address: clientAddress(c),
      at,
    });
    return c.json({ data: { passwordChanged: true } });
  });

  return routes;
}
