import type { PurgePlan } from './types.ts';

/** A purge's dry run as lines a person reviews: what it names, and how many records it removes from. */
export function describePurgePlan(plan: PurgePlan): string[] {
  const type = plan.type === undefined ? '' : `${plan.type}, `;
  if (plan.field === undefined) {
    return [
      `Purge module ${plan.module} (archived in revision ${plan.archivedIn}):`,
      `  records deleted for good: ${plan.records} (${plan.live} live, ${plan.deleted} soft-deleted)`,
    ];
  }
  return [
    `Purge field ${plan.module}.${plan.field} (${type}archived in revision ${plan.archivedIn}):`,
    `  records whose value is removed for good: ${plan.records} (${plan.live} live, ${plan.deleted} soft-deleted)`,
    `  type-change archive copies removed: ${plan.archiveKeys.length === 0 ? 'none' : plan.archiveKeys.join(', ')}`,
  ];
}
