/** The HTTP app: middleware (one per concern), the public protocol and the admin API; a plain fetch function. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ServerContext } from '../services/context.js';
import { adminRoutes } from './admin-routes.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { accessLog } from './middleware/access-log.js';
import { limitBody } from './middleware/body-limit.js';
import { originPolicy } from './middleware/cors.js';
import { rateLimit, type RateLimit } from './middleware/rate-limit.js';
import { securityHeaders } from './middleware/security.js';
import { Problem, problemResponse } from './problem.js';
import { publicRoutes } from './public-routes.js';

/** The protocol's paths: CORS, the visitor rate limit and the small body limit apply to these. */
const PUBLIC_PATHS = ['/fields', '/events', '/slots', '/meetings', '/identify', '/flow.json'];

/** How the app behaves at its edges. */
export interface AppOptions {
  allowedOrigins: string[];
  adminToken: string;
  rateLimit: RateLimit;
  /** Largest visitor request body (bytes). */
  maxBody?: number;
  /** Largest admin request body, a flow document (bytes). */
  maxAdminBody?: number;
  accessLog?: boolean;
  /** Wrong admin tokens allowed per address in 15 minutes (default 10). */
  signInFailures?: number;
}

/** Builds the app over the server's context. */
export function createApp(ctx: ServerContext, options: AppOptions): Hono {
  const app = new Hono();
  if (options.accessLog) app.use('*', accessLog(ctx.log));
  app.use('*', securityHeaders());
  app.use('/admin/api/*', limitBody(options.maxAdminBody ?? 1_000_000));
  app.use('/admin/api/*', rateLimit({ ...options.rateLimit, max: Math.max(options.rateLimit.max, 600) }));
  app.route('/admin/api', adminRoutes(ctx, {
    adminToken: options.adminToken,
    signInLimit: { max: options.signInFailures ?? 10, windowMs: 15 * 60_000, trustProxy: options.rateLimit.trustProxy },
  }));
  app.route('/admin', dashboardRoutes(ctx, options.adminToken));
  app.get('/admin/', (c) => c.redirect('/admin', 308));

  // Named paths, not '*': a sub-app's '*' middleware would reach the admin routes too.
  const visitorLimit = rateLimit(options.rateLimit);
  const visitorBody = limitBody(options.maxBody ?? 64_000);
  for (const path of PUBLIC_PATHS) app.use(path, ...originPolicy(options.allowedOrigins), visitorLimit, visitorBody);
  app.route('/', publicRoutes(ctx));

  app.get('/', (c) => c.json({ name: 'dynamic-chat-server', flow: '/flow.json', admin: '/admin', api: '/admin/api/' }));
  app.notFound((c) => problemResponse(c, new Problem(404, `No route ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => {
    if (error instanceof Problem) return problemResponse(c, error);
    if (error instanceof HTTPException) return error.getResponse();
    // The message may quote input; only its kind is logged.
    ctx.log(`error on ${c.req.method} ${c.req.path}: ${error.name} ${(error as { code?: string }).code ?? ''}`.trim());
    return problemResponse(c, new Problem(500, 'The server failed; try again.'));
  });
  return app;
}
