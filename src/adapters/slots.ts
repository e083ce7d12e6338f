/**
 * Meeting slots from agents' weekly hours (in each agent's time zone, DST-correct; Monday to
 * Friday 09:00–17:00 for an agent without `weekly`), minus
 * booked meetings with their buffer and the minimum notice. Pure: no storage, no clock.
 */
import { isTimeZone, WEEKDAYS, type Agent, type Slot } from '../engine/index.js';
import { parseClock } from '../targeting/schedule.js';
import { instantOf } from '../targeting/zoned.js';

/** A meeting that blocks an agent's calendar. */
export interface BusyInterval { agentId: string; start: number; end: number }

/** The rules a slot must satisfy besides the agent's hours. */
export interface SlotRules {
  /** The current instant (ms). */
  now: number;
  /** No slot starts sooner than this after `now`. */
  minNoticeHours: number;
  /** Free time kept after every meeting, booked or offered. */
  bufferMinutes: number;
}

/** What is asked: which agents (all when none), how long, and the window (ISO instants). */
export interface SlotWindow { agentIds: string[]; durationMinutes: number; from: string; to: string }

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The longest window computed, so a bad query cannot freeze the page. */
const MAX_WINDOW_DAYS = 366;

/** The hours of an agent the flow gives none: Monday to Friday, 09:00–17:00, as Cal.com and Calendly default to. */
export const DEFAULT_WEEKLY: Agent['weekly'] = Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [day, [['09:00', '17:00']]]));

/** The instant at which the wall clock in `timeZone` shows `minutes` past midnight of `day` (a UTC midnight), or null when skipped. */
function wallInstant(day: number, minutes: number, timeZone: string): number | null {
  // Through a Date, so 24:00 is the next day's 00:00.
  const wall = new Date(day + minutes * MINUTE);
  return instantOf({
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(),
  }, timeZone);
}

/** Start instants of one agent's working-hour slots overlapping [fromMs, toMs). */
function workingSlots(agent: Agent, durationMinutes: number, fromMs: number, toMs: number): number[] {
  const timeZone = agent.timeZone && isTimeZone(agent.timeZone) ? agent.timeZone : 'UTC';
  const starts: number[] = [];
  // Every local day whose hours may overlap the window: zones run from UTC-12 to UTC+14, so a day
  // labelled D (a UTC midnight) lasts from D-14h to D+36h. The caller drops the slots outside it.
  for (let day = Math.floor((fromMs - 36 * HOUR) / DAY) * DAY; day < toMs + 14 * HOUR; day += DAY) {
    // WEEKDAYS runs Monday to Sunday; getUTCDay() counts from Sunday.
    // No `weekly` at all means the default hours; `weekly: {}` means none.
    for (const [open, close] of (agent.weekly ?? DEFAULT_WEEKLY)?.[WEEKDAYS[(new Date(day).getUTCDay() + 6) % 7]] ?? []) {
      // HH:MM times, 24:00 ending the day; a malformed one skips the range.
      const openMin = parseClock(open);
      const closeMin = parseClock(close);
      if (openMin === null || closeMin === null) continue;
      const closeAt = wallInstant(day, closeMin, timeZone);
      for (let t = openMin; t + durationMinutes <= closeMin; t += durationMinutes) {
        const start = wallInstant(day, t, timeZone);
        // null: skipped by a spring-forward change.
        if (start !== null && (closeAt === null || start + durationMinutes * MINUTE <= closeAt)) starts.push(start);
      }
    }
  }
  return starts;
}

/**
 * Free slots in the window: each agent's working slots minus busy time, buffer and minimum
 * notice; slots of several agents at the same instant merge, listing agents in routing order.
 */
export function findFreeSlots(agents: Agent[], window: SlotWindow, busy: BusyInterval[], rules: SlotRules): Slot[] {
  const duration = window.durationMinutes;
  const fromMs = Date.parse(window.from);
  const toMs = Math.min(Date.parse(window.to), fromMs + MAX_WINDOW_DAYS * DAY);
  // NaN (an unreadable date) fails every comparison.
  if (!(duration > 0 && duration < Infinity && toMs > fromMs)) return [];
  const earliest = Math.max(fromMs, rules.now + rules.minNoticeHours * HOUR);
  const buffer = rules.bufferMinutes * MINUTE;
  const byStart = new Map<number, string[]>();
  for (const agent of agents) {
    if (window.agentIds.length && !window.agentIds.includes(agent.id)) continue;
    for (const start of workingSlots(agent, duration, fromMs, toMs)) {
      const end = start + duration * MINUTE;
      if (start < earliest || end > toMs) continue;
      // Clear of every meeting of the agent, with the buffer after each of them and after this one.
      if (busy.some((meeting) => meeting.agentId === agent.id && start < meeting.end + buffer && meeting.start < end + buffer)) continue;
      const free = byStart.get(start) ?? [];
      if (!free.includes(agent.id)) free.push(agent.id);
      byStart.set(start, free);
    }
  }
  return [...byStart]
    .sort(([a], [b]) => a - b)
    .map(([start, agentIds]) => ({ start: new Date(start).toISOString(), end: new Date(start + duration * MINUTE).toISOString(), agentIds }));
}
