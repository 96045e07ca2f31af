import type { MiddlewareHandler } from 'hono';

/** The path of the upload route (`POST /api/files`), which has its own, larger body limit. */
export const fileUploadPath = '/api/files';

/**
 * Runs `middleware` for every request except a file upload (`POST /api/files`, matched on the same
 * path the router sees): used to keep the JSON body limit off uploads, which `fileRoutes` limits itself.
 */
export function exceptFileUploads(middleware: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST' && c.req.path === fileUploadPath) return next();
    return middleware(c, next);
  };
}
