import { createError } from '../../core/errors.ts';

/** An unknown module, or a record that is missing or outside the caller's scope (indistinguishable). */
export const notFound = createError({ code: 'NOT_FOUND', status: 404 });
/** The caller may not take this action on this module. */
export const forbidden = createError({ code: 'FORBIDDEN', status: 403 });
/** `expectedVersion` is not the record's version; details carry the current record. */
export const versionConflict = createError({ code: 'CONFLICT', status: 409 });
/** A request parameter (sort, limit, cursor, filter shape) is wrong. */
export const badRequest = createError({ code: 'BAD_REQUEST', status: 400 });
