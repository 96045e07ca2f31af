import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../../core/errors.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';

/** Builds the HTTP app for a compiled metadata app. Routes stay thin: parse, call, render. */
export function createApp(args: { getApp: () => CompiledApp }): Hono {
  const http = new Hono();
  http.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
    }),
  );
  http.get('/api/health', (c) => {
    const app = args.getApp();
    return c.json({
      status: 'ok',
      app: app.app.name,
      modules: app.modules.size,
      portalTypes: app.portalTypes.size,
    });
  });
  http.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, 404));
  http.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(
        {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          },
        },
        error.status as 400,
      );
    }
    console.error(error);
    return c.json({ error: { code: 'INTERNAL', message: 'Internal error' } }, 500);
  });
  return http;
}
