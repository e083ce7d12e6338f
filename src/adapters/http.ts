/**
 * The built-in HTTP adapter (contract §3, protocol in README.md): fields and events go
 * through a durable outbox and are retried until the server answers 2xx; bookings are interactive.
 */
import { isBooking, isObject, isText, fromJson, toJson } from '../engine/index.js';
import { local, readJson, session, writeJson, type KeyValueStorage } from '../platform/storage.js';
import { VISITOR_KEY, identifiedKey, outboxKey, outboxNotBeforeKey, outboxWriteLock } from '../platform/storage-keys.js';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfter } from './backoff.js';
import { AdapterRequestError } from './errors.js';
import { headerSafe, randomId, stableHash } from '../platform/ids.js';
import { endpointBase, identifiedLead } from './http-keys.js';
import { createOutbox, isFree, type OutboxItem } from './outbox.js';
import { hostLocks, type LockManagerLike } from '../platform/locks.js';
import type { Timers } from '../platform/timers.js';
import { isSlot, isSpan } from './slot-shape.js';
import type { AdapterError, Booking, ChatAdapter, Lead, Slot } from './types.js';

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
  /** The visitor id `identify()` asks about (default: the widget's, `dc:visitor` in `storage`). */
  visitorId?: () => string | null;
  /** Where `identify()` keeps this session's answer, so later pages ask no more (default: sessionStorage, memory when refused). */
  session?: KeyValueStorage;
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

/** The shortest wait after a Retry-After answer. */
const MIN_RETRY_AFTER_MS = 1000;

/** A lease outlives the request's timeout by this much, so a slow tab keeps its claim. */
const LEASE_MARGIN_MS = 5000;

const JSON_TYPE = 'application/json';

