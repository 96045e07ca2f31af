import { createError } from '../core/errors.ts';

/** A unique field (or unique index) already holds this value on a live record; `details.field` names it. */
export const uniqueViolation = createError({ code: 'UNIQUE_VIOLATION', status: 409 });
/** A cursor that is malformed, or was made for another module or another sort. */
export const invalidCursor = createError({ code: 'INVALID_CURSOR', status: 400 });
/** A page size outside 1–1000. */
export const invalidLimit = createError({ code: 'INVALID_LIMIT', status: 400 });
/** A sort on an unknown field, or on a field whose values have no order (arrays, files, JSON). */
export const invalidSort = createError({ code: 'INVALID_SORT', status: 400 });
/** A group-by or metric the store cannot compute (unknown field, array field, a sum of text). */
export const invalidAggregate = createError({ code: 'INVALID_AGGREGATE', status: 400 });
/** A write naming a field the store cannot hold: a malformed name or a system field it may not set. */
export const invalidWrite = createError({ code: 'INVALID_WRITE', status: 400 });
/** A module the store has no table for (`ensureSchema` never saw it). */
export const unknownModule = createError({ code: 'UNKNOWN_MODULE', status: 404 });
