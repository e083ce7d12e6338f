/** Security headers on every answer (hono's secureHeaders), tuned for a JSON API called from other sites. */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The headers: no sniffing, no framing, no referrer leaks, HSTS; resources readable cross-origin (the widget is on another site). */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
}
