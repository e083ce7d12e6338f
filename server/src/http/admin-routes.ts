/** The admin JSON API (contract §8), behind `Authorization: Bearer <admin token>` (hono's bearerAuth). */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { roundRobin } from 'dynamic-chat/engine';
import { lastBookedByAgent, listMeetings, readRouting } from '../db/meetings.js';
import { listFlows } from '../db/flows.js';
import { listLeads } from '../db/leads.js';
import { routingAgents } from '../services/agents.js';
import type { ServerContext } from '../services/context.js';
import { RETENTION_DAYS } from '../services/events.js';
import { currentFlow, publishFlow, restoreFlow } from '../services/flows.js';
import { report } from '../services/report.js';
import { integer, text } from './input.js';
import { Problem, problemResponse } from './problem.js';
import { jsonBody } from './public-routes.js';
import { notifyRoutes } from './notify-routes.js';

/** Leads per page of GET /admin/api/leads. */
const LEADS_PAGE = 100;

/** The admin routes, mounted under /admin/api. */
export function adminRoutes(ctx: ServerContext, adminToken: string): Hono {
  const app = new Hono();
  app.use('*', bearerAuth({
    token: adminToken,
    noAuthenticationHeader: { message: { error: { message: 'Sign in with Authorization: Bearer <admin token>.' } } },
    invalidToken: { message: { error: { message: 'Wrong admin token.' } } },
    invalidAuthenticationHeader: { message: { error: { message: 'Expected Authorization: Bearer <admin token>.' } } },
  }));

  app.put('/flow', async (c) => {
    const published = await publishFlow(ctx.db, await jsonBody(c));
    if (!published.ok) return c.json({ errors: published.errors }, 422);
    return c.json({ version: published.version });
  });

  app.get('/flows', async (c) => c.json({ flows: await listFlows(ctx.db) }));

  app.post('/flows/:version/restore', async (c) => {
    const version = integer(c.req.param('version'), '/version', 1, 2 ** 31 - 1);
    const restored = await restoreFlow(ctx.db, version);
    if (restored === null) return problemResponse(c, new Problem(404, `No flow version ${version}.`, '/version'));
    return c.json({ version: restored });
  });

  app.get('/report', async (c) => {
    const days = integer(c.req.query('days') ?? String(RETENTION_DAYS), '/query/days', 1, RETENTION_DAYS);
    return c.json(await report(ctx.db, days, ctx.now()));
  });

  app.get('/leads', async (c) => {
    const q = text(c.req.query('q') ?? '', '/query/q', 200, true);
    const cursor = c.req.query('cursor') ? String(integer(c.req.query('cursor'), '/query/cursor', 1, Number.MAX_SAFE_INTEGER)) : null;
    // One more than a page tells whether there is a next one.
    const rows = await listLeads(ctx.db, q, cursor, LEADS_PAGE + 1);
    const page = rows.slice(0, LEADS_PAGE);
    return c.json({
      leads: page.map(({ email, fields, firstSeen, lastSeen, meetings }) => ({ email, fields, firstSeen, lastSeen, meetings })),
      ...(rows.length > LEADS_PAGE ? { next: page[page.length - 1].id } : {}),
    });
  });

  app.get('/meetings', async (c) => {
    const when = c.req.query('when') ?? 'upcoming';
    if (when !== 'upcoming' && when !== 'past') throw new Problem(400, 'when is upcoming or past.', '/query/when');
    const flow = await currentFlow(ctx.db);
    const names = new Map([...(flow?.flow.agents ?? []), ...ctx.agents].map((agent) => [agent.id, agent.name]));
    const now = ctx.now().getTime();
    const meetings = (await listMeetings(ctx.db, when, ctx.now())).map((m) => ({
      id: m.id,
      lead: { email: m.leadEmail },
      agent: { id: m.agentId, name: names.get(m.agentId) ?? m.agentId },
      start: m.start,
      end: m.end,
      dialogueId: m.dialogueId,
      // Held / no-show are marked by the site owner; until then a past meeting counts as held.
      status: m.status === 'upcoming' && Date.parse(m.end) < now ? 'held' : m.status,
    }));
    return c.json({ meetings });
  });

  app.get('/queue', async (c) => {
    const flow = await currentFlow(ctx.db);
    const agents = flow ? routingAgents(flow.flow, ctx.agents) : [];
    const order = agents.map((agent) => agent.id);
    const { lastAgentId } = await readRouting(ctx.db);
    const next = roundRobin(order, lastAgentId, order);
    const lastBooked = await lastBookedByAgent(ctx.db);
    return c.json({
      agents: agents.map((agent) => ({
        id: agent.id, name: agent.name, next: agent.id === next, paused: false, lastBookedAt: lastBooked.get(agent.id) ?? null, calendar: ctx.calendars.health(agent),
      })),
    });
  });

  // Webhooks and email (services/notifications.ts, services/delivery.ts).
  app.route('/', notifyRoutes(ctx));

  return app;
}
