/** The dashboard's page and script under /admin (the data comes from /admin/api, which these routes do not touch). */
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { adminBundle } from '../services/admin-bundle.js';
import { findAdminSession } from '../services/admin-sessions.js';
import type { ServerContext } from '../services/context.js';
import { SESSION_COOKIE } from './middleware/admin-auth.js';

/** The dashboard's paths: one page, routed in the browser. */
export const DASHBOARD_PAGES = ['overview', 'leads', 'meetings', 'routing', 'flow', 'settings'];

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="12" rx="3" fill="#3b5bdb"/><path d="M4 12v4l4-4z" fill="#3b5bdb"/></svg>`;

/** The overview's first call, which the page starts while the script loads (the element's fetch then takes the preloaded answer). */
export const OVERVIEW_REPORT = '/admin/api/report?days=30';

/**
 * The page; `csrfToken` when the request has a live session (the dashboard then needs no round
 * trip to learn it), '' when it has none; `preload` a same-origin API call to start at once.
 */
function page(hash: string, csrfToken: string, preload: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Dashboard · dynamic-chat</title>
<link rel="icon" href="/admin/icon.svg"><script type="module" src="/admin/app.js?v=${hash}"></script>
${preload ? `<link rel="preload" href="${preload}" as="fetch" crossorigin="anonymous">` : ''}</head>
<body><dc-admin data-csrf-token="${csrfToken}"></dc-admin><noscript>The dashboard needs JavaScript.</noscript></body></html>`;
}

/** The routes, mounted at /admin; a session opened with another `adminToken` counts as none. */
export function dashboardRoutes(ctx: ServerContext, adminToken: string): Hono {
  const app = new Hono();
  // The strict CSP for everything under /admin comes from the security middleware (no inline script or style here:
  // Lit's constructed style sheets are not inline styles).
  const shell = async (c: Context) => {
    const id = getCookie(c, SESSION_COOKIE);
    const [{ hash }, session] = await Promise.all([adminBundle(), id ? findAdminSession(ctx.db, id, ctx.now(), adminToken) : null]);
    // The token is base64url: nothing to escape in an attribute. The page is no-store, like the API.
    const overview = /^\/admin(\/|\/overview)?$/.test(c.req.path);
    return c.html(page(hash, session?.csrfToken ?? '', session && overview ? OVERVIEW_REPORT : null), 200, { 'Cache-Control': 'no-store' });
  };
  for (const path of ['/', ...DASHBOARD_PAGES.map((name) => `/${name}`)]) app.get(path, shell);
  app.get('/app.js', async (c) => {
    const { js, hash } = await adminBundle();
    // The page names the script by its hash, so a cached copy is never stale.
    const cache = c.req.query('v') === hash ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (c.req.header('If-None-Match') === `"${hash}"`) return c.body(null, 304);
    return c.body(js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': cache, ETag: `"${hash}"` });
  });
  app.get('/icon.svg', (c) => c.body(ICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }));
  return app;
}
