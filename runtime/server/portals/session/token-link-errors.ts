import { createError } from '../../../core/errors.ts';

/** A token link cannot be issued: the portal type has token links off, or the account has portal users. */
export const tokenLinkRefused = createError({ code: 'TOKEN_LINK_REFUSED', status: 409 });
