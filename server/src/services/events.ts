/** Tracked events: stored once per key; anything older than the 90-day window is deleted. */
import type { ChatEvent } from 'dynamic-chat/engine';
import type { Db } from '../db/db.js';
import { deleteEventsBefore, insertEvents } from '../db/events.js';

/** How long events are kept, in days (contract §8). */
export const RETENTION_DAYS = 90;

/** Stores a batch; each event once by its own key. Returns how many were new. */
export function recordEvents(db: Db, events: ChatEvent[]): Promise<number> {
  return db.transaction((tx) => insertEvents(tx, events));
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
