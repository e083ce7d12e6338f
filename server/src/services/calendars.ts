/**
 * Agents' calendar feeds: fetched with a timeout and a size limit, cached a few minutes, parsed
 * with ical.js. A failing feed keeps its last known busy times (and is logged), so a slot the
 * server knows is taken is never offered; a slow feed never holds up /slots past `waitMs`.
 */
import type { BusyInterval } from 'dynamic-chat/engine';
import type { PrivateAgent } from './agents.js';
import { busyTimes, type Busy } from './ics.js';

/** How feeds are fetched and kept. */
export interface CalendarOptions {
  /** A fetch is aborted after this long (default 10 s). */
  fetchTimeoutMs?: number;
  /** A /slots request waits at most this long for a feed before using what is known (default 2 s). */
  waitMs?: number;
  /** Bodies larger than this are refused (default 5 MB). */
  maxBytes?: number;
  /** A feed is fetched again after this long (default 5 minutes). */
  ttlMs?: number;
  /** Busy times are expanded this far ahead (default 120 days). */
  horizonDays?: number;
  now: () => Date;
  log: (line: string) => void;
  fetch?: typeof fetch;
}

/** One feed's health, for the routing queue. */
export interface CalendarHealth { ok: boolean; fetchedAt: string | null; error?: string }

/** The calendars of every agent. */
export interface Calendars {
  /** Busy intervals of these agents from their feeds (agents without a feed have none). */
  busy(agents: PrivateAgent[]): Promise<BusyInterval[]>;
  /** The feed's state of one agent. */
  health(agent: PrivateAgent): CalendarHealth;
}

interface Entry {
  busy: Busy[];
  /** When `busy` was last fetched successfully (ms), 0 never. */
  fetchedAt: number;
  /** When the last attempt ended (ms), so a failing feed is not hammered. */
  triedAt: number;
  error?: string;
  inflight?: Promise<void>;
}

const DAY = 86_400_000;

/** Creates the calendar cache. */
export function createCalendars(options: CalendarOptions): Calendars {
  const fetchTimeoutMs = options.fetchTimeoutMs ?? 10_000;
  const waitMs = options.waitMs ?? 2000;
  const maxBytes = options.maxBytes ?? 5_000_000;
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const horizon = (options.horizonDays ?? 120) * DAY;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const entries = new Map<string, Entry>();

  async function refresh(agent: PrivateAgent, entry: Entry): Promise<void> {
    const url = agent.calendarUrl!;
    try {
      const text = await fetchText(url);
      const now = options.now().getTime();
      entry.busy = busyTimes(text, now - DAY, now + horizon, agent.timeZone ?? 'UTC');
      entry.fetchedAt = now;
      delete entry.error;
    } catch (error) {
      entry.error = (error as Error).message || String(error);
      // The feed URL is a secret: the log names the agent, not the address.
      options.log(`calendar of agent ${agent.id} failed (${entry.error}); using the busy times from ${entry.fetchedAt ? new Date(entry.fetchedAt).toISOString() : 'never'}`);
    } finally {
      entry.triedAt = options.now().getTime();
    }
  }

  /** The feed's text, refusing a slow or oversized answer. */
  async function fetchText(url: string): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${fetchTimeoutMs} ms`)), fetchTimeoutMs);
    try {
      // webcal:// is the same feed over https.
      const response = await doFetch(url.replace(/^webcal:/, 'https:'), { signal: controller.signal, redirect: 'follow', headers: { Accept: 'text/calendar' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length'));
      if (declared > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          const tooLarge = new Error(`larger than ${maxBytes} bytes`);
          // Aborting closes the connection: the rest of the body is never downloaded.
          controller.abort(tooLarge);
          throw tooLarge;
        }
        chunks.push(value);
      }
      return Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function busyOf(agent: PrivateAgent): Promise<Busy[]> {
    if (!agent.calendarUrl) return [];
    let entry = entries.get(agent.id);
    if (!entry) entries.set(agent.id, (entry = { busy: [], fetchedAt: 0, triedAt: 0 }));
    const now = options.now().getTime();
    const stale = now - Math.max(entry.fetchedAt, entry.triedAt) >= ttlMs || entry.triedAt === 0;
    if (stale && !entry.inflight) {
      const current = entry;
      current.inflight = refresh(agent, current).finally(() => { delete current.inflight; });
    }
    if (entry.inflight) {
      // The fetch goes on in the background after the wait; this answer uses what is known by then.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([entry.inflight, new Promise((resolve) => { timer = setTimeout(resolve, waitMs); })]);
      clearTimeout(timer);
    }
    return entry.busy;
  }

  return {
    async busy(agents) {
      const lists = await Promise.all(agents.map(async (agent) => (await busyOf(agent)).map((b) => ({ agentId: agent.id, start: b.start, end: b.end }))));
      return lists.flat();
    },
    health(agent) {
      const entry = entries.get(agent.id);
      if (!agent.calendarUrl) return { ok: true, fetchedAt: null };
      if (!entry) return { ok: true, fetchedAt: null };
      return { ok: !entry.error, fetchedAt: entry.fetchedAt ? new Date(entry.fetchedAt).toISOString() : null, ...(entry.error ? { error: entry.error } : {}) };
    },
  };
}
