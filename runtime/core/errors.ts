/** Machine-readable details attached to an error, rendered under `error.details`. */
export type ErrorDetails = Record<string, unknown>;

/** The one error type the runtime throws on purpose; `app.onError` renders it as `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails | undefined;

  constructor(args: { code: string; status: number; message: string; details?: ErrorDetails }) {
    super(args.message);
    this.name = 'AppError';
    this.code = args.code;
    this.status = args.status;
    this.details = args.details;
  }
}

/** A factory for one kind of error: `const notFound = createError({ code: 'NOT_FOUND', status: 404 })`. */
export function createError(kind: { code: string; status: number }) {
  return (message: string, details?: ErrorDetails): AppError =>
    new AppError({ code: kind.code, status: kind.status, message, details });
}

export const invalidFilter = createError({ code: 'INVALID_FILTER', status: 400 });
export const invalidMetadata = createError({ code: 'INVALID_METADATA', status: 400 });
