import type { CompiledApp, CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import { badRequest } from '../../records/record-errors.ts';

/** The compiled portal type named `name`; a 400 for anything else (not a string, unknown type). */
export function requirePortalType(args: { app: CompiledApp; name: unknown }): CompiledPortalType {
  const portalType = typeof args.name === 'string' ? args.app.portalTypes.get(args.name) : undefined;
  if (!portalType) throw badRequest('portalType must name an existing portal type', { field: 'portalType' });
  return portalType;
}
