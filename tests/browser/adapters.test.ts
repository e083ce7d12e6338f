import { expect, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { httpAdapter, type HttpAdapter, type HttpAdapterOptions } from '../../src/adapters/http.js';
import type { AdapterError, FieldSubmission } from '../../src/adapters/types.js';
import type { Agent } from '../../src/engine/types.js';
import { createClock, type FakeClock } from '../mocks/clock.js';
import { createBackend } from '../mocks/handlers.js';

// Requests travel through msw's service worker; on a loaded machine that can take seconds.
const SW_WAIT = { timeout: 10_000 };

// Its own endpoint: pages of other test files share this origin's localStorage and service worker.
const endpoint = '/api/adapters-test';
const outboxKey = `dc-outbox:${endpoint}`;
const agents: Agent[] = [{ id: 'a1', name: 'Ana', timeZone: 'Europe/Rome', weekly: { mon: [['09:00', '12:00']] } }];
let clock: FakeClock = createClock('2026-03-01T08:00:00Z');
const backend = createBackend({ endpoint, agents, now: () => clock.now(), minNoticeHours: 0 });
const worker = setupWorker(...backend.handlers);
const adapters: HttpAdapter[] = [];

function open(options: Partial<HttpAdapterOptions> = {}): HttpAdapter {
  // Real localStorage and real navigator.locks: the browser's own cross-tab machinery.
  const adapter = httpAdapter({ endpoint, now: clock.now, timers: clock.timers, random: () => 0, ...options });
  adapters.push(adapter);
  return adapter;
}
const field = (key: string): FieldSubmission =>
  ({ sessionId: 's1', dialogueId: 'pricing', fields: { email: `${key}@example.com` }, page: location.href, at: clock.now().toISOString(), key });
const fieldPosts = () => backend.state.requests.filter((r) => r.path === '/fields');

describe('httpAdapter in Chromium (msw service worker)', () => {
  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => {
    clock = createClock('2026-03-01T08:00:00Z');
    backend.reset();
    localStorage.removeItem(outboxKey);
    // A Retry-After wait is kept beside the outbox for the next page; each test starts without one.
    localStorage.removeItem(`${outboxKey}:not-before`);
  });
  afterEach(() => {
    for (const adapter of adapters.splice(0)) adapter.dispose();
  });

  it('uses navigator.locks and localStorage by default', () => {
    expect(typeof navigator.locks?.request).to.equal('function');
  });

  it('a field captured while the backend is down arrives exactly once, after a reload', async () => {
    backend.setMode('down');
    const first = open();
    await first.submitFields(field('f1'));
    await first.flush();
    expect(JSON.parse(localStorage.getItem(outboxKey)!)).to.have.length(1);
    const attempts = fieldPosts().length;
    first.dispose();
    // Its last keepalive attempt on the way out fails too, and gives the item back.
    await waitUntil(() => fieldPosts().length > attempts && !JSON.parse(localStorage.getItem(outboxKey)!)[0].lease,
      'the last attempt of the first page', SW_WAIT);
    backend.setMode('healthy');
    const reloaded = open();
    await reloaded.flush();
    expect(backend.state.fields.map((f) => f.key)).to.deep.equal(['f1']);
    expect(backend.state.accepted).to.deep.equal(['f1']);
    expect(localStorage.getItem(outboxKey)).to.equal(null);
  });

  it('two tabs on the same localStorage and locks send each item once', async () => {
    backend.setMode('down');
    const tabA = open();
    const tabB = open();
    await tabA.submitFields(field('f1'));
    await tabB.submitFields(field('f2'));
    await tabA.submitFields(field('f3'));
    await Promise.all([tabA.flush(), tabB.flush()]);
    backend.setMode('healthy');
    await Promise.all([tabA.flush(), tabB.flush(), tabB.flush(), tabA.flush()]);
    await clock.advance(60_000);
    expect([...backend.state.accepted].sort()).to.deep.equal(['f1', 'f2', 'f3']);
  });

  /** A field that waits in the outbox while the backend is down; the backend is healthy again
   * and the returned list records the `keepalive` flag of every request made from now on. */
  async function queueWhileDown(): Promise<Array<boolean | undefined>> {
    const seen: Array<boolean | undefined> = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(init?.keepalive);
      return fetch(input, init);
    };
    backend.setMode('down');
    const adapter = open({ fetch: spy });
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    backend.setMode('healthy');
    seen.length = 0;
    return seen;
  }

  it('flushes on pagehide with keepalive requests', async () => {
    const seen = await queueWhileDown();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(seen).to.deep.equal([true]); // handed to fetch synchronously, while the page still exists
    await waitUntil(() => backend.state.accepted.length === 1 && localStorage.getItem(outboxKey) === null, 'the keepalive request was not acknowledged', SW_WAIT);
    expect(fieldPosts().at(-1)).to.include({ keepalive: true, key: 'f1' });
  });

  it('hands waiting items to keepalive requests when the tab is hidden', async () => {
    const seen = await queueWhileDown();
    // The real state: in a parallel run this tab may be in the background.
    const real = document.visibilityState;
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
    }
    expect(document.visibilityState, 'the override is gone').to.equal(real);
    expect(seen).to.deep.equal([true]);
    await waitUntil(() => backend.state.accepted.length === 1, 'the keepalive request was not acknowledged', SW_WAIT);
  });

  it('flushes when the browser comes back online and when the page becomes visible', async () => {
    backend.setMode('down');
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    backend.setMode('healthy');
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => backend.state.accepted.length === 1, 'online did not flush', SW_WAIT);
    backend.setMode('down');
    await adapter.submitFields(field('f2'));
    await adapter.flush();
    backend.setMode('healthy');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => backend.state.accepted.length === 2, 'visibilitychange did not flush', SW_WAIT);
    expect(backend.state.accepted).to.deep.equal(['f1', 'f2']);
  });

  it('waits out a 429 Retry-After before sending again', async () => {
    backend.setMode('429', { retryAfter: '5' });
    const adapter = open();
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    backend.setMode('healthy');
    await clock.advance(4000);
    expect(fieldPosts()).to.have.length(1);
    await clock.advance(1000);
    await waitUntil(() => backend.state.accepted.length === 1, 'no retry after Retry-After', SW_WAIT);
    expect(fieldPosts()).to.have.length(2);
  });

  it('drops a field refused with 400 and reports it for dc-error', async () => {
    backend.setMode('400');
    const adapter = open();
    const errors: AdapterError[] = [];
    adapter.onError((error) => errors.push(error));
    await adapter.submitFields(field('f1'));
    await adapter.flush();
    expect(errors.map((e) => e.code)).to.deep.equal(['backend-rejected']);
    expect(localStorage.getItem(outboxKey)).to.equal(null);
  });

  it('times out a request that never answers and keeps the field', async () => {
    backend.setMode('slow');
    const adapter = open({ timeoutMs: 3000 });
    await adapter.submitFields(field('f1'));
    // The timeout runs on the test's clock from the moment the request starts.
    await waitUntil(() => fieldPosts().length === 1, 'the request to start', SW_WAIT);
    await clock.advance(3000);
    // The abort travels through the service worker; wait (in real time) until the retry is planned.
    await waitUntil(() => clock.waiting().includes(500), 'no retry planned after the timeout', SW_WAIT);
    expect(JSON.parse(localStorage.getItem(outboxKey)!)).to.have.length(1);
    expect(backend.state.accepted).to.deep.equal([]);
    backend.setMode('healthy');
    await clock.advance(500);
    await waitUntil(() => backend.state.accepted.length === 1, 'not sent after the timeout', SW_WAIT);
  });

  it('books a meeting and reports a taken slot with code slot-taken', async () => {
    const adapter = open();
    const [slot] = await adapter.findSlots({ dialogueId: 'pricing', agentIds: ['a1'], durationMinutes: 30, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z', timeZone: 'Europe/Rome' });
    expect(slot.start).to.equal('2026-03-02T08:00:00.000Z');
    const booking = await adapter.bookMeeting({ sessionId: 's1', dialogueId: 'pricing', slot, lead: { email: 'pat@example.com' }, key: 'm1' });
    expect(booking.agent).to.deep.equal({ id: 'a1', name: 'Ana' });
    let code = '';
    try {
      await adapter.bookMeeting({ sessionId: 's2', dialogueId: 'pricing', slot, lead: {}, key: 'm2' });
    } catch (error) {
      code = (error as { code: string }).code;
    }
    expect(code).to.equal('slot-taken');
  });
});
