/**
 * The outbox worker: every `intervalMs` (and soon after a nudge) it leases due items, sends them
 * (webhooks over HTTP, emails over SMTP) and records each attempt. A failure is retried with
 * exponential backoff and jitter until `giveUpAfterMs` (24 h) has passed, then given up (visible in
 * the deliveries list). Several instances share the work: a lease (FOR UPDATE SKIP LOCKED) gives
 * each item to one of them, and an instance that dies mid-attempt only delays the item until its
 * lease runs out. Delivery is at least once: a receiver dedupes on the event id.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import { claimOutbox, markFailed, markSent, releaseLease, type Attempt, type ClaimedItem } from '../db/outbox.js';
import { webhookTargets } from '../db/webhooks.js';
import { renderEmail, type MeetingEmail } from './emails.js';
import type { Mailer } from './mailer.js';
import { postWebhook } from './webhooks.js';

/** How the worker paces itself (tests shorten everything). */
export interface DeliveryOptions {
  /** How often due items are looked for (default 5 s). */
  intervalMs?: number;
  /** Items leased at once (default 10). */
  batch?: number;
  /** An attempt without an answer is abandoned after this long (default 10 s). */
  timeoutMs?: number;
  /** The first retry's delay; each next one doubles (default 10 s). */
  baseDelayMs?: number;
  /** The longest delay between attempts (default 1 h). */
  maxDelayMs?: number;
  /** Retries stop this long after the first attempt's window opened (default 24 h). */
  giveUpAfterMs?: number;
  /** How long a lease holds (default twice the timeout plus 30 s). */
  leaseMs?: number;
  fetch?: typeof fetch;
}

/** A running worker. */
export interface DeliveryWorker {
  /** Look for due items soon (something was just queued). */
  nudge(): void;
  /** Stops: no new attempts, attempts in flight are abandoned and their items handed back. */
  stop(): Promise<void>;
}

/** Starts the worker; `mailer()` is the current SMTP mailer, or null while email is not set up (emails then wait). */
export function startDelivery(db: Db, mailer: () => Mailer | null, log: (line: string) => void, options: DeliveryOptions = {}): DeliveryWorker {
  const intervalMs = options.intervalMs ?? 5000;
  const batch = options.batch ?? 10;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseDelayMs = options.baseDelayMs ?? 10_000;
  const maxDelayMs = options.maxDelayMs ?? 3_600_000;
  const giveUpAfterMs = options.giveUpAfterMs ?? 86_400_000;
  const leaseMs = options.leaseMs ?? 2 * timeoutMs + 30_000;
  const token = randomUUID();
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  let soon = false;

  /** Full jitter on the upper half: retries of many items spread out instead of arriving together. */
  const retryDelay = (attempts: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempts - 1, 30)) * (0.5 + Math.random() / 2);

  async function attempt(item: ClaimedItem, url?: string, secret?: string): Promise<Attempt> {
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    if (item.channel !== 'email') {
      const result = await postWebhook(url!, secret!, item.payload, timeoutMs, stopping.signal, options.fetch);
      return { ...result, durationMs: took() };
    }
    const smtp = mailer();
    if (!smtp) return { statusCode: null, error: 'SMTP_URL is not set', durationMs: took() };
    try {
      // One send ends well inside the lease (the connection is closed), so another instance never takes the item while it may still go out.
      await smtp.send(renderEmail(JSON.parse(item.payload) as MeetingEmail, smtp.from, new Date()), AbortSignal.any([stopping.signal, AbortSignal.timeout(leaseMs / 2)]));
      return { statusCode: null, error: null, durationMs: took() };
    } catch (error) {
      const timedOut = (error as Error).name === 'AbortError' && !stopping.signal.aborted;
      return {
        statusCode: (error as { responseCode?: number }).responseCode ?? null,
        error: timedOut ? `no end to the SMTP exchange within ${Math.round(leaseMs / 2)} ms` : (error as Error).message || String(error), durationMs: took(),
      };
    }
  }

  async function deliver(item: ClaimedItem, targets: Awaited<ReturnType<typeof webhookTargets>>): Promise<void> {
    const target = item.webhookId ? targets.get(item.webhookId) : undefined;
    // The subscription was deleted after the lease (its queue goes with it).
    if (item.channel !== 'email' && !target) return;
    const result = await attempt(item, target?.url, target?.secret);
    if (stopping.signal.aborted && result.error) return releaseLease(db, item.id, token);
    if (!result.error) {
      await markSent(db, item.id, token, result);
      return;
    }
    // An SMTP server's 5xx is final (no such mailbox, refused): retrying for a day would change nothing.
    const permanent = item.channel === 'email' && result.statusCode !== null && result.statusCode >= 500;
    const state = await markFailed(db, item.id, token, result, retryDelay(item.attempts + 1), giveUpAfterMs, permanent);
    if (state === 'given-up') log(`outbox: gave up ${item.channel === 'email' ? 'an email' : `a ${item.type} delivery`} after ${item.attempts + 1} attempts (${result.error})`);
  }

  /** Leases and sends until nothing is due: a delivered item can make the next one of its lead due at once. */
  async function drain(): Promise<void> {
    for (;;) {
      again = false;
      const items = await claimOutbox(db, batch, leaseMs, token, mailer() !== null);
      if (!items.length && !again) return;
      const targets = await webhookTargets(db, [...new Set(items.flatMap((item) => (item.webhookId ? [item.webhookId] : [])))]);
      await Promise.all(items.map((item) => deliver(item, targets).catch((error: Error) => log(`outbox: ${error.message}`))));
      if (stopping.signal.aborted) return;
    }
  }

  function tick(): void {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: Error) => log(`outbox: ${error.message}`))
      .finally(() => {
        running = null;
      });
  }

  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    nudge() {
      if (soon) return;
      soon = true;
      // After this turn: a burst of requests makes one look, not one each.
      setImmediate(() => {
        soon = false;
        tick();
      });
    },
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
