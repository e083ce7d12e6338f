/** The admin JSON API (contract §8), behind the admin token: a Bearer header or the dashboard's session cookie. */
import { Hono } from 'hono';
import { listFlows } from '../db/flows.js';
import type { ServerContext } from '../services/context.js';
import { RETENTION_DAYS } from '../services/events.js';
import { publishFlow, restoreFlow } from '../services/flows.js';
import { report } from '../services/report.js';
import { integer, text } from './input.js';
import { Problem, problemResponse } from './problem.js';
import { jsonBody } from './public-routes.js';
import { leadRoutes } from './admin/leads.js';
import { meetingRoutes } from './admin/meetings.js';
import { routingRoutes } from './admin/routing.js';
import { sessionRoutes, signInRoute } from './admin/session.js';
import { adminAuth } from './middleware/admin-auth.js';
import { failedSignIns, type SignInLimit } from './middleware/sign-in-limit.js';

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

  app.put('/flow', async (c) => {
    const published = await publishFlow(ctx.db, await jsonBody(c));
    if (!published.ok) return c.json({ errors: published.errors }, 422);
    return c.json({ version: published.version });
  });

  app.get('/flows', async (c) => c.json({ flows: await listFlows(ctx.db) }));

  app.post('/flows/:version/restore', async (c) => {
    const version = integer(c.req.param('version'), '/version', 1, 2 ** 31 - 1);
    const restored = await restoreFlow(ctx.db, version);
    if (restored === null) return problemResponse(c, new Problem(404, `No flow version ${version}.`, '/version'));
    return c.json({ version: restored });
  });

  app.get('/report', async (c) => {
    const days = integer(c.req.query('days') ?? String(RETENTION_DAYS), '/query/days', 1, RETENTION_DAYS);
    return c.json(await report(ctx.db, days, ctx.now()));
  });

  return app;
}
