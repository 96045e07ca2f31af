import { listQueryRules } from '../../core/metadata/list-query-rules.ts';
import { badRequest } from './record-errors.ts';

/** A caller's page size: the default when absent, a 400 outside 1 to the maximum (never a silent clamp). */
export function parsePageSize(limit: number | undefined): number {
  if (limit === undefined) return listQueryRules.defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > listQueryRules.maxPageSize) {
    throw badRequest(`limit must be a whole number from 1 to ${listQueryRules.maxPageSize}`);
  }
  return limit;
}
