/** Leads: the list (search, keyset pages), one lead in full, every lead as CSV, and erasing a person. */
import { Hono } from 'hono';
import { listLeads } from '../../db/leads.js';
import type { ServerContext } from '../../services/context.js';
import { erasePerson } from '../../services/erase.js';
import { leadDetail, leadsCsv } from '../../services/lead-details.js';
import { normaliseEmail } from '../../services/leads.js';
import { integer, text } from '../input.js';
import { Problem } from '../problem.js';

/** Leads per page of GET /leads. */
const LEADS_PAGE = 100;

/** The lead routes. */
export function leadRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/leads', async (c) => {
    const q = text(c.req.query('q') ?? '', '/query/q', 200, true);
    // The cursor is the last lead id of the page before: pages stay right while leads arrive.
    const cursor = c.req.query('cursor') ? String(integer(c.req.query('cursor'), '/query/cursor', 1, Number.MAX_SAFE_INTEGER)) : null;
    // One more than a page tells whether there is a next one.
    const rows = await listLeads(ctx.db, q, cursor, LEADS_PAGE + 1);
    const page = rows.slice(0, LEADS_PAGE);
    return c.json({
      leads: page.map(({ email, fields, firstSeen, lastSeen, meetings }) => ({ email, fields, firstSeen, lastSeen, meetings })),
      ...(rows.length > LEADS_PAGE ? { next: page[page.length - 1].id } : {}),
    });
  });

  app.get('/leads.csv', (c) => {
    const chunks = leadsCsv(ctx);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="leads.csv"');
    return c.body(body);
  });

  app.get('/leads/:email', async (c) => {
    const email = emailParam(c.req.param('email'));
    const lead = await leadDetail(ctx, email);
    if (!lead) throw new Problem(404, 'No lead has this email.', '/email');
    return c.json({ lead });
  });

  app.delete('/leads/:email', async (c) => {
    const email = emailParam(c.req.param('email'));
    const erased = await erasePerson(ctx, email);
    if (!erased) throw new Problem(404, 'No lead has this email.', '/email');
    return c.json({ erased });
  });

  return app;
}

/** The email of a lead's path, compared as stored (trimmed, lower case). */
function emailParam(value: string): string {
  const email = normaliseEmail(text(value, '/email', 320));
  if (!email.includes('@')) throw new Problem(400, 'Expected an email address.', '/email');
  return email;
}
