import { createError } from '../../../core/errors.ts';

/** The record was converted already; converting again is refused. */
export const alreadyConverted = createError({ code: 'ALREADY_CONVERTED', status: 409 });
/** The module has no conversion, or the request's targets, overrides, links or portal type are wrong. */
export const invalidConversion = createError({ code: 'INVALID_CONVERSION', status: 400 });
/** Both the lead and the new identity record already have a portal user: which to keep is a person's call. */
export const portalUserExists = createError({ code: 'PORTAL_USER_EXISTS', status: 409 });
