/** Body size limit (hono's bodyLimit), answered as our JSON error with a 413. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Problem, problemResponse } from '../problem.js';

/** Refuses bodies over `maxSize` bytes before they are read. */
export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({ maxSize, onError: (c) => problemResponse(c, new Problem(413, `Body larger than ${maxSize} bytes.`, '/body')) });
}
