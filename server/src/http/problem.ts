/** The error answer of every route: `{ error: { message, path? } }` with a 4xx/5xx status. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A refusal a visitor or admin caused, with where in their input it is. */
export class Problem extends Error {
  constructor(readonly status: ContentfulStatusCode, message: string, readonly path?: string) {
    super(message);
  }
}

/** Answers a problem as JSON. */
export function problemResponse(c: Context, problem: Problem): Response {
  return c.json({ error: { message: problem.message, ...(problem.path === undefined ? {} : { path: problem.path }) } }, problem.status);
}
