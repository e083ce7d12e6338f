/** Sign-in, who is signed in, sign-out: `/admin/api/session`. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { closeAdminSession, isAdminToken, openAdminSession, SESSION_TTL_MS } from '../../services/admin-sessions.js';
import type { ServerContext } from '../../services/context.js';
import { objectAt, text } from '../input.js';
import { Problem } from '../problem.js';
import { jsonBody } from '../public-routes.js';
import { dashboardOrigin, formPostGuard, SESSION_COOKIE } from '../middleware/admin-auth.js';
import type { FailedSignIns } from '../middleware/sign-in-limit.js';

/** What sign-in needs besides the context. */
export interface SessionOptions { adminToken: string; failures: FailedSignIns; trustProxy: boolean }

/** POST /session (open, before the auth check): the admin token for a session cookie. */
export function signInRoute(ctx: ServerContext, { adminToken, failures, trustProxy }: SessionOptions): Hono {
  const app = new Hono();
  app.post('/session', formPostGuard(trustProxy), async (c) => {
    failures.check(c);
    const body = objectAt(await jsonBody(c), '', ['token']);
    const token = text(body.token, '/token', 200);
    if (!isAdminToken(token, adminToken)) {
      failures.fail(c);
      throw new Problem(401, 'Wrong admin token.', '/token');
    }
    failures.succeed(c);
    const session = await openAdminSession(ctx.db, ctx.now(), adminToken);
    setCookie(c, SESSION_COOKIE, session.id, {
      httpOnly: true, sameSite: 'Strict', path: '/admin', secure: isHttps(c, trustProxy), maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json({ via: 'session', csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });
  return app;
}

/** GET and DELETE /session (behind the auth check). */
export function sessionRoutes(ctx: ServerContext, { trustProxy }: Pick<SessionOptions, 'trustProxy'>): Hono {
  const app = new Hono();
  app.get('/session', (c) => {
    const caller = c.get('admin');
    return c.json(caller.via === 'bearer'
      ? { via: 'bearer' }
      : { via: 'session', csrfToken: caller.session.csrfToken, expiresAt: caller.session.expiresAt });
  });
  app.delete('/session', async (c) => {
    const caller = c.get('admin');
    if (caller.via === 'session') await closeAdminSession(ctx.db, caller.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure: isHttps(c, trustProxy) });
    return c.json({ signedOut: caller.via === 'session' });
  });
  return app;
}

/** A Secure cookie over https (a plain-http localhost dashboard still works). */
function isHttps(c: Context, trustProxy: boolean): boolean {
  return dashboardOrigin(c, trustProxy).startsWith('https:');
}
