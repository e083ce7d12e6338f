/**
 * Too many requests from one client: a fixed window per IP address (and per visitor id when the
 * query names one), answered 429 with Retry-After. Counts live in this process: behind a load
 * balancer each instance counts its share, which only makes the limit looser, never wrong.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Problem, problemResponse } from '../problem.js';

/** How many requests a client may send per window. */
export interface RateLimit { max: number; windowMs: number; trustProxy: boolean }

/** The limiter; `now` is the clock. */
export function rateLimit({ max, windowMs, trustProxy }: RateLimit, now: () => number = Date.now): MiddlewareHandler {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return async (c, next) => {
    const at = now();
    // A fresh map per window: the memory is bounded by one window's clients.
    if (at - windowStart >= windowMs) {
      windowStart = at - (at % windowMs);
      counts = new Map();
    }
    const keys = [`ip:${clientIp(c, trustProxy)}`];
    const visitor = c.req.query('visitorId');
    if (visitor) keys.push(`visitor:${visitor.slice(0, 200)}`);
    let over = false;
    for (const key of keys) {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n > max) over = true;
    }
    if (over) {
      c.header('Retry-After', String(Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000))));
      return problemResponse(c, new Problem(429, 'Too many requests; try again later.'));
    }
    await next();
  };
}

/** The client's address: the socket's, or the first X-Forwarded-For hop when a proxy is trusted. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket: app.request() in tests.
    return 'local';
  }
}
