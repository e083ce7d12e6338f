/**
 * A mock backend speaking the HTTP protocol documented in README.md, with the same scheduling and
 * round-robin rules as the local adapter, and programmable failures. Used by vitest (msw/node),
 * the browser suite and the demo (msw/browser).
 */
import { delay, http, HttpResponse, passthrough, type HttpHandler } from 'msw';
import type { Agent } from '../../src/engine/types.js';
import { localAdapter, type LocalAdapter } from '../../src/adapters/local.js';
import { AdapterRequestError } from '../../src/adapters/errors.js';
import type { ChatEvent, FieldSubmission, MeetingRequest } from '../../src/adapters/types.js';
import { memoryStorage, type KeyValueStorage } from '../../src/platform/storage.js';

/** How the backend behaves: answers, fails, or hangs. */
export type BackendMode = 'healthy' | 'down' | 'slow' | '500' | '429' | '400';

/** Details of a mode: `retryAfter` (header value) for 429, `delayMs` for slow (default: never answers). */
export interface ModeOptions { retryAfter?: string; delayMs?: number }

/** One request that reached the backend, whatever the mode. */
export interface SeenRequest { method: string; path: string; key: string | null; keepalive: boolean; mode: BackendMode }

/** What the backend has stored and seen. */
export interface BackendState {
  /** Field submissions, once per idempotency key. */
  fields: FieldSubmission[];
  /** Events, once per event key. */
  events: ChatEvent[];
  /** Item keys (a field's key, each event's key) in every request the backend accepted, duplicates included. */
  accepted: string[];
  /** Every request, in arrival order. */
  requests: SeenRequest[];
}

/** Options of the mock backend. */
export interface BackendOptions {
  /** Base URL the handlers answer on (absolute in Node, e.g. `http://backend.test/api/chat`). */
  endpoint: string;
  agents: Agent[];
  now?: () => Date;
  minNoticeHours?: number;
  bufferMinutes?: number;
  /** Where the calendar (meetings, round-robin pointer, events) lives; memory by default. */
  storage?: KeyValueStorage;
  /**
   * Hand every request the mode lets through to the real server behind `endpoint` (msw's
   * `passthrough()`) instead of answering it here: the handlers are then only a fault injector.
   */
  passthrough?: boolean;
}

