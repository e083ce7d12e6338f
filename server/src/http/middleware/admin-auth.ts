/**
 * Who may call /admin/api: a script with `Authorization: Bearer <admin token>` (hono's bearerAuth),
 * or the dashboard with its session cookie. A state-changing call made with the cookie must also
 * come from the dashboard's own origin (hono's csrf for form posts, the Origin header for the rest)
 * and carry the session's CSRF token in `X-CSRF-Token`; Bearer calls carry no ambient credential,
 * so they need neither.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { AdminSessionRow } from '../../db/admin-sessions.js';
import { findAdminSession, isAdminToken, isCsrfToken } from '../../services/admin-sessions.js';
import type { ServerContext } from '../../services/context.js';
import { Problem } from '../problem.js';
import type { FailedSignIns } from './sign-in-limit.js';

/** The session cookie's name (HttpOnly, SameSite=Strict, Path=/admin). */
export const SESSION_COOKIE = 'dc_admin_session';
/** The header that carries the session's CSRF token. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** How the caller signed in: set on the context for the routes. */
export type AdminCaller = { via: 'bearer' } | { via: 'session'; id: string; session: AdminSessionRow };

declare module 'hono' {
  /** `c.get('admin')`: how the caller signed in, set by adminAuth for the routes behind it. */
  interface ContextVariableMap { admin: AdminCaller }
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

/** The origin a browser names when it calls from the dashboard: the request's own, or the proxy's when it is trusted. */
export function dashboardOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() || url.protocol.slice(0, -1);
  const host = c.req.header('X-Forwarded-Host')?.split(',')[0]?.trim() || url.host;
  return `${proto}://${host}`;
}

/** hono's csrf (refuses cross-site form posts), answered as our JSON error. */
export function formPostGuard(trustProxy: boolean): MiddlewareHandler {
  const guard = csrf({ origin: (origin, c) => origin === dashboardOrigin(c, trustProxy) });
  return async (c, next) => {
    try {
      await guard(c, async () => undefined);
    } catch (error) {
      if (error instanceof HTTPException) throw new Problem(403, 'Cross-site form posts are refused.', '/headers/origin');
      throw error;
    }
    await next();
  };
}

/** The check in front of every admin route but sign-in. */
export function adminAuth(ctx: ServerContext, options: { adminToken: string; failures: FailedSignIns; trustProxy: boolean }): MiddlewareHandler {
  const { adminToken, failures, trustProxy } = options;
  const bearer = bearerAuth({
    verifyToken: (token, c) => {
      const ok = isAdminToken(token, adminToken);
      if (ok) failures.succeed(c);
      else failures.fail(c);
      return ok;
    },
    invalidToken: { message: { error: { message: 'Wrong admin token.', path: '/headers/authorization' } } },
    invalidAuthenticationHeader: { message: { error: { message: 'Expected Authorization: Bearer <admin token>.', path: '/headers/authorization' } } },
  });
  const formPosts = formPostGuard(trustProxy);
  return async (c, next) => {
    if (c.req.header('Authorization') !== undefined) {
      failures.check(c);
      c.set('admin', { via: 'bearer' });
      return bearer(c, next);
    }
    const id = getCookie(c, SESSION_COOKIE);
    if (!id) throw new Problem(401, 'Sign in: POST /admin/api/session { token }, or send Authorization: Bearer <admin token>.');
    const session = await findAdminSession(ctx.db, id, ctx.now(), adminToken);
    if (!session) throw new Problem(401, 'The session has expired, was signed out, or the admin token has changed since; sign in again.');
    if (!SAFE_METHOD.test(c.req.method)) {
      await formPosts(c, async () => undefined);
      const origin = c.req.header('Origin');
      const site = c.req.header('Sec-Fetch-Site');
      if (origin !== undefined ? origin !== dashboardOrigin(c, trustProxy) : site !== undefined && site !== 'same-origin') {
        throw new Problem(403, 'A signed-in change must come from the dashboard\'s own origin.', '/headers/origin');
      }
      if (!isCsrfToken(c.req.header(CSRF_HEADER), session)) {
        throw new Problem(403, `Missing or wrong ${CSRF_HEADER} header (GET /admin/api/session gives it).`, `/headers/${CSRF_HEADER.toLowerCase()}`);
      }
    }
    c.set('admin', { via: 'session', id, session });
    await next();
  };
}
