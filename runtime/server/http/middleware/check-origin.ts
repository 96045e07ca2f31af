import type { MiddlewareHandler } from 'hono';
import { crossSiteRefused } from '../http-errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence: a state-changing request must carry an `Origin` among the allowed ones. A missing
 * or `null` Origin is refused too (browsers always send it on cross-site and same-site POSTs).
 */
export function checkOrigin(allowedOrigins: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (!safeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (!origin || !allowedOrigins.has(origin)) throw crossSiteRefused('Cross-site request refused');
    }
    await next();
  };
}
