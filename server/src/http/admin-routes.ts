/** The admin JSON API (contract §8), behind the admin token: a Bearer header or the dashboard's session cookie. */
import { Hono } from 'hono';
import type { ServerContext } from '../services/context.js';
import { RETENTION_DAYS } from '../services/events.js';
import { report } from '../services/report.js';
import { integer } from './input.js';
import { flowRoutes } from './admin/flows.js';
import { leadRoutes } from './admin/leads.js';
import { meetingRoutes } from './admin/meetings.js';
import { routingRoutes } from './admin/routing.js';
import { sessionRoutes, signInRoute } from './admin/session.js';
import { adminAuth } from './middleware/admin-auth.js';
import { failedSignIns, type SignInLimit } from './middleware/sign-in-limit.js';
import { notifyRoutes } from './notify-routes.js';

/** How the admin API authenticates. */
export interface AdminOptions {
  adminToken: string;
  /** Wrong tokens allowed per address and window before sign-in is refused (429). */
  signInLimit: SignInLimit;
}

/** The admin routes, mounted under /admin/api. */
export function adminRoutes(ctx: ServerContext, { adminToken, signInLimit }: AdminOptions): Hono {
  const app = new Hono();
  const failures = failedSignIns(signInLimit);
  const { trustProxy } = signInLimit;
  // Answers that name leads must not linger in a browser or proxy cache.
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.route('/', signInRoute(ctx, { adminToken, failures, trustProxy }));
  app.use('*', adminAuth(ctx, { adminToken, failures, trustProxy }));
  app.route('/', sessionRoutes(ctx, { trustProxy }));
  app.route('/', leadRoutes(ctx));
  app.route('/', meetingRoutes(ctx));
  app.route('/', routingRoutes(ctx));
  app.route('/', flowRoutes(ctx));
  // Webhooks and email (services/notifications.ts, services/delivery.ts).
  app.route('/', notifyRoutes(ctx));

  app.get('/report', async (c) => {
    const days = integer(c.req.query('days') ?? String(RETENTION_DAYS), '/query/days', 1, RETENTION_DAYS);
    return c.json(await report(ctx.db, days, ctx.now()));
  });

  return app;
}
