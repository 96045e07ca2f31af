import { createError } from '../../core/errors.ts';

/** The content is not a type the runtime accepts, or not the type the upload declared. */
export const fileTypeRefused = createError({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
/** The upload is larger than the hard limit. */
export const fileTooLarge = createError({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
