import { type Context, Hono } from 'hono';
import { issueOneTimeToken } from '../../../auth/one-time-token/issue-one-time-token.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { createUser } from '../../identity/create-user.ts';
import { identityModules } from '../../identity/identity-modules.ts';
import { fieldConditions } from '../../records/field-conditions.ts';
import { forbidden, notFound, badRequest } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';

import type { StaffEnv } from '../middleware/require-staff.ts';
import { readJsonBody } from '../read-json-body.ts';

const invitationTtlMs = 7 * 24 * 60 * 60 * 1000;
const everything = { kind: 'true' } as const;
const editable = new Set(['name', 'role', 'active', 'mfaRequired']);

/** A staff user as administrators see it: never password hashes, TOTP secrets or recovery codes. */
function adminView(user: RecordDoc) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    isAdministrator: user.isAdministrator === true,
    active: user.active === true,
    mfaEnabled: user.mfaEnabled === true,
    mfaRequired: user.mfaRequired === true,
    hasPassword: typeof user.passwordHash === 'string',
    version: user.version,
  };
}

/**
 * `/api/admin/users` for users with manageUsers: list, invite, and change name, role, active flag and
 * MFA requirement. A non-administrator may only give roles below its own. Role, activity and MFA
 * changes end the user's sessions at once.
 */
export function adminUsersRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const now = () => new Date(runtime.clock.now());
  const audit = (c: Context<StaffEnv>, action: string, userId: string) =>
    auditAuthEvent({
      store: runtime.store,
      action,
      userId,
      audience: 'staff',
      address: clientAddress(c),
      at: now(),
    });

  /** Roles the acting user may hand out: any for an administrator, else only those below its own. */
  const assertMayAssign = (actor: RecordDoc, role: unknown) => {
    const app = runtime.getApp();
    if (typeof role !== 'string' || !app.roles.has(role)) throw badRequest('role must be an existing role');
    if (actor.isAdministrator === true) return;
    const below = app.roles.get(String(actor.role ?? ''))?.descendants ?? [];
    if (!below.includes(role)) throw forbidden('You may only give roles below your own');
  };

  routes.get('/', async (c) => {
    const where = fieldConditions({ module: users, conditions: [['audience', 'eq', 'staff']] });
    const page = await runtime.store.find({
      module: 'atriumUsers',
      where,
      sort: [{ field: 'email', direction: 'asc' }],
      limit: 200,
      cursor: c.req.query('cursor'),
    });
    return c.json({ data: page.records.map(adminView), nextCursor: page.nextCursor });
  });

  routes.post('/', async (c) => {
    const body = (await readJsonBody(c)) as Record<string, unknown> | null;
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    const name = typeof body?.name === 'string' ? body.name.trim() : '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || name === '')
      throw badRequest('email and name are required');
    assertMayAssign(c.get('user'), body?.role);
    const user = await createUser({
      store: runtime.store,
      user: { audience: 'staff', email, name, role: String(body?.role) },
      createdBy: c.get('user').id,
      at: now(),
    });
    const token = await issueOneTimeToken({
      store: runtime.tokens,
      purpose: 'invitation',
      subject: user.id,
      ttlMs: invitationTtlMs,
      clock: runtime.clock,
    });
    await runtime.mailer.send({
      to: email,
      subject: `You are invited to ${runtime.getApp().app.label}`,
      text: `${c.get('user').name} invited you. Choose your password here (the link works for 7 days):\n\n${runtime.publicUrl}/invite?token=${token}`,
      purpose: 'invitation',
    });
    await audit(c, 'user.invited', user.id);
    return c.json({ data: adminView(user) }, 201);
  });

  routes.patch('/:id', async (c) => {
    const body = (await readJsonBody(c)) as Record<string, unknown> | null;
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('Send a JSON object');
    const refused = Object.keys(body).filter((key) => !editable.has(key));
    if (refused.length > 0)
      throw badRequest(`These cannot be changed here: ${refused.join(', ')}`, { fields: refused });
    const target = await runtime.store.get({
      module: 'atriumUsers',
      id: c.req.param('id'),
      where: everything,
    });
    if (target?.audience !== 'staff') throw notFound('No such user');
    const actor = c.get('user');
    if (actor.isAdministrator !== true) {
      // Nobody but an administrator changes their own role, activity or MFA requirement.
      if (target.id === actor.id && Object.keys(body).some((key) => key !== 'name')) {
        throw forbidden('Only an administrator may change your role, activity or MFA requirement');
      }
      if (target.id !== actor.id) assertMayAssign(actor, target.role);
    }
    if ('role' in body) assertMayAssign(actor, body.role);
    if (
      'name' in body &&
      (typeof body.name !== 'string' || body.name.trim() === '' || body.name.length > 200)
    ) {
      throw badRequest('name must be 1 to 200 characters');
    }
    for (const flag of ['active', 'mfaRequired'] as const) {
      if (flag in body && typeof body[flag] !== 'boolean') throw badRequest(`${flag} must be true or false`);
    }
    const result = await runtime.store.update({
      module: 'atriumUsers',
      id: target.id,
      where: everything,
      set: body,
      updatedAt: now().toISOString(),
      updatedBy: actor.id,
    });
    if (result.kind !== 'updated') throw notFound('No such user');
    if (['role', 'active', 'mfaRequired'].some((key) => key in body)) {
      await runtime.staffSessions.invalidateAllForUser({ userId: target.id, audience: 'staff' });
    }
    await audit(c, 'user.updated', target.id);
    return c.json({ data: adminView(result.record) });
  });

  return routes;
}
