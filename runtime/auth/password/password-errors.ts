import { createError } from '../../core/errors.ts';

/** Thrown by `hashPassword` for input over the size limits; callers should run `checkPasswordPolicy` first. */
export const passwordTooLong = createError({ code: 'PASSWORD_TOO_LONG', status: 400 });

/** Thrown by `hashPassword` for input that has no UTF-8 form (a lone surrogate). */
export const passwordMalformed = createError({ code: 'PASSWORD_MALFORMED', status: 400 });
