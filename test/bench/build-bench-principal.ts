import { compileStaffPrincipal } from '../../runtime/core/access/staff/compile-staff-principal.ts';
import type { StaffUser } from '../../runtime/core/access/staff/staff-directory.ts';
import type { Principal } from '../../runtime/core/access/types.ts';
import type { CompiledApp } from '../../runtime/core/metadata/compile-app.ts';

/** The benchmark's staff: 50 users, and the principal of the one whose lists are measured. */
export type BenchStaff = {
  /** Every user id, the owners the generated records are spread over. */
  userIds: string[];
  principal: Principal;
  /** The users among `userIds` the principal sees records of (its own and its reps'). */
  visibleUserIds: string[];
};

function userId(index: number): string {
  return `user${String(index + 1).padStart(2, '0')}`;
}

/**
 * A directory of 50 staff users on the starter app's role tree (administrator → salesManager →
 * salesRep; administrator → support) and the principal `compileStaffPrincipal` makes for user01, a
 * sales manager: user02–user05 are the only sales reps, so user01 sees its own records and theirs
 * (5 users, plus the `group:` keys of its groups, which own nothing here). The other 45 users are
 * peer managers (not visible: peers are not included), support agents and administrators.
 */
export function buildBenchPrincipal(app: CompiledApp): BenchStaff {
  const roleOf = (index: number) => {
    if (index === 0) return 'salesManager';
    if (index <= 4) return 'salesRep';
    if (index < 35) return 'salesManager';
    if (index < 45) return 'support';
    return 'administrator';
  };
  const users: StaffUser[] = Array.from({ length: 50 }, (_, index) => ({
    id: userId(index),
    role: roleOf(index),
    active: true,
  }));
  const principal = compileStaffPrincipal({ app, directory: { users }, userId: userId(0) });
  if (!principal) throw new Error('the benchmark user got no principal');
  const visible = principal.attributes.visibleOwnerIds;
  if (!Array.isArray(visible)) throw new Error('the benchmark principal has no visibleOwnerIds');
  const userIds = users.map((user) => user.id);
  return { userIds, principal, visibleUserIds: userIds.filter((id) => visible.includes(id)) };
}
