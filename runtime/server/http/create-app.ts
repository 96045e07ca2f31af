import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../../core/errors.ts';
import type { Runtime } from '../runtime-types.ts';
import { payloadTooLarge } from './http-errors.ts';
import { checkOrigin } from './middleware/check-origin.ts';
import { exceptFileUploads } from './middleware/except-file-uploads.ts';
import { requirePrivilege } from './middleware/require-privilege.ts';
import { requireStaff, type StaffEnv } from './middleware/require-staff.ts';
import { adminLogRoutes } from './routes/admin-log-routes.ts';
import { adminMetadataRoutes } from './routes/admin-metadata-routes.ts';
import { adminPortalUsersRoutes } from './routes/admin-portal-users-routes.ts';
import { adminPortalPreviewRoutes } from './routes/admin-portal-preview-routes.ts';
import { adminPortalTokenLinkRoutes } from './routes/admin-portal-token-link-routes.ts';
import { adminUsersRoutes } from './routes/admin-users-routes.ts';
import { conversionRoutes } from './routes/conversion-routes.ts';
import { csvRoutes } from './routes/csv-routes.ts';
import { homePage } from './routes/home-page.ts';
import { fileRoutes } from './routes/file-routes.ts';
import { metaRoutes } from './routes/meta-routes.ts';
import { portalRoutes } from './routes/portal-routes.ts';
import { meRoutes } from './routes/me-routes.ts';
import { recordRoutes } from './routes/record-routes.ts';
import { passwordAuthRoutes } from './routes/password-auth-routes.ts';
import { staffPasswordAuthAudience } from './routes/staff-password-auth-audience.ts';

/** Largest request body accepted (JSON and CSV); larger ones are refused before being read whole. */
export const maxBodyBytes = 5 * 1024 * 1024;

/** Builds the HTTP app (DESIGN §11). Routes stay thin: parse, call, render; one `onError`. */
export function createApp(runtime: Runtime): Hono {
  const http = new Hono();
  http.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      // Keep headers a route sets itself (file downloads have a stricter CSP).
      overwrite: false,
    }),
  );
  http.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  for (const path of ['/api/*', '/portal/*']) {
    http.use(path, checkOrigin(runtime.allowedOrigins));
    http.use(
      path,
      exceptFileUploads(
        bodyLimit({
          maxSize: maxBodyBytes,
          onError: () => {
            throw payloadTooLarge(`The body is larger than ${maxBodyBytes} bytes`);
          },
        }),
      ),
    );
  }

  http.get('/', homePage(runtime));
  http.get('/api/health', async (c) => {
    const app = runtime.getApp();
    await runtime.store.count({ module: 'atriumUsers', where: { kind: 'false' } });
    return c.json({ status: 'ok', app: app.app.name });
  });
  http.route('/api/auth', passwordAuthRoutes({ runtime, resolve: () => staffPasswordAuthAudience(runtime) }));
  http.route('/portal/:portalType/api', portalRoutes(runtime));

  const admin = new Hono<StaffEnv>();
  admin.use('/metadata/*', requirePrivilege(runtime, 'manageMetadata'));
  admin.route('/metadata', adminMetadataRoutes(runtime));
  admin.use('/users/*', requirePrivilege(runtime, 'manageUsers'));
  admin.use('/users', requirePrivilege(runtime, 'manageUsers'));
  admin.route('/users', adminUsersRoutes(runtime));
  admin.use('/portal-users/*', requirePrivilege(runtime, 'managePortals'));
  admin.use('/portal-users', requirePrivilege(runtime, 'managePortals'));
  admin.route('/portal-users', adminPortalUsersRoutes(runtime));
  admin.use('/portals/*', requirePrivilege(runtime, 'managePortals'));
  admin.route('/portals', adminPortalTokenLinkRoutes(runtime));
  admin.route('/portals', adminPortalPreviewRoutes(runtime));
  admin.route('/', adminLogRoutes(runtime));

  const staff = new Hono<StaffEnv>();
  staff.use('*', requireStaff(runtime));
  staff.route('/me', meRoutes(runtime));
  staff.route('/', metaRoutes(runtime));
  staff.route('/', fileRoutes(runtime));
  staff.route('/records', csvRoutes(runtime.records));
  staff.route('/records', conversionRoutes(runtime));
  staff.route('/records', recordRoutes(runtime.records));
  staff.route('/admin', admin);
  http.route('/api', staff);

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
