/**
 * The built-in HTTP adapter (contract §3, protocol in README.md): fields and events go
 * through a durable outbox and are retried until the server answers 2xx; bookings are interactive.
 */
import { local, type KeyValueStorage } from '../stores/storage.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff.js';
import { AdapterRequestError, slotTaken } from './errors.js';
import { stableHash } from './hash.js';
import { createOutbox, isFree, type OutboxItem } from './outbox.js';
import { hostLocks, randomId, realTimers, type LockManagerLike, type Timers } from './platform.js';
import type { AdapterError, Booking, ChatAdapter, ChatEvent, FieldSubmission, MeetingRequest, Slot, SlotQuery } from './types.js';

/** Options of `httpAdapter`. */
export interface HttpAdapterOptions {
  /** Base URL; requests go to `{endpoint}/fields`, `/slots`, `/meetings`, `/events`. */
  endpoint: string;
  /** The fetch to use (default: the global fetch at call time). */
  fetch?: typeof fetch;
  /** Where the outbox lives (default: localStorage, memory when refused). */
  storage?: KeyValueStorage;
  /** Every request is aborted after this long (default 10 000 ms). */
  timeoutMs?: number;
  /** Events wait at most this long to be sent together (default 1000 ms). */
  batchMs?: number;
  /** …or until this many are waiting (default 20); also the largest events request. */
  batchSize?: number;
  /** Bound on the outbox (default 500 items; events evicted first, fields never silently). */
  maxItems?: number;
  /** Jitter source (default Math.random). */
  random?: () => number;
  /** Cross-tab lock (default `navigator.locks` when available); null to rely on leases alone. */
  locks?: LockManagerLike | null;
  /** The clock (default `new Date()`). */
  now?: () => Date;
  /** Timers (default the host's). */
  timers?: Timers;
}

/** The HTTP adapter: a ChatAdapter with error reporting, an explicit flush and a teardown. */
export interface HttpAdapter extends ChatAdapter {
  /** Subscribes to background failures (an item dropped on a 4xx, an overfull outbox). */
  onError(listener: (error: AdapterError) => void): () => void;
  /** Sends everything waiting now (unless the server asked to wait with Retry-After); never rejects. */
  flush(): Promise<void>;
  /** Items still waiting in the outbox, this tab's and others'. */
  pending(): number;
  /** Stops timers and page listeners; waiting items stay in storage for the next page. */
  dispose(): void;
}

/** What a request brought back, read in full within the timeout. */
interface Answer { status: number; ok: boolean; retryAfter: string | null; text: string }

/** How one request ended, for the outbox. */
type Outcome = { kind: 'ok' } | { kind: 'drop'; status: number; detail: string } | { kind: 'retry'; afterMs: number | null };

/** The shortest wait after a Retry-After answer. */
const MIN_RETRY_AFTER_MS = 1000;

/** A lease outlives the request's timeout by this much, so a slow tab keeps its claim. */
const LEASE_MARGIN_MS = 5000;

