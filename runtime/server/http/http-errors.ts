import { createError } from '../../core/errors.ts';

export const unauthenticated = createError({ code: 'UNAUTHENTICATED', status: 401 });
export const unsupportedMediaType = createError({ code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
export const crossSiteRefused = createError({ code: 'CROSS_SITE_REQUEST', status: 403 });
export const payloadTooLarge = createError({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
export const invalidCredentials = createError({ code: 'INVALID_CREDENTIALS', status: 401 });
