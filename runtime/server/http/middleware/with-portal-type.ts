import type { MiddlewareHandler } from 'hono';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import { notFound } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';

/** Variables set under `/portal/:portalType/api`: the portal type of the path. */
export type PortalTypeEnv = { Variables: { portalType: CompiledPortalType } };

/**
 * Resolves `:portalType` against the current metadata and sets `portalType`; an unknown one is a
 * 404 (the same as any missing route).
 */
export function withPortalType(runtime: Runtime): MiddlewareHandler<PortalTypeEnv> {
  return async (c, next) => {
    const portalType = runtime.getApp().portalTypes.get(c.req.param('portalType') ?? '');
    if (!portalType) throw notFound('Not found');
    c.set('portalType', portalType);
    await next();
  };
}
