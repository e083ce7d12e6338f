/** Per-dialogue metrics from tracked events, with the counting rules of contract §3. */
import type { ChatEvent } from './types.js';

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

/** Builds the report, one row per dialogue in order of first event. */
export function buildReport(events: ChatEvent[]): DialogueReport[] {
  const rows = new Map<string, DialogueReport>();
  const seenKeys = new Set<string>();
  const countedOnce = new Set<string>();
  for (const { type, dialogueId, sessionId, key } of events) {
    // Each event once (by key), so a retried delivery adds nothing.
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    // Goals and meetings count each time; the rest once per dialogue and session (a reload repeats them).
    const everyTime = type === 'goal' || type === 'meeting';
    const once = JSON.stringify([type, dialogueId, sessionId]);
    if (!everyTime && countedOnce.has(once)) continue;
    countedOnce.add(once);
    const row = rows.get(dialogueId) ?? {
      dialogueId, triggered: 0, engaged: 0, completed: 0, acquired: 0, meetings: 0, goals: 0, closed: 0, engagementRate: 0, conversionRate: 0,
    };
    rows.set(dialogueId, row);
    row[type === 'goal' ? 'goals' : type === 'meeting' ? 'meetings' : type]++;
  }
  for (const row of rows.values()) {
    row.engagementRate = row.triggered ? row.engaged / row.triggered : 0;
    row.conversionRate = row.triggered ? row.completed / row.triggered : 0;
  }
  return [...rows.values()];
}
