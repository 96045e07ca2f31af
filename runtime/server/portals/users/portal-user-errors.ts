import { createError } from '../../../core/errors.ts';

/** The identity record already has a portal user of that portal type. */
export const portalUserExists = createError({ code: 'PORTAL_USER_EXISTS', status: 409 });
/** The login is already taken in the portal type's audience (same code as the store's unique check). */
export const loginTaken = createError({ code: 'UNIQUE_VIOLATION', status: 409 });
/** The identity record has no email: staff must give a login and an initial password to hand over. */
export const loginAndPasswordNeeded = createError({ code: 'LOGIN_AND_PASSWORD_NEEDED', status: 400 });
/** The action does not fit the user's current state (no email to mail, deactivated, …). */
export const portalUserStateConflict = createError({ code: 'CONFLICT', status: 409 });
