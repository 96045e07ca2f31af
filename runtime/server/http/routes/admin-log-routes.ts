import { Hono } from 'hono';
import { listOutbox } from '../../mail/list-outbox.ts';
import { systemModules } from '../../records/system-modules.ts';
import { fieldConditions } from '../../records/field-conditions.ts';
import { maskAuditEntry } from '../../records/mask-audit-entry.ts';
import type { Runtime } from '../../runtime-types.ts';
import { requirePrivilege } from '../middleware/require-privilege.ts';
import type { StaffEnv } from '../middleware/require-staff.ts';

/**
 * `/api/admin/outbox` (manageUsers: it holds invitation and reset links) and `/api/admin/audit`
 * (viewAudit; filter by `module` and `recordId`; changes masked by the reader's field rights,
 * `maskAuditEntry`), newest first.
 */
export function adminLogRoutes(runtime: Runtime): Hono<StaffEnv> {
  const routes = new Hono<StaffEnv>();
  routes.get('/outbox', requirePrivilege(runtime, 'manageUsers'), async (c) => {
    const page = await listOutbox({ store: runtime.store, limit: 100, cursor: c.req.query('cursor') });
    return c.json({ data: page.entries, nextCursor: page.nextCursor });
  });
  routes.get('/audit', requirePrivilege(runtime, 'viewAudit'), async (c) => {
    const audit = systemModules.get('atriumAudit');
    if (!audit) throw new Error('system modules are missing atriumAudit');
    const conditions = (['module', 'recordId'] as const).flatMap((field) => {
      const value = c.req.query(field);
      return value ? [[field, 'eq', value] as const] : [];
    });
    const page = await runtime.store.find({
      module: 'atriumAudit',
      where: conditions.length > 0 ? fieldConditions({ module: audit, conditions }) : { kind: 'true' },
      sort: [{ field: 'createdAt', direction: 'desc' }],
      limit: 100,
      cursor: c.req.query('cursor'),
    });
    const principal = c.get('principal');
    const now = new Date(runtime.clock.now());
    const app = runtime.getApp();
    const entries = [];
    for (const entry of page.records) {
      entries.push(await maskAuditEntry({ store: runtime.store, app, principal, now, entry }));
    }
    return c.json({ data: entries, nextCursor: page.nextCursor });
  });
  return routes;
}
