/** The widget's protocol (contract §3): fields, events, slots, meetings, identify, and the served flow. */
import { Hono, type Context } from 'hono';
import type { ChatEvent, MeetingRequest, SlotQuery } from 'dynamic-chat/engine';
import { bookMeeting } from '../services/booking.js';
import type { ServerContext } from '../services/context.js';
import { currentFlow, type CurrentFlow } from '../services/flows.js';
import { identifyVisitor, type FieldsInput } from '../services/leads.js';
import { publicFlow } from '../services/agents.js';
import { offerSlots } from '../services/slots.js';
import { LIMITS, fieldMap, instant, integer, objectAt, text, timeZone } from './input.js';
import { Problem } from './problem.js';

const EVENT_TYPES = ['triggered', 'engaged', 'acquired', 'goal', 'meeting', 'completed', 'closed'];
/** The longest slot window a visitor may ask for. */
const MAX_WINDOW_DAYS = 62;

/** The public routes. */
export function publicRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.post('/fields', async (c) => {
    const input = parseFields(await jsonBody(c));
    const header = c.req.header('Idempotency-Key');
    if (header !== undefined && header !== input.key) throw new Problem(400, 'Idempotency-Key differs from the body\'s key.', '/key');
    // The same answer for a first delivery and a retry: the client only needs to know it is safe.
    await ctx.writes.fields(input);
    return c.json({ ok: true });
  });

  app.post('/events', async (c) => {
    const events = parseEvents(await jsonBody(c));
    await ctx.writes.events(events);
    return c.json({ ok: true });
  });

  app.get('/slots', async (c) => {
    const flow = await requireFlow(ctx);
    const query = parseSlotQuery(c.req.query());
    return c.json({ slots: await offerSlots(ctx, flow.flow, query) });
  });

  app.post('/meetings', async (c) => {
    const flow = await requireFlow(ctx);
    const request = parseMeeting(await jsonBody(c));
    const header = c.req.header('Idempotency-Key');
    if (header !== undefined && header !== request.key) throw new Problem(400, 'Idempotency-Key differs from the body\'s key.', '/key');
    const answer = await bookMeeting(ctx, flow.flow, request);
    return c.json(answer.body as object, answer.status as 201);
  });

  app.get('/identify', async (c) => {
    const visitorId = text(c.req.query('visitorId'), '/query/visitorId', LIMITS.id);
    return c.json({ lead: await identifyVisitor(ctx.db, visitorId) });
  });

  app.get('/flow.json', async (c) => {
    const flow = await requireFlow(ctx);
    // A minute in caches; after that a cheap revalidation (304) until the next publish.
    c.header('Cache-Control', 'public, max-age=60, must-revalidate');
    c.header('ETag', flow.etag);
    if (matchesEtag(c.req.header('If-None-Match'), flow.etag)) return c.body(null, 304);
    return c.json(publicFlow(flow.flow));
  });

  return app;
}

