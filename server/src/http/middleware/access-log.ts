/** One line per request: method, path without the query (it may hold ids), status and time. No bodies, no personal data. */
import type { MiddlewareHandler } from 'hono';

/** Logs each request through `log`. */
export function accessLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  };
}
