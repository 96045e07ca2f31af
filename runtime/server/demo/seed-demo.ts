import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../auth/password/hash-password.ts';
import { asSystem } from '../../core/access/as-system.ts';
import { createUser } from '../identity/create-user.ts';
import { fieldConditions } from '../records/field-conditions.ts';
import { identityModules } from '../identity/identity-modules.ts';
import type { Runtime } from '../runtime-types.ts';
import { seedDemoData } from './seed-demo-data.ts';
import { seedDemoPortalUsers } from './seed-demo-portal-users.ts';

/** The demo staff: login, display name, role, and whether the user administers the system. */
export const demoStaff = [
  {
    key: 'admin',
    email: 'admin@atrium.test',
    name: 'Ada Admin',
    role: 'administrator',
    isAdministrator: true,
  },
  {
    key: 'manager',
    email: 'manager@atrium.test',
    name: 'Max Manager',
    role: 'salesManager',
    isAdministrator: false,
  },
  { key: 'rep1', email: 'rep1@atrium.test', name: 'Riley Rep', role: 'salesRep', isAdministrator: false },
  { key: 'rep2', email: 'rep2@atrium.test', name: 'Robin Rep', role: 'salesRep', isAdministrator: false },
  {
    key: 'support',
    email: 'support@atrium.test',
    name: 'Sam Support',
    role: 'support',
    isAdministrator: false,
  },
] as const;

/**
 * On a store with no staff users yet, creates the demo staff, demo data and demo portal users
 * (`seedDemoPortalUsers`; their logins are listed after the staff's). The password is
 * `password` when given, else a random one; it is returned (to print once) only when seeding ran.
 */
export async function seedDemo(args: {
  runtime: Runtime;
  password?: string;
}): Promise<{ seeded: boolean; password?: string; logins: string[] }> {
  const { runtime } = args;
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const logins = demoStaff.map((u) => u.email);
  const existing = await runtime.store.count({
    module: 'atriumUsers',
    where: fieldConditions({ module: users, conditions: [['audience', 'eq', 'staff']] }),
  });
  if (existing > 0) return { seeded: false, logins };
  const password = args.password ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  const now = new Date(runtime.clock.now());
  const ids: Record<string, string> = {};
  for (const staff of demoStaff) {
    const user = await createUser({
      store: runtime.store,
      user: {
        audience: 'staff',
        email: staff.email,
        name: staff.name,
        role: staff.role,
        isAdministrator: staff.isAdministrator,
        passwordHash,
      },
      createdBy: null,
      at: now,
    });
    ids[staff.key] = user.id;
  }
  const owner = (key: string) => ids[key] ?? '';
  const system = asSystem({
    reason: 'seeding demo data on first start',
    log: ({ reason }) => console.log(`system access: ${reason}`),
  });
  const { accounts, contacts } = await seedDemoData({
    records: runtime.records,
    system,
    owners: {
      admin: owner('admin'),
      manager: owner('manager'),
      rep1: owner('rep1'),
      rep2: owner('rep2'),
      support: owner('support'),
    },
    now,
  });
  const portalLogins = await seedDemoPortalUsers({ runtime, password, accounts, contacts });
  return { seeded: true, password, logins: [...logins, ...portalLogins] };
}