/** Creates the HTTP adapter; it flushes what an earlier page left in the outbox right away. */
export function httpAdapter(options: HttpAdapterOptions): HttpAdapter {
  const base = endpointBase(options.endpoint);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = Math.max(1, options.batchSize ?? 20);
  const now = options.now ?? (() => new Date());
  // The host's timers are called as methods of globalThis: a browser refuses them on another `this`.
  const timers: Timers = options.timers ?? globalThis;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Without Web Locks, storage leases alone keep the tabs apart.
  const locks = options.locks === undefined ? hostLocks() : options.locks;
  // The outbox's storage key, also the name of the lock that lets one tab send at a time.
  const outboxName = outboxKey(base);
  // `??`, not default parameters: a plain-JS host may pass null for "the default".
  const storage = options.storage ?? local();
  const outbox = createOutbox(storage, outboxName, options.maxItems ?? 500);
  /**
   * The server's Retry-After: no send before this instant (ms since epoch). Kept beside the outbox,
   * so the next page, and the other tabs, wait it out too.
   */
  const notBeforeKey = outboxNotBeforeKey(base);
  const random = options.random ?? Math.random;
  const owner = randomId();
  const listeners = new Set<(error: AdapterError) => void>();
  const pageListeners = new AbortController();
  /** Items waiting for the write lock: a page going away writes them at once rather than lose them. */
  const unwritten = new Map<string, OutboxItem>();
  /** Keys this page is sending right now, and whether with keepalive (survives the page). */
  const sending = new Map<string, boolean>();

  let failures = 0;
  let retryTimer: unknown = null;
  let batchTimer: unknown = null;
  let inflight: Promise<void> | null = null;
  /** A pass asked for while one runs: true for a hard one. */
  let rerun: boolean | null = null;
  let disposed = false;
  let notDurableSaid = false;

  const sessionStore = options.session ?? session();
  /** Keeps this session's identify() answer and returns it. */
  const remember = (visitorId: string, lead: Lead | null): Lead | null => {
    writeJson(sessionStore, identifiedKey(base), { visitorId, lead });
    return lead;
  };
  const nowMs = () => now().getTime();
  /** How long the server asked us to wait from now (≤ 0: not at all); an unreadable or over-long stored wait is ignored. */
  const waitMs = (): number => {
    const wait = (readJson<unknown>(storage, notBeforeKey, 0) as number) - nowMs();
    return wait <= MAX_RETRY_AFTER_MS ? wait : 0;
  };
  const keysOf = (group: OutboxItem[]) => group.map((item) => item.key);
  const pathOf = (item: OutboxItem) => (item.kind === 'fields' ? '/fields' : '/events');

  function emit(code: string, message: string, path: string): void {
    for (const listener of listeners) {
      try { listener({ code, message, path }); } catch (thrown) { console.error(thrown); }
    }
  }

  /**
   * One request, a POST when it has a body; the timeout covers the whole answer, body included.
   * Rejects on a network error or timeout.
   */
  async function request(path: string, body?: unknown, key?: string, keepalive = false): Promise<Answer> {
    const controller = new AbortController();
    const timer = timers.setTimeout(() => controller.abort(), timeoutMs);
    const post = body !== undefined;
    try {
      const response = await doFetch(base + path, {
        method: post ? 'POST' : 'GET',
        headers: post ? { Accept: JSON_TYPE, 'Content-Type': JSON_TYPE, 'Idempotency-Key': headerSafe(key!) } : { Accept: JSON_TYPE },
        body: post ? toJson(body) : undefined,
        signal: controller.signal,
        keepalive,
        // credentials: fetch's default, 'same-origin', as the protocol says.
      });
      return { status: response.status, ok: response.ok, retryAfter: response.headers.get('Retry-After'), text: await response.text() };
    } finally {
      timers.clearTimeout(timer);
    }
  }

  /**
   * Runs a change to the stored array under the write lock, held only for the read-modify-write
   * (never across a request), so two tabs never write back an array that misses the other's item.
   * Without Web Locks it runs at once and synchronously, so callers do not wait a turn.
   */
  const guarded = <T>(change: () => T): T | Promise<T> => (locks ? locks.request(outboxWriteLock(base), async () => change()) : change());

  /** Adds an item under the write lock; false (or a promise of it) when it reached only memory. */
  function add(item: OutboxItem): boolean | Promise<boolean> {
    unwritten.set(item.key, item);
    return guarded(() => {
      // Gone already: a page going away wrote it while this call waited for the lock.
      if (!unwritten.delete(item.key)) return true;
      return enqueue(item);
    });
  }

  /** Adds an item; false when it reached only memory (the caller then sends at once). */
  function enqueue(item: OutboxItem): boolean {
    const { durable, overflow } = outbox.add(item);
    // Said once until the storage takes writes again, not for every event of the page.
    if (!durable && !notDurableSaid) {
      emit('outbox-not-durable', 'Browser storage refused the captured data; it is sent now and lost if the page closes first.', pathOf(item));
    }
    notDurableSaid = !durable;
    if (overflow) emit('outbox-full', 'Outbox full: lead fields the server has not taken are kept until it answers.', '/fields');
    return durable;
  }

  /** Leases a group to this tab for the length of one request. */
  function claim(group: OutboxItem[]): OutboxItem[] {
    const at = nowMs();
    return outbox.claim(keysOf(group), owner, at, at + timeoutMs + LEASE_MARGIN_MS);
  }

  /**
   * Sends one field, or a batch of events under a key derived from theirs, and settles the answer
   * under the write lock; false when sending should stop for now.
   */
  async function send(group: OutboxItem[], keepalive: boolean): Promise<boolean> {
    for (const item of group) sending.set(item.key, keepalive);
    const [first] = group;
    const fields = first.kind === 'fields';
    let answer: Answer | null = null;
    try {
      answer = await request(pathOf(first), fields ? first.body : group.map((item) => item.body),
        fields ? first.key : `events-${stableHash(keysOf(group).join('\n'))}`, keepalive);
    } catch {
      // A network error or timeout: retried like a 5xx.
    } finally {
      for (const item of group) sending.delete(item.key);
    }
    return guarded(() => settle(group, answer));
  }

  /** Applies the server's answer (null: none came) to the outbox; false when sending should stop for now. */
  function settle(group: OutboxItem[], answer: Answer | null): boolean {
    if (answer && !isRetryableStatus(answer.status)) {
      outbox.remove(keysOf(group));
      if (answer.ok) {
        failures = 0;
        storage.removeItem(notBeforeKey);
      } else {
        const what = group[0].kind === 'fields' ? 'lead fields' : `${group.length} event(s)`;
        emit('backend-rejected', `The server refused ${what} with HTTP ${answer.status}; dropped. ${errorDetail(answer.text)}`.trim(), pathOf(group[0]));
      }
      return true;
    }
    outbox.release(keysOf(group), owner);
    const afterMs = answer && parseRetryAfter(answer.retryAfter, nowMs());
    if (afterMs === null) scheduleRetry(backoffDelay(failures, random));
    else {
      writeJson(storage, notBeforeKey, nowMs() + afterMs);
      // A Retry-After of 0 (or a date in the past) must not turn into a tight loop.
      scheduleRetry(Math.max(afterMs, MIN_RETRY_AFTER_MS));
    }
    failures++;
    return false;
  }

  /** Flushes again in `ms` (always > 0: every caller waits for something still ahead). */
  function scheduleRetry(ms: number): void {
    if (disposed) return;
    cancelRetry();
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      void flush();
    }, ms);
  }

  function cancelRetry(): void {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  /**
   * What this tab may send now, in order: each field alone, then events in batches. While the
   * page unloads, items whose ordinary request is in flight count too: unloading cancels it.
   */
  function groups(unloading: boolean): OutboxItem[][] {
    const at = nowMs();
    const ready = outbox.items().filter((item) => isFree(item, owner, at)
      && (unloading ? sending.get(item.key) !== true : !sending.has(item.key)));
    const events = ready.filter((item) => item.kind === 'event');
    const groups: OutboxItem[][] = ready.filter((item) => item.kind === 'fields').map((item) => [item]);
    for (let i = 0; i < events.length; i += batchSize) groups.push(events.slice(i, i + batchSize));
    return groups;
  }

  /** Sends until the outbox is empty or a send must be retried later. */
  async function drain(): Promise<void> {
    for (;;) {
      if (disposed) return;
      const [group] = groups(false);
      if (!group) break;
      const claimed = await guarded(() => claim(group));
      // Lost the race for every item to another tab: its leases now show, so look again later.
      if (!claimed.length) break;
      if (!(await send(claimed, false))) return;
    }
    // If another tab holds items, look again when its leases expire (it may have been closed mid-send).
    const at = nowMs();
    const until = outbox.items().filter((item) => !isFree(item, owner, at)).map((item) => item.lease!.until);
    if (until.length && retryTimer === null) scheduleRetry(Math.min(...until) - at + 1);
  }

  /** One pass: sends what waits, unless the server asked to wait. */
  async function flushOnce(): Promise<void> {
    const wait = waitMs();
    if (wait > 0) scheduleRetry(wait);
    else await (locks ? locks.request(outboxName, drain) : drain());
  }

  /**
   * Runs flush passes one at a time. A hard pass (explicit flush, retry timer, online, visible)
   * ignores the backoff wait; a soft one (new items) does nothing while a retry is pending.
   * A call during a pass queues one more pass, so the caller's items are always looked at.
   */
  function run(hard: boolean): Promise<void> {
    if (inflight) {
      if (hard || rerun === null) rerun = hard;
      return inflight;
    }
    let running = true;
    const passes = (async () => {
      let pass: boolean | null = hard;
      while (pass !== null && !disposed) {
        if (pass) cancelRetry();
        else if (retryTimer !== null) break;
        rerun = null;
        try {
          await flushOnce();
        } catch (thrown) {
          console.warn('dynamic-chat: outbox flush failed', thrown);
        }
        pass = rerun;
      }
      // In the same turn as the last look at `rerun`: a call in between would be lost.
      running = false;
      inflight = null;
    })();
    // A run that never had to wait is over already.
    if (running) inflight = passes;
    return passes;
  }

  const flush = (): Promise<void> => run(true);
  /** For new items: they ride along with a pending retry instead of hammering a server that is down. */
  const kick = () => void run(false);

  /**
   * When the page goes away (pagehide) or may be killed unseen (hidden): hand everything to
   * keepalive requests synchronously, while the page still exists; keys make a repeat harmless.
   */
  function flushOnHide(unloading: boolean): void {
    if (disposed) return;
    // The page may not live to be granted the lock.
    for (const item of unwritten.values()) enqueue(item);
    unwritten.clear();
    if (waitMs() > 0) return;
    for (const group of groups(unloading)) {
      // The claim cannot wait for the lock either: an unloading page may not run its callback.
      const claimed = claim(group);
      if (claimed.length) void send(claimed, true);
    }
  }

  /** A booking request: the answer's JSON, or an AdapterRequestError. */
  async function interactive(path: string, body?: { key: string }): Promise<unknown> {
    let answer: Answer;
    try {
      answer = await request(path, body, body?.key);
    } catch (thrown) {
      throw new AdapterRequestError((thrown as Error | null)?.name === 'AbortError' ? 'timeout' : 'network');
    }
    // The only POST is /meetings.
    if (answer.status === 409 && body) throw new AdapterRequestError('slot-taken', 409);
    if (!answer.ok) throw new AdapterRequestError(isRetryableStatus(answer.status) ? 'server' : 'rejected', answer.status);
    try {
      // Response.json(), not JSON.parse: a page may have wrapped JSON.parse (a date reviver) before we loaded.
      return await new Response(answer.text).json() as unknown;
    } catch {
      throw new AdapterRequestError('bad-response', answer.status);
    }
  }

  const signal = pageListeners.signal;
  globalThis.addEventListener?.('online', flush, { signal });
  globalThis.addEventListener?.('pagehide', () => flushOnHide(true), { signal });
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flush();
    else flushOnHide(false);
  }, { signal });

  const adapter: HttpAdapter = {
    async submitFields(submission) {
      // Keys go into a header: the body carries the same header-safe key, as the protocol says.
      const key = headerSafe(submission.key);
      return andThen(add({ kind: 'fields', key, body: { ...submission, key, fields: { ...submission.fields } }, addedAt: nowMs() }), (durable) => {
        // Held only in memory: do not wait out a backoff, the page may close before the retry.
        if (durable) kick();
        else void flush();
      });
    },
    async track(event) {
      return andThen(add({ kind: 'event', key: event.key, body: { ...event }, addedAt: nowMs() }), () => {
        if (outbox.items().filter((item) => item.kind === 'event').length >= batchSize) kick();
        else if (batchTimer === null && !disposed) {
          batchTimer = timers.setTimeout(() => {
            batchTimer = null;
            kick();
          }, options.batchMs ?? 1000);
        }
      });
    },
    async findSlots(query) {
      const { dialogueId, agentIds, durationMinutes, from, to, timeZone } = query;
      // Exactly the protocol's parameters, whatever else a caller's query holds; agent ids joined by commas.
      const params = new URLSearchParams({ dialogueId, agentIds: agentIds.join(','), durationMinutes: String(durationMinutes), from, to, timeZone });
      const answer = await interactive(`/slots?${params}`);
      const list = isObject(answer) ? answer.slots : answer;
      if (!Array.isArray(list)) throw new AdapterRequestError('bad-response');
      // A malformed slot (end not after start, no agent, not an ISO instant) is never offered; an
      // answer with slots but none usable is a bad response, not "nobody is free".
      const slots = list.filter(isSlot);
      if (list.length && !slots.length) throw new AdapterRequestError('bad-response');
      return slots.map((slot) => ({ start: slot.start, end: slot.end, agentIds: [...slot.agentIds] }));
    },
    async bookMeeting(meeting): Promise<Booking> {
      const answer = await interactive('/meetings', meeting);
      const booking = isObject(answer) && isBooking(answer.booking) ? answer.booking : answer;
      if (!isBooking(booking) || !isSpan(booking.start, booking.end)) throw new AdapterRequestError('bad-response');
      return { id: booking.id, agent: { id: booking.agent.id, name: booking.agent.name }, start: booking.start, end: booking.end };
    },
    async identify() {
      // The id the widget keeps across visits (stores/persistence.ts); none yet means a first visit.
      const visitorId = options.visitorId ? options.visitorId() : (options.storage ?? local()).getItem(VISITOR_KEY);
      if (!visitorId) return null;
      // Asked once per session: the loader reads the same answer on later pages and loads nothing to ask again.
      const known = identifiedLead(sessionStore, base, visitorId);
      if (known !== undefined) return known;
      let answer: unknown;
      try {
        answer = await interactive(`/identify?${new URLSearchParams({ visitorId })}`);
      } catch (error) {
        // A backend without GET /identify simply knows nobody.
        if (error instanceof AdapterRequestError && (error.status === 404 || error.status === 405 || error.status === 501)) return remember(visitorId, null);
        throw error;
      }
      const lead = isObject(answer) ? answer.lead : undefined;
      if (lead === null) return remember(visitorId, null);
      if (!isObject(lead)) throw new AdapterRequestError('bad-response');
      return remember(visitorId, lead as Lead);
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
      cancelRetry();
      if (batchTimer !== null) timers.clearTimeout(batchTimer);
      listeners.clear();
    },
  };

  void flush();
  return adapter;
}

/** Goes on with `value` at once when it is no promise: without Web Locks the timing stays synchronous. */
function andThen<T>(value: T | Promise<T>, next: (value: T) => void): void | Promise<void> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** The server's own words about a refusal (`{ message }` or short text), for the dc-error message. */
function errorDetail(text: string): string {
  let detail = text.trim();
  try {
    const parsed: unknown = fromJson(detail);
    if (isObject(parsed) && isText(parsed.message)) detail = parsed.message;
  } catch { /* not JSON: the raw text */ }
  return detail.slice(0, 200);
}
