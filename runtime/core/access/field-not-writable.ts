import { createError } from '../errors.ts';

/** An input names a field the principal may not write (400; nothing is stored). */
export const fieldNotWritable = createError({ code: 'FIELD_NOT_WRITABLE', status: 400 });
