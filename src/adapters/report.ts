/** Per-dialogue metrics from tracked events, with the counting rules of contract §3. */
import type { ChatEvent, ChatEventType } from './types.js';

/** One dialogue's figures. */
export interface DialogueReport {
  dialogueId: string;
  /** Sessions in which the dialogue's trigger fired (once per visitor per session). */
  triggered: number;
  /** Sessions in which the visitor answered anything (once per visitor per session). */
  engaged: number;
  /** Sessions in which the visitor reached an end (once per visitor per session). */
  completed: number;
  /** Sessions in which a valid email was given: people acquired (once per visitor per session). */
  acquired: number;
  /** Meetings booked (each one counts). */
  meetings: number;
  /** Goals reached (each one counts). */
  goals: number;
  /** Sessions closed before the end (once per visitor per session). */
  closed: number;
  /** engaged / triggered, 0 when nothing triggered. */
  engagementRate: number;
  /** completed / triggered, 0 when nothing triggered. */
  conversionRate: number;
}

/** Event types counted at most once per (dialogue, session): a reload or a repeat adds nothing. */
const ONCE_PER_SESSION: ReadonlySet<ChatEventType> = new Set(['triggered', 'engaged', 'completed', 'acquired', 'closed']);

/** Builds the report, one row per dialogue in order of first event. */
export function buildReport(events: ChatEvent[]): DialogueReport[] {
  const rows = new Map<string, DialogueReport>();
  const seenKeys = new Set<string>();
  const seenOnce = new Set<string>();
  for (const event of events) {
    if (seenKeys.has(event.key)) continue;
    seenKeys.add(event.key);
    if (ONCE_PER_SESSION.has(event.type)) {
      const once = JSON.stringify([event.type, event.dialogueId, event.sessionId]);
      if (seenOnce.has(once)) continue;
      seenOnce.add(once);
    }
    let row = rows.get(event.dialogueId);
    if (!row) {
      row = {
        dialogueId: event.dialogueId, triggered: 0, engaged: 0, completed: 0, acquired: 0,
        meetings: 0, goals: 0, closed: 0, engagementRate: 0, conversionRate: 0,
      };
      rows.set(event.dialogueId, row);
    }
    if (event.type === 'goal') row.goals++;
    else if (event.type === 'meeting') row.meetings++;
    else row[event.type]++;
  }
  return [...rows.values()].map((row) => ({
    ...row,
    engagementRate: row.triggered ? row.engaged / row.triggered : 0,
    conversionRate: row.triggered ? row.completed / row.triggered : 0,
  }));
}
