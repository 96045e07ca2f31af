import { AppError } from '../../../core/errors.ts';
import { badRequest } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { enablePortalUser } from './enable-portal-user.ts';
import type { InvitationOutcome } from './send-portal-invitation.ts';
import type { PortalUserActor } from './portal-user-actor.ts';

/** The most records one bulk request may enable. */
export const maxBulkEnable = 500;

/** What happened to one record of a bulk enable. */
export type BulkEnableResult =
  | { recordId: string; status: 'created'; userId: string; invitation: InvitationOutcome }
  | { recordId: string; status: 'skipped'; reason: string; message: string };

/**
 * Enables up to 500 records of a portal type as portal users with invitations (seed: RepairShopr's
 * bulk enabling), one by one, and reports each: `created` (with whether the invitation went out) or
 * `skipped` with the refusal's code as `reason` (`NOT_FOUND`, `PORTAL_USER_EXISTS`,
 * `UNIQUE_VIOLATION`, `LOGIN_AND_PASSWORD_NEEDED` for a record without email, …). Repeated ids are
 * reported once. A wrong request as a whole (unknown portal type, not a list, too many ids) is a 400.
 */
export async function bulkEnablePortalUsers(args: {
  runtime: Runtime;
  actor: PortalUserActor;
  portalType: unknown;
  recordIds: unknown;
}): Promise<BulkEnableResult[]> {
  const { runtime, actor, portalType, recordIds } = args;
  if (
    !Array.isArray(recordIds) ||
    recordIds.length === 0 ||
    recordIds.length > maxBulkEnable ||
    !recordIds.every((id) => typeof id === 'string' && id !== '')
  )
    throw badRequest(`recordIds must list 1 to ${maxBulkEnable} record ids`, { field: 'recordIds' });
  if (typeof portalType !== 'string' || !runtime.getApp().portalTypes.has(portalType))
    throw badRequest('portalType must name an existing portal type', { field: 'portalType' });
  const results: BulkEnableResult[] = [];
  for (const recordId of new Set(recordIds as string[])) {
    try {
      const { user, invitation } = await enablePortalUser({
        runtime,
        actor,
        request: { portalType, recordId, sendInvitation: true, settings: {} },
      });
      results.push({ recordId, status: 'created', userId: user.id, invitation });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      results.push({ recordId, status: 'skipped', reason: error.code, message: error.message });
    }
  }
  return results;
}
