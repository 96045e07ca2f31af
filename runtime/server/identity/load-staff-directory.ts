import type { StaffDirectory } from '../../core/access/staff/staff-directory.ts';
import type { Store } from '../../store/types.ts';
import { fieldConditions } from '../records/field-conditions.ts';
import { identityModules } from './identity-modules.ts';

/** Every staff user's id, role and active flag, for compiling staff principals. */
export async function loadStaffDirectory(store: Store): Promise<StaffDirectory> {
  const users = identityModules.get('atriumUsers');
  if (!users) throw new Error('identity modules are missing atriumUsers');
  const where = fieldConditions({ module: users, conditions: [['audience', 'eq', 'staff']] });
  const result: Array<{ id: string; role: string; active: boolean }> = [];
  let cursor: string | undefined;
  do {
    const page = await store.find({ module: 'atriumUsers', where, limit: 1000, cursor });
    for (const user of page.records)
      result.push({ id: user.id, role: String(user.role ?? ''), active: user.active === true });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { users: result };
}