async function requireFlow(ctx: ServerContext): Promise<CurrentFlow> {
  const flow = await currentFlow(ctx.db);
  if (!flow) throw new Problem(404, 'No flow is published yet (start with --flow or PUT /admin/api/flow).');
  return flow;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  return !!header && (header.trim() === '*' || header.split(',').map((tag) => tag.trim().replace(/^W\//, '')).includes(etag));
}

/** The JSON body, or a 400 naming it. */
export async function jsonBody(c: Context): Promise<unknown> {
  if (!/^application\/json\b/i.test(c.req.header('Content-Type') ?? '')) throw new Problem(415, 'Send JSON (Content-Type: application/json).', '/headers/content-type');
  try {
    return await c.req.json();
  } catch {
    throw new Problem(400, 'The body is not valid JSON.', '/body');
  }
}

function parseFields(body: unknown): FieldsInput {
  const o = objectAt(body, '', ['sessionId', 'visitorId', 'dialogueId', 'fields', 'page', 'at', 'key']);
  return {
    sessionId: text(o.sessionId, '/sessionId', LIMITS.id),
    ...(o.visitorId === undefined ? {} : { visitorId: text(o.visitorId, '/visitorId', LIMITS.id) }),
    dialogueId: text(o.dialogueId, '/dialogueId', LIMITS.id),
    fields: fieldMap(o.fields, '/fields'),
    page: text(o.page, '/page', LIMITS.page, true),
    at: instant(o.at, '/at'),
    key: text(o.key, '/key', LIMITS.id),
  };
}

function parseEvents(body: unknown): ChatEvent[] {
  if (!Array.isArray(body)) throw new Problem(400, 'Expected an array of events.', '/');
  if (body.length === 0 || body.length > LIMITS.eventsPerBatch) throw new Problem(400, `Send 1 to ${LIMITS.eventsPerBatch} events.`, '/');
  return body.map((item, i) => {
    const at = `/${i}`;
    const o = objectAt(item, at, ['type', 'dialogueId', 'sessionId', 'visitorId', 'page', 'at', 'key', 'goal']);
    const type = text(o.type, `${at}/type`, 20);
    if (!EVENT_TYPES.includes(type)) throw new Problem(400, `Unknown event type "${type}".`, `${at}/type`);
    return {
      type: type as ChatEvent['type'],
      dialogueId: text(o.dialogueId, `${at}/dialogueId`, LIMITS.id),
      sessionId: text(o.sessionId, `${at}/sessionId`, LIMITS.id),
      visitorId: text(o.visitorId, `${at}/visitorId`, LIMITS.id),
      page: text(o.page, `${at}/page`, LIMITS.page, true),
      at: instant(o.at, `${at}/at`),
      key: text(o.key, `${at}/key`, LIMITS.id),
      ...(o.goal === undefined ? {} : { goal: text(o.goal, `${at}/goal`, LIMITS.goal) }),
    };
  });
}

function parseSlotQuery(query: Record<string, string>): SlotQuery {
  const o = objectAt(query, '/query', ['dialogueId', 'agentIds', 'durationMinutes', 'from', 'to', 'timeZone']);
  const from = instant(o.from, '/query/from');
  const to = instant(o.to, '/query/to');
  if (Date.parse(to) <= Date.parse(from)) throw new Problem(400, '`to` must be after `from`.', '/query/to');
  if (Date.parse(to) - Date.parse(from) > MAX_WINDOW_DAYS * 86_400_000) throw new Problem(400, `At most ${MAX_WINDOW_DAYS} days at once.`, '/query/to');
  const agentIds = text(o.agentIds ?? '', '/query/agentIds', 20 * LIMITS.id, true).split(',').filter(Boolean);
  return {
    dialogueId: text(o.dialogueId, '/query/dialogueId', LIMITS.id),
    agentIds: agentIds.map((id, i) => text(id, `/query/agentIds/${i}`, LIMITS.id)),
    durationMinutes: integer(o.durationMinutes, '/query/durationMinutes', 5, 480),
    from,
    to,
    timeZone: timeZone(o.timeZone, '/query/timeZone'),
  };
}

function parseMeeting(body: unknown): MeetingRequest {
  const o = objectAt(body, '', ['sessionId', 'dialogueId', 'slot', 'lead', 'key', 'inviteMessage']);
  const slot = objectAt(o.slot, '/slot', ['start', 'end', 'agentIds']);
  if (!Array.isArray(slot.agentIds) || slot.agentIds.length > 50) throw new Problem(400, 'Expected a list of agent ids.', '/slot/agentIds');
  const start = instant(slot.start, '/slot/start');
  const end = instant(slot.end, '/slot/end');
  if (Date.parse(end) <= Date.parse(start)) throw new Problem(400, '`end` must be after `start`.', '/slot/end');
  return {
    sessionId: text(o.sessionId, '/sessionId', LIMITS.id),
    dialogueId: text(o.dialogueId, '/dialogueId', LIMITS.id),
    slot: { start, end, agentIds: slot.agentIds.map((id, i) => text(id, `/slot/agentIds/${i}`, LIMITS.id)) },
    lead: parseLead(o.lead),
    key: text(o.key, '/key', LIMITS.id),
    ...(o.inviteMessage === undefined ? {} : { inviteMessage: text(o.inviteMessage, '/inviteMessage', LIMITS.inviteMessage, true) }),
  };
}

/** A lead: flat text fields plus an optional flat `company` object. */
function parseLead(value: unknown): MeetingRequest['lead'] {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Problem(400, 'Expected an object.', '/lead');
  const { company, ...rest } = value as Record<string, unknown>;
  const lead: MeetingRequest['lead'] = Object.keys(rest).length ? fieldMap(rest, '/lead') : {};
  if (company !== undefined) {
    if (typeof company !== 'object' || company === null || Array.isArray(company)) throw new Problem(400, 'Expected an object.', '/lead/company');
    const entries = Object.entries(company);
    if (entries.length > LIMITS.leadKeys) throw new Problem(400, `More than ${LIMITS.leadKeys} keys.`, '/lead/company');
    for (const [k, v] of entries) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Problem(400, 'Expected text, a number or true/false.', `/lead/company/${k.slice(0, 64)}`);
      if (typeof v === 'string' && v.length > LIMITS.fieldValue) throw new Problem(400, `Longer than ${LIMITS.fieldValue} characters.`, `/lead/company/${k.slice(0, 64)}`);
    }
    lead.company = company as Record<string, unknown>;
  }
  return lead;
}
