/** CORS limited to ALLOWED_ORIGINS (hono's cors), and a 403 for a browser request from any other origin. */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { Problem, problemResponse } from '../problem.js';

/** `origins`: exact origins (`https://shop.example`), or `['*']` for any. */
export function originPolicy(origins: string[]): MiddlewareHandler[] {
  const any = origins.includes('*');
  const allowed = (origin: string) => any || origins.includes(origin);
  return [
    cors({
      origin: (origin) => (allowed(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Accept'],
      exposeHeaders: ['Retry-After', 'ETag'],
      maxAge: 600,
    }),
    // CORS only hides answers from a page; refusing the request keeps another site's data out of the database.
    async (c, next) => {
      const origin = c.req.header('Origin');
      if (origin && !allowed(origin)) return problemResponse(c, new Problem(403, `Origin ${origin.slice(0, 200)} is not allowed (ALLOWED_ORIGINS).`, '/headers/origin'));
      await next();
    },
  ];
}