/** Creates the HTTP adapter; it flushes what an earlier page left in the outbox right away. */
export function httpAdapter(options: HttpAdapterOptions): HttpAdapter {
  const base = options.endpoint.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchMs = options.batchMs ?? 1000;
  const batchSize = Math.max(1, options.batchSize ?? 20);
  const random = options.random ?? Math.random;
  const locks = options.locks === undefined ? hostLocks() : options.locks;
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const outbox = createOutbox(options.storage ?? local(), `dc-outbox:${base}`, { maxItems: options.maxItems });
  const owner = randomId();
  const lockName = `dc-outbox:${base}`;
  // Every change to the stored array happens under this lock, held only for the read-modify-write
  // (never across a request), so two tabs never write back an array that misses the other's item.
  const writeLockName = `${lockName}:write`;
  const listeners = new Set<(error: AdapterError) => void>();
  const pageListeners = new AbortController();

  let failures = 0;
  /** The server's Retry-After: no send before this instant (ms since epoch). */
  let notBefore = 0;
  let retryTimer: unknown = null;
  let batchTimer: unknown = null;
  let inflight: Promise<void> | null = null;
  let rerun: 'hard' | 'soft' | null = null;
  let disposed = false;
  let notDurableSaid = false;
  /** Keys this page is sending right now, and whether with keepalive (survives the page). */
  const sending = new Map<string, boolean>();

  const nowMs = () => now().getTime();

  function emit(error: AdapterError): void {
    for (const listener of listeners) {
      try { listener(error); } catch (thrown) { console.error(thrown); }
    }
  }

  /**
   * One request; the timeout covers the whole answer, body included. Resolves with the status,
   * Retry-After and body text, or rejects on a network error or timeout.
   */
  async function request(method: 'GET' | 'POST', path: string, body: unknown, key: string | null, keepalive = false): Promise<Answer> {
    const controller = new AbortController();
    const timer = timers.setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key !== null) headers['Idempotency-Key'] = key;
    try {
      const response = await doFetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        keepalive,
        credentials: 'same-origin',
      });
      return { status: response.status, ok: response.ok, retryAfter: response.headers.get('Retry-After'), text: await response.text() };
    } finally {
      timers.clearTimeout(timer);
    }
  }

  /**
   * Runs a change to the outbox under the write lock; where the host has no Web Locks, at once
   * and synchronously (storage leases alone guard the tabs, and callers do not wait a turn).
   */
  function guarded<T>(change: () => T): T | Promise<T> {
    return locks ? locks.request(writeLockName, async () => change()) : change();
  }

  /** Items waiting for the write lock: a page going away writes them at once rather than lose them. */
  const unwritten = new Map<string, OutboxItem>();

  /** Adds an item under the write lock; false (or a promise of it) when it reached only memory. */
  function add(item: OutboxItem): boolean | Promise<boolean> {
    if (!locks) return enqueue(item);
    unwritten.set(item.key, item);
    return locks.request(writeLockName, async () => (unwritten.delete(item.key) ? enqueue(item) : true));
  }

  /** Sends one field item, or a batch of event items, and classifies the answer. */
  async function send(group: OutboxItem[], keepalive: boolean): Promise<Outcome> {
    for (const item of group) sending.set(item.key, keepalive);
    try {
      return await sendNow(group, keepalive);
    } finally {
      for (const item of group) sending.delete(item.key);
    }
  }

  async function sendNow(group: OutboxItem[], keepalive: boolean): Promise<Outcome> {
    const isField = group[0].kind === 'fields';
    const path = isField ? '/fields' : '/events';
    const body = isField ? group[0].body : group.map((item) => item.body);
    const key = isField ? group[0].key : `events-${stableHash(group.map((item) => item.key).join('\n'))}`;
    let response: Answer;
    try {
      response = await request('POST', path, body, key, keepalive);
    } catch {
      return { kind: 'retry', afterMs: null };
    }
    if (response.ok) return { kind: 'ok' };
    if (isRetryableStatus(response.status)) {
      return { kind: 'retry', afterMs: parseRetryAfter(response.retryAfter, nowMs()) };
    }
    return { kind: 'drop', status: response.status, detail: errorDetail(response.text) };
  }

  /** Applies an outcome to the outbox; returns false when sending should stop for now. */
  function settle(group: OutboxItem[], outcome: Outcome): boolean {
    const keys = group.map((item) => item.key);
    if (outcome.kind === 'ok') {
      outbox.remove(keys);
      failures = 0;
      return true;
    }
    if (outcome.kind === 'drop') {
      outbox.remove(keys);
      const what = group[0].kind === 'fields' ? 'lead fields' : `${group.length} event${group.length === 1 ? '' : 's'}`;
      emit({
        code: 'backend-rejected',
        message: `The server refused ${what} with HTTP ${outcome.status}; they were dropped.${outcome.detail ? ` ${outcome.detail}` : ''}`,
        path: group[0].kind === 'fields' ? '/fields' : '/events',
      });
      return true;
    }
    outbox.release(keys, owner);
    // A Retry-After of 0 (or a date in the past) must not turn into a tight loop.
    const wait = outcome.afterMs === null ? backoffDelay(failures, { random }) : Math.max(outcome.afterMs, MIN_RETRY_AFTER_MS);
    failures++;
    if (outcome.afterMs !== null) notBefore = nowMs() + outcome.afterMs;
    scheduleRetry(wait);
    return false;
  }

  function scheduleRetry(ms: number): void {
    if (disposed) return;
    cancelRetry();
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      void flush();
    }, Math.max(0, ms));
  }

  /** The next group this tab may send: the oldest field alone, else a batch of events. */
  function nextGroup(): OutboxItem[] {
    const at = nowMs();
    const ready = outbox.items().filter((item) => isFree(item, owner, at) && !sending.has(item.key));
    const field = ready.find((item) => item.kind === 'fields');
    if (field) return [field];
    return ready.filter((item) => item.kind === 'event').slice(0, batchSize);
  }

  /** Sends until the outbox is empty or a send must be retried later. */
  async function drain(): Promise<void> {
    for (;;) {
      if (disposed) return;
      const group = nextGroup();
      if (group.length === 0) break;
      const at = nowMs();
      const claiming = guarded(() => outbox.claim(group.map((item) => item.key), owner, at, at + timeoutMs + LEASE_MARGIN_MS));
      // Awaited only when it waited for the lock: without Web Locks the timing stays as it was.
      const claimed = claiming instanceof Promise ? await claiming : claiming;
      // Lost the race for every item to another tab: its leases now show, so look again later.
      if (claimed.length === 0) break;
      const outcome = await send(claimed, false);
      const settling = guarded(() => settle(claimed, outcome));
      if (!(settling instanceof Promise ? await settling : settling)) return;
    }
    watchForeignLeases();
  }

  /** If another tab holds items, look again when its leases expire (it may have been closed mid-send). */
  function watchForeignLeases(): void {
    const at = nowMs();
    const until = outbox.items()
      .filter((item) => !isFree(item, owner, at))
      .map((item) => item.lease!.until);
    if (until.length && retryTimer === null) scheduleRetry(Math.min(...until) - at + 1);
  }

  async function flushOnce(): Promise<void> {
    if (disposed) return;
    const wait = notBefore - nowMs();
    if (wait > 0) {
      scheduleRetry(wait);
      return;
    }
    if (locks) await locks.request(lockName, () => drain());
    else await drain();
  }

  /**
   * Runs flush passes one at a time. A `hard` pass (explicit flush, retry timer, online, visible)
   * ignores the backoff wait; a `soft` one (new items) rides along with a pending retry instead.
   * A call during a pass queues one more pass, so the caller's items are always looked at.
   */
  function run(strength: 'hard' | 'soft'): Promise<void> {
    if (inflight) {
      if (strength === 'hard' || rerun === null) rerun = strength;
      return inflight;
    }
    inflight = (async () => {
      let pass: 'hard' | 'soft' | null = strength;
      while (pass !== null && !disposed) {
        if (pass === 'hard') cancelRetry();
        else if (retryTimer !== null) break;
        rerun = null;
        try { await flushOnce(); } catch (thrown) { console.warn('dynamic-chat: outbox flush failed', thrown); }
        pass = rerun;
      }
    })().finally(() => { inflight = null; });
    return inflight;
  }

  function cancelRetry(): void {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  const flush = (): Promise<void> => run('hard');

  /** New items ride along with a pending retry instead of hammering a server that is down. */
  function kick(): void {
    if (disposed || retryTimer !== null) return;
    void run('soft');
  }

  /**
   * When the page goes away (pagehide) or may be killed unseen (hidden): hand everything to
   * keepalive requests synchronously, while the page still exists. On pagehide this includes
   * items whose ordinary request is in flight, since unloading cancels it; their keys make a
   * repeat harmless.
   */
  function flushOnHide(unloading: boolean): void {
    if (disposed) return;
    // The page may not live to be granted the lock.
    for (const item of unwritten.values()) enqueue(item);
    unwritten.clear();
    if (notBefore > nowMs()) return;
    const at = nowMs();
    const ready = outbox.items().filter((item) => isFree(item, owner, at)
      && (unloading ? sending.get(item.key) !== true : !sending.has(item.key)));
    const groups: OutboxItem[][] = ready.filter((item) => item.kind === 'fields').map((item) => [item]);
    const events = ready.filter((item) => item.kind === 'event');
    for (let i = 0; i < events.length; i += batchSize) groups.push(events.slice(i, i + batchSize));
    for (const group of groups) {
      // The claim cannot wait for the lock: an unloading page may not run its callback.
      const claimed = outbox.claim(group.map((item) => item.key), owner, at, at + timeoutMs + LEASE_MARGIN_MS);
      if (claimed.length) void send(claimed, true).then((outcome) => guarded(() => settle(claimed, outcome)));
    }
  }

  /** Adds an item; false when it reached only memory (the caller then sends at once). */
  function enqueue(item: OutboxItem): boolean {
    const result = outbox.add(item);
    // Said once until the storage takes writes again, not for every event of the page.
    if (result.durable) notDurableSaid = false;
    else if (!notDurableSaid) {
      notDurableSaid = true;
      emit({
        code: 'outbox-not-durable',
        message: 'The browser refused to store captured data (storage full or blocked); it is sent now and would be lost if the page closed first.',
        path: item.kind === 'fields' ? '/fields' : '/events',
      });
    }
    if (result.overflow) {
      emit({
        code: 'outbox-full',
        message: 'Captured lead fields cannot reach the server and the outbox is over its bound; they are kept until the server answers.',
        path: '/fields',
      });
    }
    return result.durable;
  }

  async function interactive(method: 'GET' | 'POST', path: string, body: unknown, key: string | null): Promise<unknown> {
    let response: Answer;
    try {
      response = await request(method, path, body, key);
    } catch (thrown) {
      if (isAbort(thrown)) throw new AdapterRequestError('timeout', 'The calendar is taking too long to answer. Please try again.');
      throw new AdapterRequestError('network', "We couldn't reach the calendar. Please check your connection and try again.");
    }
    if (response.status === 409 && path === '/meetings') throw slotTaken();
    if (isRetryableStatus(response.status)) {
      throw new AdapterRequestError('server', 'The calendar is not available right now. Please try again in a moment.', response.status);
    }
    if (!response.ok) throw new AdapterRequestError('rejected', 'Sorry, that did not work. Please try again.', response.status);
    try {
      return JSON.parse(response.text) as unknown;
    } catch {
      throw new AdapterRequestError('bad-response', 'The calendar sent an answer we could not read. Please try again.', response.status);
    }
  }

  const win = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : null;
  const doc = typeof document !== 'undefined' && typeof document.addEventListener === 'function' ? document : null;
  const signal = pageListeners.signal;
  win?.addEventListener('online', () => void flush(), { signal });
  win?.addEventListener('pagehide', () => flushOnHide(true), { signal });
  doc?.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') void flush();
    else flushOnHide(false);
  }, { signal });

  const adapter: HttpAdapter = {
    async submitFields(submission: FieldSubmission) {
      const adding = add({ kind: 'fields', key: submission.key, body: { ...submission, fields: { ...submission.fields } }, addedAt: nowMs() });
      const durable = adding instanceof Promise ? await adding : adding;
      // Held only in memory: do not wait out a backoff, the page may close before the retry.
      if (durable) kick();
      else void flush();
    },
    async track(event: ChatEvent) {
      const adding = add({ kind: 'event', key: event.key, body: { ...event }, addedAt: nowMs() });
      if (adding instanceof Promise) await adding;
      const waiting = outbox.items().filter((item) => item.kind === 'event').length;
      if (waiting >= batchSize) {
        kick();
      } else if (batchTimer === null && !disposed) {
        batchTimer = timers.setTimeout(() => {
          batchTimer = null;
          kick();
        }, batchMs);
      }
    },
    async findSlots(query: SlotQuery): Promise<Slot[]> {
      const params = new URLSearchParams({
        dialogueId: query.dialogueId,
        agentIds: query.agentIds.join(','),
        durationMinutes: String(query.durationMinutes),
        from: query.from,
        to: query.to,
        timeZone: query.timeZone,
      });
      const answer = await interactive('GET', `/slots?${params}`, undefined, null);
      const list = Array.isArray(answer) ? answer : isRecord(answer) ? answer.slots : null;
      if (!Array.isArray(list) || !list.every(isSlot)) {
        throw new AdapterRequestError('bad-response', 'The calendar sent an answer we could not read. Please try again.');
      }
      return list.map((slot) => ({ start: slot.start, end: slot.end, agentIds: [...slot.agentIds] }));
    },
    async bookMeeting(meeting: MeetingRequest): Promise<Booking> {
      const answer = await interactive('POST', '/meetings', meeting, meeting.key);
      const booking = isRecord(answer) && isBooking(answer.booking) ? answer.booking : isBooking(answer) ? answer : null;
      if (!booking) throw new AdapterRequestError('bad-response', 'The calendar sent an answer we could not read. Please try again.');
      return { id: booking.id, agent: { id: booking.agent.id, name: booking.agent.name }, start: booking.start, end: booking.end };
    },
    onError(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    flush,
    pending: () => outbox.items().length,
    dispose() {
      // The last chance this adapter has: what waits for a batch or a backoff goes now (keepalive).
      flushOnHide(false);
      disposed = true;
      pageListeners.abort();
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      if (batchTimer !== null) timers.clearTimeout(batchTimer);
      retryTimer = batchTimer = null;
      listeners.clear();
    },
  };

  void flush();
  return adapter;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSlot(value: unknown): value is Slot {
  return isRecord(value) && typeof value.start === 'string' && typeof value.end === 'string'
    && Array.isArray(value.agentIds) && value.agentIds.every((id) => typeof id === 'string');
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function isBooking(value: unknown): value is Booking {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && isInstant(value.start) && isInstant(value.end)
    && isRecord(value.agent) && typeof value.agent.id === 'string' && typeof value.agent.name === 'string';
}

function isAbort(thrown: unknown): boolean {
  return typeof thrown === 'object' && thrown !== null && (thrown as { name?: unknown }).name === 'AbortError';
}

/** The server's own words about a refusal (`{ message }` or short text), for the dc-error message. */
function errorDetail(text: string): string {
  const trimmed = text.trim();
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (isRecord(parsed) && typeof parsed.message === 'string') return parsed.message.slice(0, 200);
  } catch { /* not JSON: use the raw text */ }
  return trimmed.slice(0, 200);
}
