/** Meetings: upcoming and past, a page at a time; marking held / no-show; cancelling. */
import { Hono } from 'hono';
import { changeMeetingStatus, decodeMeetingCursor, listAdminMeetings, type StatusChange } from '../../services/admin-meetings.js';
import type { ServerContext } from '../../services/context.js';
import { LIMITS, objectAt, text } from '../input.js';
import { Problem } from '../problem.js';
import { jsonBody } from '../public-routes.js';

const STATUSES: StatusChange[] = ['held', 'no-show', 'cancelled'];

/** The meeting routes. */
export function meetingRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/meetings', async (c) => {
    const when = c.req.query('when') ?? 'upcoming';
    if (when !== 'upcoming' && when !== 'past') throw new Problem(400, 'when is upcoming or past.', '/query/when');
    const raw = c.req.query('cursor');
    const cursor = raw ? decodeMeetingCursor(text(raw, '/query/cursor', 1000), '/query/cursor') : null;
    return c.json(await listAdminMeetings(ctx, when, cursor));
  });

  app.patch('/meetings/:id', async (c) => {
    const id = text(c.req.param('id'), '/id', LIMITS.id);
    const body = objectAt(await jsonBody(c), '', ['status']);
    const status = text(body.status, '/status', 20) as StatusChange;
    if (!STATUSES.includes(status)) throw new Problem(400, `status is one of ${STATUSES.join(', ')}.`, '/status');
    return c.json({ meeting: await changeMeetingStatus(ctx, id, status) });
  });

  return app;
}
