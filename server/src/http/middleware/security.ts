/** Security headers on every answer (hono's secureHeaders): one set for the JSON API called from other sites, a stricter one for the dashboard. */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The dashboard's Content-Security-Policy: its own scripts, styles, images and API only; no inline
 * script or style attribute, no plugins, no <base> rewriting, forms post only to itself, never framed.
 */
export const ADMIN_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The headers: no sniffing, no framing, no referrer leaks, HSTS; the public API readable cross-origin (the widget is on another site), /admin only by itself. */
export function securityHeaders(): MiddlewareHandler {
  const api = secureHeaders({
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
  const admin = secureHeaders({
    crossOriginResourcePolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
    contentSecurityPolicy: ADMIN_CSP,
  });
  return (c, next) => (c.req.path === '/admin' || c.req.path.startsWith('/admin/') ? admin : api)(c, next);
}
