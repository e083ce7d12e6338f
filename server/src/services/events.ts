/** Tracked events: stored once per key; anything older than the 90-day window is deleted. */
import type { ChatEvent } from 'dynamic-chat/engine';
import type { Db, Queryable } from '../db/db.js';
import { batcher, type BatchOptions } from './batch.js';
import { deleteEventsBefore, insertEvents } from '../db/events.js';

/** How long events are kept, in days (contract §8). */
export const RETENTION_DAYS = 90;

/** Stores a batch; each event once by its own key. Returns how many were new. */
export function recordEvents(db: Queryable, events: ChatEvent[]): Promise<number> {
  return insertEvents(db, events);
}

/**
 * Stores batches, writing those that arrive together as one (one commit); resolves once the
 * request's events are committed. A failed group is written again batch by batch, so one bad
 * batch (or a deadlock with another instance) fails only its own request.
 */
export function eventsWriter(db: Queryable, options: BatchOptions): (events: ChatEvent[]) => Promise<void> {
  return batcher<ChatEvent[], void>(async (batches) => {
    if (batches.length === 1) return [void (await insertEvents(db, batches[0]))];
    try {
      await insertEvents(db, batches.flat());
      return batches.map(() => undefined);
    } catch {
      return batches.map(async (events) => void (await insertEvents(db, events)));
    }
  }, options);
}

/** Deletes events past the retention window now and then every `everyMs`; returns a stop function. */
export function startRetention(db: Db, now: () => Date, log: (line: string) => void, everyMs = 3_600_000): () => void {
  const sweep = async () => {
    try {
      const gone = await deleteEventsBefore(db, RETENTION_DAYS, now());
      if (gone) log(`retention: deleted ${gone} event(s) older than ${RETENTION_DAYS} days`);
    } catch (error) {
      log(`retention: ${(error as Error).message}`);
    }
  };
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
