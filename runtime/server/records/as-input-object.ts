import { validationFailed } from './build-input-validator.ts';

/** A shallow copy of record input, which must be a JSON object. */
export function asInputObject(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw validationFailed('The record must be a JSON object');
  }
  return { ...(input as Record<string, unknown>) };
}
