import { randomBytes } from 'node:crypto';

/** A random record id: 16 url-safe characters (96 bits), never sequential. */
export function newRecordId(): string {
  return randomBytes(12).toString('base64url');
}
