import type { PortalUser } from './portal-user.ts';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Whether `now` falls inside the user's support period: whole UTC days, both ends inclusive, an
 * absent (or null) end open. Fails closed: `false` for a date that is not a real `YYYY-MM-DD` day
 * (an empty string included) and for an invalid `now`.
 */
export function isWithinSupportPeriod(args: {
  user: Pick<PortalUser, 'supportStart' | 'supportEnd'>;
  now: Date;
}): boolean {
  const { user, now } = args;
  if (Number.isNaN(now.getTime())) return false;
  const today = now.toISOString().slice(0, 10);
  const start: unknown = user.supportStart;
  const end: unknown = user.supportEnd;
  if (start !== undefined && start !== null) {
    if (typeof start !== 'string' || !isCalendarDay(start) || today < start) return false;
  }
  if (end !== undefined && end !== null) {
    if (typeof end !== 'string' || !isCalendarDay(end) || today > end) return false;
  }
  return true;
}
