/** Tracked events: stored once per key; anything older than the 90-day window is deleted. */
import type { ChatEvent } from 'dynamic-chat/engine';
import type { Db, Queryable } from '../db/db.js';
import { batcher, type BatchOptions } from './batch.js';
import { deleteEventsBefore, insertEvents } from '../db/events.js';
import { deleteOutboxBefore } from '../db/outbox.js';
import { enqueueDialogueEvents } from './notifications.js';

/** How long events are kept, in days (contract §8). */
export const RETENTION_DAYS = 90;

/** Stores a batch; each event once by its own key. Returns how many were new. */
export async function recordEvents(db: Queryable, events: ChatEvent[]): Promise<number> {
  return (await insertEvents(db, events)).length;
}

/** Events that webhooks report (dialogue.goal, dialogue.completed). */
const NOTIFIED = new Set<ChatEvent['type']>(['goal', 'completed']);

/**
 * Stores batches, writing those that arrive together as one (one commit); resolves once the
 * request's events are committed. A failed group is written again batch by batch, so one bad
 * batch (or a deadlock with another instance) fails only its own request. A group with a goal or
 * completion is written in a transaction that also queues their webhooks; `nudge` then wakes the worker.
 */
export function eventsWriter(db: Db, options: BatchOptions, nudge: () => void = () => undefined): (events: ChatEvent[]) => Promise<void> {
  const write = async (events: ChatEvent[]) => {
    if (!events.some((event) => NOTIFIED.has(event.type))) return void (await insertEvents(db, events));
    const queued = await db.transaction(async (tx) => {
      const fresh = new Set(await insertEvents(tx, events));
      // The first of a key is the one stored; a same-key twin is a repeat.
      return enqueueDialogueEvents(tx, events.filter((event) => fresh.delete(event.key)));
    });
    if (queued) nudge();
  };
  return batcher<ChatEvent[], void>(async (batches) => {
    if (batches.length === 1) return [await write(batches[0])];
    try {
      await write(batches.flat());
      return batches.map(() => undefined);
    } catch {
      return batches.map(write);
    }
  }, options);
}

/** Deletes events (and finished outbox items) past the retention window now and then every `everyMs`; returns a stop function. */
export function startRetention(db: Db, now: () => Date, log: (line: string) => void, everyMs = 3_600_000): () => void {
  const sweep = async () => {
    try {
      const gone = await deleteEventsBefore(db, RETENTION_DAYS, now());
      if (gone) log(`retention: deleted ${gone} event(s) older than ${RETENTION_DAYS} days`);
      // Sent or given-up emails and webhook deliveries, with their attempts; queued ones stay until sent.
      const sent = await deleteOutboxBefore(db, RETENTION_DAYS, now());
      if (sent) log(`retention: deleted ${sent} finished outbox item(s) older than ${RETENTION_DAYS} days`);
    } catch (error) {
      log(`retention: ${(error as Error).message}`);
    }
  };
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