/** The mock backend: msw handlers plus controls for tests and the demo. */
export interface Backend {
  handlers: HttpHandler[];
  state: BackendState;
  /** Switches how every later request is answered. */
  setMode(mode: BackendMode, options?: ModeOptions): void;
  /** The scheduling logic behind /slots and /meetings (meetings(), queue(), report()). */
  calendar: LocalAdapter;
  /** Forgets everything and becomes healthy. */
  reset(): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldSubmission(value: unknown): value is FieldSubmission {
  return isRecord(value) && typeof value.key === 'string' && typeof value.sessionId === 'string'
    && typeof value.dialogueId === 'string' && isRecord(value.fields) && Object.values(value.fields).every((v) => typeof v === 'string');
}

const EVENT_TYPES = new Set(['triggered', 'engaged', 'acquired', 'goal', 'meeting', 'completed', 'closed']);

function isChatEvent(value: unknown): value is ChatEvent {
  return isRecord(value) && typeof value.key === 'string' && typeof value.type === 'string' && EVENT_TYPES.has(value.type)
    && typeof value.dialogueId === 'string' && typeof value.sessionId === 'string' && typeof value.at === 'string';
}

const badRequest = (message: string) => HttpResponse.json({ error: 'bad-request', message }, { status: 400 });

/** Creates the mock backend. */
export function createBackend(options: BackendOptions): Backend {
  const base = options.endpoint.replace(/\/+$/, '');
  let mode: BackendMode = 'healthy';
  let modeOptions: ModeOptions = {};
  const state: BackendState = { fields: [], events: [], accepted: [], requests: [] };
  const calendar = localAdapter({
    agents: options.agents,
    storage: options.storage ?? memoryStorage(),
    namespace: 'dc-mock-backend',
    now: options.now,
    minNoticeHours: options.minNoticeHours,
    bufferMinutes: options.bufferMinutes,
  });

  /** Applies the failure mode; returns a response to send instead of the real answer, if any. */
  async function failure(request: Request): Promise<Response | null> {
    const url = new URL(request.url);
    state.requests.push({
      method: request.method,
      path: url.pathname.slice(new URL(base, url).pathname.length),
      key: request.headers.get('Idempotency-Key'),
      keepalive: request.keepalive === true,
      mode,
    });
    switch (mode) {
      case 'down': return HttpResponse.error();
      case 'slow': await delay(modeOptions.delayMs ?? 'infinite'); return null;
      case '500': return HttpResponse.json({ error: 'server', message: 'Internal error' }, { status: 500 });
      case '429': return HttpResponse.json({ error: 'busy', message: 'Slow down' }, { status: 429, headers: { 'Retry-After': modeOptions.retryAfter ?? '2' } });
      case '400': return badRequest('Rejected by the test backend');
      default: return null;
    }
  }

  const readBody = async (request: Request): Promise<unknown> => {
    try { return await request.json(); } catch { return undefined; }
  };

  const handlers: HttpHandler[] = options.passthrough ? [
    // Identify is not a failure() path in the in-memory backend either: a read at load time.
    http.get(`${base}/identify`, () => passthrough()),
    http.all(`${base}/*`, async ({ request }) => (await failure(request)) ?? passthrough()),
  ] : [
    http.post(`${base}/fields`, async ({ request }) => {
      const failed = await failure(request);
      if (failed) return failed;
      const body = await readBody(request);
      if (!isFieldSubmission(body)) return badRequest('Expected a field submission');
      if (request.headers.get('Idempotency-Key') !== body.key) return badRequest('Idempotency-Key must equal the submission key');
      state.accepted.push(body.key);
      if (!state.fields.some((f) => f.key === body.key)) state.fields.push(body);
      return HttpResponse.json({ ok: true });
    }),
    http.post(`${base}/events`, async ({ request }) => {
      const failed = await failure(request);
      if (failed) return failed;
      const body = await readBody(request);
      if (!Array.isArray(body) || !body.every(isChatEvent)) return badRequest('Expected an array of events');
      if (!request.headers.get('Idempotency-Key')) return badRequest('Missing Idempotency-Key');
      for (const event of body) {
        state.accepted.push(event.key);
        if (!state.events.some((e) => e.key === event.key)) {
          state.events.push(event);
          await calendar.track(event);
        }
      }
      return HttpResponse.json({ ok: true, accepted: body.length });
    }),
    http.get(`${base}/slots`, async ({ request }) => {
      const failed = await failure(request);
      if (failed) return failed;
      const query = new URL(request.url).searchParams;
      const durationMinutes = Number(query.get('durationMinutes'));
      const from = query.get('from');
      const to = query.get('to');
      if (!query.get('dialogueId') || !(durationMinutes > 0) || !from || !to) {
        return badRequest('dialogueId, durationMinutes, from and to are required');
      }
      const agentIds = (query.get('agentIds') ?? '').split(',').filter(Boolean);
      const slots = await calendar.findSlots({
        dialogueId: query.get('dialogueId')!, agentIds, durationMinutes, from, to, timeZone: query.get('timeZone') ?? 'UTC',
      });
      return HttpResponse.json({ slots });
    }),
    // Not through failure(): identify is a read at load time, kept out of the request log the tests compare.
    http.get(`${base}/identify`, ({ request }) => {
      const visitorId = new URL(request.url).searchParams.get('visitorId');
      const sessions = new Set(state.events.filter((e) => e.visitorId === visitorId).map((e) => e.sessionId));
      const lead = Object.assign({}, ...state.fields.filter((f) => sessions.has(f.sessionId)).map((f) => f.fields)) as Record<string, string>;
      return HttpResponse.json({ lead: lead.email ? lead : null });
    }),
    http.post(`${base}/meetings`, async ({ request }) => {
      const failed = await failure(request);
      if (failed) return failed;
      const body = await readBody(request) as MeetingRequest | undefined;
      if (!isRecord(body) || typeof body.key !== 'string' || !isRecord(body.slot) || !isRecord(body.lead)) {
        return badRequest('Expected a meeting request');
      }
      try {
        const booking = await calendar.bookMeeting(body);
        return HttpResponse.json({ booking }, { status: 201 });
      } catch (thrown) {
        if (thrown instanceof AdapterRequestError && thrown.code === 'slot-taken') {
          return HttpResponse.json({ error: 'slot-taken', message: 'That slot is no longer free' }, { status: 409 });
        }
        throw thrown;
      }
    }),
  ];

  return {
    handlers,
    state,
    calendar,
    setMode(next, nextOptions = {}) {
      mode = next;
      modeOptions = nextOptions;
    },
    reset() {
      mode = 'healthy';
      modeOptions = {};
      state.fields.length = 0;
      state.events.length = 0;
      state.accepted.length = 0;
      state.requests.length = 0;
      calendar.reset();
    },
  };
}
