import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpAdapter, type HttpAdapter, type HttpAdapterOptions } from '../../../src/adapters/http.js';
import type { LockManagerLike } from '../../../src/platform/locks.js';
import type { AdapterError, ChatEvent, FieldSubmission } from '../../../src/adapters/types.js';
import type { Agent } from '../../../src/engine/types.js';
import { memoryStorage, safeStorage, type KeyValueStorage } from '../../../src/platform/storage.js';
import { createClock, settle, type FakeClock } from '../../mocks/clock.js';
import { createBackend } from '../../mocks/handlers.js';
import { memoryLocks } from '../../mocks/locks.js';

const endpoint = 'http://backend.test/api/chat';
const agents: Agent[] = ['a1', 'a2', 'a3'].map((id) => ({
  id, name: `Agent ${id}`, timeZone: 'UTC', weekly: { mon: [['09:00', '12:00']], tue: [['09:00', '12:00']] },
}));
let clock: FakeClock = createClock('2026-03-01T08:00:00Z');
const backend = createBackend({ endpoint, agents, now: () => clock.now(), minNoticeHours: 0 });
const server = setupServer(...backend.handlers);
const adapters: HttpAdapter[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  clock = createClock('2026-03-01T08:00:00Z');
  backend.reset();
});
afterEach(() => {
  for (const adapter of adapters.splice(0)) adapter.dispose();
});

function open(options: Partial<HttpAdapterOptions> = {}): HttpAdapter {
  const adapter = httpAdapter({ endpoint, storage: memoryStorage(), now: clock.now, timers: clock.timers, random: () => 0, locks: null, ...options });
  adapters.push(adapter);
  return adapter;
}
const field = (key: string, value = `${key}@example.com`): FieldSubmission =>
  ({ sessionId: 's1', dialogueId: 'pricing', fields: { email: value }, page: 'https://site.test/pricing', at: clock.now().toISOString(), key });
const event = (key: string, type: ChatEvent['type'] = 'triggered'): ChatEvent =>
  ({ type, dialogueId: 'pricing', sessionId: 's1', visitorId: 'v1', page: 'https://site.test/pricing', at: clock.now().toISOString(), key });
const posts = (path: string) => backend.state.requests.filter((r) => r.path === path);

