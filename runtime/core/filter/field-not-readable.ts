import { createError } from '../errors.ts';

/** A filter names a field the principal may not read (403, distinct from an invalid filter). */
export const fieldNotReadable = createError({ code: 'FIELD_NOT_READABLE', status: 403 });
