/** The 90-day report: the engine's counting (contract §3), per dialogue and per UTC day. */
import { buildReport, type ChatEvent } from 'dynamic-chat/engine';
import type { Queryable } from '../db/db.js';
import { eventsSince } from '../db/events.js';

/** One day's counts of one dialogue. */
export interface DailyRow { day: string; dialogueId: string; triggered: number; engaged: number; completed: number; acquired: number; meetings: number; goals: number }

/** The report of the last `days` days: `{ dialogues, daily }` as contract §8 names them. */
export async function report(db: Queryable, days: number, now: Date) {
  const rows = await eventsSince(db, days, now);
  // The counting needs only these fields; the rest of an event does not change a figure.
  const asEvent = (row: (typeof rows)[number]) => ({ type: row.type, dialogueId: row.dialogueId, sessionId: row.sessionId, key: row.key }) as ChatEvent;
  const byDay = new Map<string, ChatEvent[]>();
  for (const row of rows) {
    const list = byDay.get(row.day) ?? [];
    list.push(asEvent(row));
    byDay.set(row.day, list);
  }
  const daily: DailyRow[] = [];
  for (const [day, events] of byDay) {
    for (const { dialogueId, triggered, engaged, completed, acquired, meetings, goals } of buildReport(events)) {
      daily.push({ day, dialogueId, triggered, engaged, completed, acquired, meetings, goals });
    }
  }
  return { dialogues: buildReport(rows.map(asEvent)), daily };
}