describe('httpAdapter outbox delivery', () => {
  it('posts a field as JSON with its key as Idempotency-Key, once', async () => {
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(backend.state.fields).toEqual([field('f1')]);
    expect(posts('/fields')).toMatchObject([{ method: 'POST', key: 'f1' }]);
    expect(adapter.pending()).toBe(0);
  });

  it('a field captured while the backend is down arrives exactly once after recovery', async () => {
    backend.setMode('down');
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(backend.state.fields).toEqual([]);
    expect(adapter.pending()).toBe(1);
    // Backoff grows while the server stays down: 500 ms, then 1 s (equal jitter with random() = 0).
    expect(clock.waiting()).toEqual([500]);
    await clock.advance(500);
    expect(clock.waiting()).toEqual([1000]);
    backend.setMode('healthy');
    await clock.advance(1000);
    expect(backend.state.accepted).toEqual(['f1']);
    expect(adapter.pending()).toBe(0);
    await clock.advance(3_600_000);
    expect(backend.state.accepted).toEqual(['f1']);
  });

  it('null options from a plain-JS host mean the defaults: nothing is evicted and retries are scheduled', async () => {
    backend.setMode('down');
    const adapter = open({ random: null, maxItems: null } as unknown as Partial<HttpAdapterOptions>);
    for (const key of ['e1', 'e2', 'e3']) await adapter.track(event(key));
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(adapter.pending(), 'three events and a field wait').toBe(4);
    expect(clock.waiting().length, 'a retry is scheduled').toBeGreaterThan(0);
  });

  it('a field that reached only memory (localStorage full) is a dc-error outbox-not-durable and is sent at once', async () => {
    let full = false;
    const real = memoryStorage();
    const storage = safeStorage(() => ({
      getItem: (k) => real.getItem(k),
      setItem: (k, v) => { if (full) throw new DOMException('full', 'QuotaExceededError'); real.setItem(k, v); },
      removeItem: (k) => real.removeItem(k),
    }));
    backend.setMode('down');
    const adapter = open({ storage });
    const errors: AdapterError[] = [];
    adapter.onError((error) => errors.push(error));
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(clock.waiting()).toEqual([500]);
    backend.setMode('healthy');
    full = true;
    await adapter.submitFields(field('f2'));
    await settle();
    expect(errors.map((e) => e.code)).toEqual(['outbox-not-durable']);
    expect(backend.state.accepted, 'sent without waiting for the retry').toEqual(['f1', 'f2']);
  });

  it('dispose() (the widget removed) still sends what waits: batched events and a field waiting out a backoff', async () => {
    backend.setMode('down');
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(clock.waiting()).toEqual([500]);
    backend.setMode('healthy');
    await adapter.track(event('e1'));
    adapter.dispose();
    await settle();
    expect(backend.state.accepted.sort()).toEqual(['e1', 'f1']);
    expect(adapter.pending()).toBe(0);
  });

  it('…and across a reload: a new adapter on the same storage sends it on start', async () => {
    const storage = memoryStorage();
    backend.setMode('down');
    const first = open({ storage });
    await first.submitFields(field('f1'));
    await first.track(event('e1'));
    await first.flush();
    first.dispose();
    // Its last keepalive attempt on the way out fails too.
    await settle();
    backend.setMode('healthy');
    const reloaded = open({ storage });
    await reloaded.flush();
    expect(backend.state.fields.map((f) => f.key)).toEqual(['f1']);
    expect(backend.state.events.map((e) => e.key)).toEqual(['e1']);
    expect(backend.state.accepted.sort()).toEqual(['e1', 'f1']);
    await clock.advance(3_600_000);
    expect(backend.state.accepted).toHaveLength(2);
  });

  for (const withLocks of [true, false]) {
    it(`two tabs sharing storage send each item once (${withLocks ? 'Web Locks' : 'storage leases only'})`, async () => {
      const storage = memoryStorage();
      const locks = withLocks ? memoryLocks() : null;
      backend.setMode('down');
      const tabA = open({ storage, locks });
      const tabB = open({ storage, locks });
      await tabA.submitFields(field('f1'));
      await tabB.submitFields(field('f2'));
      for (let i = 0; i < 5; i++) await (i % 2 ? tabA : tabB).track(event(`e${i}`));
      await Promise.all([tabA.flush(), tabB.flush()]);
      backend.setMode('healthy');
      await Promise.all([tabA.flush(), tabB.flush(), tabA.flush(), tabB.flush()]);
      await clock.advance(600_000);
      expect(backend.state.accepted.sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'f1', 'f2']);
      expect(tabA.pending() + tabB.pending()).toBe(0);
    });
  }

  it('two tabs: a field one tab adds while the other removes what it just sent is kept (Web Locks)', async () => {
    const browser = tabsOfOneBrowser();
    const a = browser.tab();
    let answer: (() => void) | null = null;
    let calls = 0;
    // Tab A's first request hangs until the test answers it; later ones reach the backend.
    const slowFirst: typeof fetch = (input, init) => (calls++ === 0
      ? new Promise<Response>((resolve) => { answer = () => resolve(new Response('{}', { status: 200 })); })
      : fetch(input, init));
    const tabA = open({ storage: a.storage, locks: a.locks, fetch: slowFirst });
    await tabA.submitFields(field('f1'));
    await settle();
    expect(answer, 'tab A is sending f1').not.toBe(null);
    const b = browser.tab();
    const tabB = open({ storage: b.storage, locks: b.locks });
    // Tab B adds f2 while tab A's answer for f1 arrives, before A's copy of the storage caught up.
    const adding = tabB.submitFields(field('f2'));
    answer!();
    await adding;
    await settle(20);
    browser.sync();
    await Promise.all([tabA.flush(), tabB.flush()]);
    expect(backend.state.accepted.sort()).toEqual(['f2']);
    expect(calls, 'f1 went out once, through the hanging request').toBeGreaterThanOrEqual(1);
    expect(browser.stored()).toEqual([]);
  });

  it('a field captured while the first flush is ending is still sent at once (Web Locks)', async () => {
    // Each delay lands the field's kick at another moment of the start-up pass, including its very end.
    for (let ticks = 0; ticks < 8; ticks++) {
      const adapter = open({ locks: memoryLocks() });
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      await adapter.submitFields(field(`f${ticks}`));
      await settle(10);
      expect(backend.state.accepted, `${ticks} ticks after start`).toContain(`f${ticks}`);
    }
  });

  it('a field still waiting for the write lock when the page goes is written and sent at once', async () => {
    // Another tab holds the write lock for the rest of this page's life.
    const locks: LockManagerLike = { request: (name, callback) => (name.endsWith(':write') ? new Promise(() => undefined) : callback(null)) };
    const storage = memoryStorage();
    const adapter = open({ storage, locks });
    void adapter.submitFields(field('f1'));
    adapter.dispose();
    await settle();
    expect(backend.state.accepted).toEqual(['f1']);
  });

  it('leaves an item leased by another tab alone until the lease expires', async () => {
    const storage = memoryStorage();
    const at = clock.now().getTime();
    storage.setItem(`dc-outbox:${endpoint}`, JSON.stringify([
      { kind: 'fields', key: 'f1', body: field('f1'), addedAt: at, lease: { owner: 'a-closed-tab', until: at + 15_000 } },
    ]));
    open({ storage });
    await clock.advance(14_000);
    expect(backend.state.accepted).toEqual([]);
    await clock.advance(2000);
    expect(backend.state.accepted).toEqual(['f1']);
  });

  it('honours Retry-After in seconds on 429', async () => {
    backend.setMode('429', { retryAfter: '7' });
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(posts('/fields')).toHaveLength(1);
    backend.setMode('healthy');
    await clock.advance(6900);
    await adapter.flush(); // an explicit flush still respects the server's instruction
    expect(posts('/fields')).toHaveLength(1);
    await clock.advance(100);
    expect(posts('/fields')).toHaveLength(2);
    expect(backend.state.accepted).toEqual(['f1']);
  });

  it('honours Retry-After as an HTTP date', async () => {
    backend.setMode('429', { retryAfter: new Date(clock.now().getTime() + 30_000).toUTCString() });
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    backend.setMode('healthy');
    await clock.advance(29_000);
    expect(backend.state.accepted).toEqual([]);
    await clock.advance(1000);
    expect(backend.state.accepted).toEqual(['f1']);
  });

  it('remembers Retry-After across page loads: a new page sends nothing inside the window', async () => {
    const storage = memoryStorage();
    backend.setMode('429', { retryAfter: '60' });
    const first = open({ storage });
    await first.submitFields(field('f1'));
    await first.flush();
    first.dispose();
    await settle();
    expect(posts('/fields')).toHaveLength(1);
    backend.setMode('healthy');
    await clock.advance(20_000);
    // The next page view, 20 s later, inside the 60 s the server asked for.
    const next = open({ storage });
    await next.track(event('e1'));
    await next.flush();
    await clock.advance(39_000);
    expect(backend.state.requests.filter((r) => r.path !== '/slots'), 'nothing sent inside the window').toHaveLength(1);
    await clock.advance(1000);
    expect(backend.state.accepted.sort()).toEqual(['e1', 'f1']);
    expect(storage.getItem(`dc-outbox:${endpoint}:not-before`), 'forgotten once the server takes items again').toBe(null);
  });

  it('ignores a stored wait that is unreadable or longer than the longest Retry-After honoured', async () => {
    for (const stored of ['"soon"', '{', String(clock.now().getTime() + 86_400_000)]) {
      const storage = memoryStorage();
      storage.setItem(`dc-outbox:${endpoint}:not-before`, stored);
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const adapter = open({ storage });
      await adapter.submitFields(field(`f-${stored}`));
      await adapter.flush();
      expect(backend.state.accepted).toContain(`f-${stored}`);
      vi.restoreAllMocks();
    }
  });

  it('does not spin on Retry-After: 0', async () => {
    backend.setMode('429', { retryAfter: '0' });
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(clock.waiting()).toEqual([1000]);
    await clock.advance(999);
    expect(posts('/fields')).toHaveLength(1);
  });

  it('retries 500s with backoff, keeping the item', async () => {
    backend.setMode('500');
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(adapter.pending()).toBe(1);
    await clock.advance(500);
    expect(posts('/fields')).toHaveLength(2);
    backend.setMode('healthy');
    await clock.advance(1000);
    expect(backend.state.accepted).toEqual(['f1']);
  });

  it('times out a request that never answers and sends again later', async () => {
    backend.setMode('slow');
    const adapter = open({ timeoutMs: 5000 });
    await adapter.submitFields(field('f1'));
    await clock.advance(4999);
    expect(adapter.pending()).toBe(1);
    expect(clock.waiting()).toEqual([1]); // the request's own timeout
    backend.setMode('healthy');
    await clock.advance(1);
    expect(clock.waiting()).toEqual([500]); // aborted; a retry is scheduled
    await clock.advance(500);
    expect(backend.state.accepted).toEqual(['f1']);
    expect(posts('/fields').map((r) => r.mode)).toEqual(['slow', 'healthy']);
  });

  it('drops an item the server refuses with 400 and reports it', async () => {
    backend.setMode('400');
    const adapter = open();
    const errors: AdapterError[] = [];
    adapter.onError((error) => errors.push(error));
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(adapter.pending()).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'backend-rejected', path: '/fields' });
    expect(errors[0].message).toContain('400');
    expect(errors[0].message).toContain('Rejected by the test backend');
    await clock.advance(3_600_000);
    expect(posts('/fields')).toHaveLength(1);
  });

  it('batches events: a short window or batchSize events, whichever first', async () => {
    const adapter = open({ batchMs: 1000, batchSize: 3 });
    await adapter.track(event('e1'));
    await adapter.track(event('e2', 'engaged'));
    await clock.advance(999);
    expect(posts('/events')).toHaveLength(0);
    await clock.advance(1);
    expect(posts('/events')).toHaveLength(1);
    expect(backend.state.events.map((e) => e.key)).toEqual(['e1', 'e2']);
    await adapter.track(event('e3'));
    await adapter.track(event('e4'));
    await adapter.track(event('e5'));
    await adapter.flush();
    expect(posts('/events')).toHaveLength(2);
    expect(backend.state.events.map((e) => e.key)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    const [firstKey, secondKey] = posts('/events').map((r) => r.key);
    expect(firstKey).toMatch(/^events-[0-9a-f]+$/);
    expect(secondKey).not.toBe(firstKey);
  });

  it('keeps the same batch key when a batch is retried', async () => {
    backend.setMode('500');
    const adapter = open({ batchSize: 2 });
    await adapter.track(event('e1'));
    await adapter.track(event('e2'));
    await adapter.flush();
    backend.setMode('healthy');
    await clock.advance(500);
    const keys = posts('/events').map((r) => r.key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('bounds the outbox: oldest events go first, fields are kept and reported', async () => {
    backend.setMode('down');
    const adapter = open({ maxItems: 3 });
    const errors: AdapterError[] = [];
    adapter.onError((error) => errors.push(error));
    await adapter.submitFields(field('f1'));
    await adapter.track(event('e1'));
    await adapter.track(event('e2'));
    await adapter.track(event('e3'));
    expect(adapter.pending()).toBe(3);
    await adapter.submitFields(field('f2'));
    await adapter.submitFields(field('f3'));
    await adapter.submitFields(field('f4'));
    expect(adapter.pending()).toBe(4);
    expect(errors.map((e) => e.code)).toEqual(['outbox-full']);
    backend.setMode('healthy');
    await adapter.flush();
    expect(backend.state.accepted).toEqual(['f1', 'f2', 'f3', 'f4']);
  });

  it('discards a corrupted outbox entry with a warning and sends the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const storage: KeyValueStorage = memoryStorage();
    storage.setItem(`dc-outbox:${endpoint}`, JSON.stringify([
      { kind: 'fields', key: 'f1', body: field('f1'), addedAt: 1 }, 'garbage', { kind: 'fields', key: 'f2' }, null,
    ]));
    const adapter = open({ storage });
    await adapter.flush();
    expect(backend.state.accepted).toEqual(['f1']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('corrupted outbox'));
    storage.setItem(`dc-outbox:${endpoint}`, '{not json');
    await adapter.submitFields(field('f3'));
    await adapter.flush();
    expect(backend.state.accepted).toEqual(['f1', 'f3']);
    warn.mockRestore();
  });
});

describe('httpAdapter bookings (interactive, no outbox)', () => {
  const query = { dialogueId: 'pricing', agentIds: ['a1', 'a2', 'a3'], durationMinutes: 60, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z', timeZone: 'Europe/Rome' };

  it('gets slots and books them round-robin, with the booking key as Idempotency-Key', async () => {
    const adapter = open();
    const slots = await adapter.findSlots(query);
    expect(slots.map((s) => s.start)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z']);
    expect(slots[0].agentIds).toEqual(['a1', 'a2', 'a3']);
    const request = (key: string) => ({ sessionId: 's1', dialogueId: 'pricing', slot: slots[0], lead: { email: 'pat@example.com' }, key });
    const first = await adapter.bookMeeting(request('m1'));
    const second = await adapter.bookMeeting(request('m2'));
    expect([first.agent.id, second.agent.id]).toEqual(['a1', 'a2']);
    expect(await adapter.bookMeeting(request('m1'))).toEqual(first);
    expect(posts('/meetings').map((r) => r.key)).toEqual(['m1', 'm2', 'm1']);
    expect((await adapter.findSlots(query))[0].agentIds).toEqual(['a3']);
  });

  it('rejects a booking answer whose start or end is not a date, or that has no id', async () => {
    const good = { id: 'b1', agent: { id: 'a1', name: 'Agent a1' }, start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z' };
    const slot = { start: good.start, end: good.end, agentIds: ['a1'] };
    for (const answer of [{ ...good, end: '' }, { ...good, start: 'soon' }, { ...good, id: undefined }]) {
      const adapter = open({ fetch: async () => new Response(JSON.stringify(answer), { status: 201 }) });
      const booking = adapter.bookMeeting({ sessionId: 's1', dialogueId: 'pricing', slot, lead: {}, key: 'm1' });
      await expect(booking).rejects.toMatchObject({ code: 'bad-response' });
    }
  });

  it('sends a header-safe Idempotency-Key for keys with Cyrillic, CJK or emoji ids, the same on every retry', async () => {
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    // Node's fetch refuses a non-Latin-1 header as browsers do; `new Request` shows it.
    const adapter = open({ fetch: async (input, init) => {
      seen.push(new Request(input, init).headers.get('Idempotency-Key')!);
      return realFetch(input, init);
    } });
    const [slot] = await adapter.findSlots(query);
    const key = 's1:🎉-демо:会議:' + slot.start;
    const booked = await adapter.bookMeeting({ sessionId: 's1', dialogueId: '🎉-демо', slot, lead: {}, key });
    expect(booked.start).toBe(slot.start);
    await adapter.submitFields(field('поле-😀'));
    await adapter.flush();
    expect(backend.state.accepted).toContain(encodeURIComponent('поле-😀'));
    const keys = seen.filter((k) => k !== null);
    expect(keys).toEqual([encodeURIComponent(key), encodeURIComponent('поле-😀')]);
    expect(backend.state.fields.map((f) => f.key), 'the body carries the same key as the header').toEqual([encodeURIComponent('поле-😀')]);
    // An ASCII key is sent as it is, an encoded one is not encoded again, a lone surrogate does not throw.
    const { headerSafe } = await import('../../../src/platform/ids.js');
    expect(headerSafe('s1:d:c:2026-03-02T09:00:00.000Z')).toBe('s1:d:c:2026-03-02T09:00:00.000Z');
    expect(headerSafe(headerSafe(key))).toBe(headerSafe(key));
    expect(headerSafe('a\ud800b')).toBe('a%EF%BF%BDb');
  });

  it('drops malformed slots (end not after start, not ISO instants, no agents) and rejects an answer of only those', async () => {
    const good = { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z', agentIds: ['a1'] };
    const malformed = [
      { ...good, end: '2026-03-02T08:00:00Z' }, { ...good, end: good.start }, { ...good, start: 'Monday 9am' },
      { ...good, start: '1772442000000' }, { ...good, agentIds: [] }, { ...good, agentIds: [''] }, { ...good, agentIds: 'a1' }, null,
    ];
    const answering = (slots: unknown[]) => open({ fetch: async () => new Response(JSON.stringify({ slots }), { status: 200 }) });
    expect(await answering([...malformed, good]).findSlots(query)).toEqual([good]);
    await expect(answering(malformed).findSlots(query)).rejects.toMatchObject({ code: 'bad-response' });
    expect(await answering([]).findSlots(query), 'nobody free is not an error').toEqual([]);
  });

  it('rejects a booking answer that ends before it starts', async () => {
    const slot = { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z', agentIds: ['a1'] };
    const answer = { id: 'b1', agent: { id: 'a1', name: 'Agent a1' }, start: slot.end, end: slot.start };
    const adapter = open({ fetch: async () => new Response(JSON.stringify(answer), { status: 201 }) });
    await expect(adapter.bookMeeting({ sessionId: 's1', dialogueId: 'pricing', slot, lead: {}, key: 'm1' })).rejects.toMatchObject({ code: 'bad-response' });
  });

  // (A JSON.parse wrapped with a date reviver is tested in Chromium, tests/browser/hostile-page.test.ts:
  // there Response.json() is the browser's own, while Node's calls the global JSON.parse.)
  it('a page that put toJSON on Array.prototype (Prototype.js) changes nothing: events are queued, not dropped as corrupt', async () => {
    const proto = Array.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function (this: unknown[]) { return `[${this.length} items]`; };
    try {
      const storage = memoryStorage();
      const adapter = open({ storage });
      backend.setMode('down');
      await adapter.track(event('e1'));
      await adapter.track(event('e2'));
      expect(adapter.pending(), 'queued events are not dropped as corrupt').toBe(2);
      backend.setMode('healthy');
      await adapter.flush();
      expect(backend.state.events.map((e) => e.key)).toEqual(['e1', 'e2']);
    } finally {
      delete proto.toJSON;
    }
  });

  it('rejects a slot taken meanwhile with code slot-taken', async () => {
    const adapter = open();
    const [slot] = await adapter.findSlots({ ...query, agentIds: ['a1'] });
    await adapter.bookMeeting({ sessionId: 's1', dialogueId: 'pricing', slot, lead: {}, key: 'm1' });
    const taken = adapter.bookMeeting({ sessionId: 's2', dialogueId: 'pricing', slot, lead: {}, key: 'm2' });
    await expect(taken).rejects.toMatchObject({ code: 'slot-taken', message: expect.stringMatching(/taken/) });
  });

  it('rejects with a readable message when the backend is down, failing or slow, and keeps nothing', async () => {
    const storage = memoryStorage();
    const adapter = open({ storage, timeoutMs: 5000 });
    backend.setMode('down');
    await expect(adapter.findSlots(query)).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/try again/) });
    backend.setMode('500');
    await expect(adapter.findSlots(query)).rejects.toMatchObject({ code: 'server', status: 500 });
    backend.setMode('slow');
    const slow = adapter.findSlots(query);
    const outcome = expect(slow).rejects.toMatchObject({ code: 'timeout' });
    await clock.advance(5000);
    await outcome;
    expect(adapter.pending()).toBe(0);
    expect(storage.getItem(`dc-outbox:${endpoint}`)).toBeNull();
  });
});

/**
 * Tabs of one browser sharing localStorage the way Chrome does: each tab reads its own copy,
 * which catches up with the shared store a moment later (`sync()`, called by the test) or when
 * the tab is granted a Web Lock, since locks order the tabs; writes reach the shared store at once.
 */
function tabsOfOneBrowser() {
  const shared = new Map<string, string>();
  const base = memoryLocks();
  const caches: Array<Map<string, string>> = [];
  const refresh = (cache: Map<string, string>) => {
    cache.clear();
    for (const [k, v] of shared) cache.set(k, v);
  };
  return {
    tab(): { storage: KeyValueStorage; locks: LockManagerLike } {
      const cache = new Map(shared);
      caches.push(cache);
      const storage: KeyValueStorage = {
        getItem: (k) => cache.get(k) ?? null,
        setItem: (k, v) => { cache.set(k, v); shared.set(k, v); },
        removeItem: (k) => { cache.delete(k); shared.delete(k); },
      };
      const locks: LockManagerLike = {
        request: (name, callback) => base.request(name, (lock) => {
          refresh(cache);
          return callback(lock);
        }),
      };
      return { storage, locks };
    },
    sync: () => caches.forEach(refresh),
    stored: (): unknown[] => JSON.parse(shared.get(`dc-outbox:${endpoint}`) ?? '[]') as unknown[],
  };
}
