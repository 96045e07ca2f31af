import type { MiddlewareHandler } from 'hono';

/** The paths of the upload routes (`POST /api/files`, `POST /portal/<type>/api/files`), which have their own, larger body limit. */
const fileUploadPath = /^\/(?:api|portal\/[^/]+\/api)\/files$/;

/**
 * Runs `middleware` for every request except a file upload (matched on the same path the router
 * sees): used to keep the JSON body limit off uploads, which `fileRoutes` limits itself.
 */
export function exceptFileUploads(middleware: MiddlewareHandler): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'POST' && fileUploadPath.test(c.req.path)) return next();
    return middleware(c, next);
  };
}
