import type { SessionAudience } from '../../../auth/session/types.ts';
import type { Store } from '../../../store/types.ts';
import { findUserByLogin } from '../../identity/find-user-by-login.ts';
import { findPortalUserOfRecord } from './find-portal-user-of-record.ts';
import { loginTaken, portalUserExists } from './portal-user-errors.ts';

/**
 * Refuses (409) to give `recordId` a portal user in `audience` when it already has one, or `login`
 * when another user of the audience has it. Call inside the transaction that writes the user, so two
 * concurrent requests cannot both pass.
 */
export async function assertPortalUserFree(args: {
  tx: Store;
  audience: SessionAudience;
  recordId: string;
  login: string;
  exceptUserId?: string;
}): Promise<void> {
  const { tx, audience, recordId, login, exceptUserId } = args;
  const ofRecord = await findPortalUserOfRecord({ store: tx, audience, recordId });
  if (ofRecord && ofRecord.id !== exceptUserId)
    throw portalUserExists(`This record already has a ${audience} user`, { userId: ofRecord.id });
  const withLogin = await findUserByLogin({ store: tx, audience, login });
  if (withLogin && withLogin.id !== exceptUserId)
    throw loginTaken(`The login ${login} is already taken in ${audience}`, { field: 'login' });
}
