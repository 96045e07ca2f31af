import type { MiddlewareHandler } from 'hono';
import { staffPrivileges } from '../../../core/metadata/staff-privileges.ts';
import type { SystemPrivilege } from '../../../core/metadata/types.ts';
import { forbidden } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { StaffEnv } from './require-staff.ts';

/** Lets a staff request through only when the user's role grants `privilege` (checked on every request). */
export function requirePrivilege(runtime: Runtime, privilege: SystemPrivilege): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const roleId = String(c.get('user').role ?? '');
    if (!staffPrivileges({ app: runtime.getApp(), roleId })[privilege])
      throw forbidden(`This needs the ${privilege} privilege`);
    await next();
  };
}
