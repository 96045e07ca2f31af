import { systemKeys } from './system-columns.ts';

const documentKeyPattern = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** Whether a record key belongs in the JSON document: not a system field, and fit for a JSON path. */
export function isDocumentKey(key: string): boolean {
  return documentKeyPattern.test(key) && !systemKeys.has(key);
}
