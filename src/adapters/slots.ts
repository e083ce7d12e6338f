/**
 * Meeting slots from agents' weekly hours (in each agent's time zone, DST-correct), minus
 * booked meetings with their buffer and the minimum notice. Pure: no storage, no clock.
 */
import type { Agent, Slot, Weekday } from '../engine/types.js';
import { instantOf, isTimeZone, wallClockAt } from '../targeting/zoned.js';

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

/** What is asked: which agents, how long, and the window (ISO instants). */
export interface SlotWindow { agentIds: string[]; durationMinutes: number; from: string; to: string }

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE = 60_000;
const DAY = 86_400_000;
/** The longest window computed, so a bad query cannot freeze the page. */
const MAX_WINDOW_DAYS = 366;

/** Minutes after midnight of "HH:MM" ("24:00" allowed as an end), or null. */
function minutesOf(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && value <= 24 * 60 ? value : null;
}

/** The agents a query names, in routing order (all agents when it names none). */
export function selectAgents(agents: Agent[], agentIds: string[]): Agent[] {
  if (agentIds.length === 0) return agents;
  const wanted = new Set(agentIds);
  return agents.filter((agent) => wanted.has(agent.id));
}

/** Start instants of one agent's working-hour slots overlapping [fromMs, toMs). */
export function workingSlots(agent: Agent, durationMinutes: number, fromMs: number, toMs: number): number[] {
  const timeZone = agent.timeZone && isTimeZone(agent.timeZone) ? agent.timeZone : 'UTC';
  const weekly = agent.weekly ?? {};
  const first = wallClockAt(fromMs - DAY, timeZone);
  const last = wallClockAt(toMs + DAY, timeZone);
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  const starts: number[] = [];
  for (let day = Date.UTC(first.year, first.month - 1, first.day); day <= lastDay; day += DAY) {
    const date = new Date(day);
    const ranges = weekly[WEEKDAYS[date.getUTCDay()]] ?? [];
    const ymd = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    for (const [open, close] of ranges) {
      const openMin = minutesOf(open);
      const closeMin = minutesOf(close);
      if (openMin === null || closeMin === null) continue;
      const next = new Date(day + DAY);
      const closeAt = closeMin === 24 * 60
        ? instantOf({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone)
        : instantOf({ ...ymd, hour: Math.floor(closeMin / 60), minute: closeMin % 60 }, timeZone);
      for (let t = openMin; t + durationMinutes <= closeMin; t += durationMinutes) {
        const start = instantOf({ ...ymd, hour: Math.floor(t / 60), minute: t % 60 }, timeZone);
        if (start === null) continue; // skipped by a spring-forward change
        if (closeAt !== null && start + durationMinutes * MINUTE > closeAt) continue;
        starts.push(start);
      }
    }
  }
  return starts;
}

/** True when [start, end) plus the buffer after it clears every meeting (and its buffer) of the agent. */
export function isClear(agentId: string, start: number, end: number, busy: BusyInterval[], bufferMinutes: number): boolean {
  const buffer = bufferMinutes * MINUTE;
  return busy.every((meeting) => meeting.agentId !== agentId || !(start < meeting.end + buffer && meeting.start < end + buffer));
}

/**
 * Free slots in the window: each agent's working slots minus busy time, buffer and minimum
 * notice; slots of several agents at the same instant merge, listing agents in routing order.
 */
export function findFreeSlots(agents: Agent[], window: SlotWindow, busy: BusyInterval[], rules: SlotRules): Slot[] {
  const duration = window.durationMinutes;
  const fromMs = Date.parse(window.from);
  const toMs = Math.min(Date.parse(window.to), fromMs + MAX_WINDOW_DAYS * DAY);
  if (!(duration > 0) || !Number.isFinite(duration) || Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs <= fromMs) return [];
  const earliest = Math.max(fromMs, rules.now + rules.minNoticeHours * 3_600_000);
  const byStart = new Map<number, string[]>();
  for (const agent of selectAgents(agents, window.agentIds)) {
    for (const start of workingSlots(agent, duration, fromMs, toMs)) {
      const end = start + duration * MINUTE;
      if (start < earliest || end > toMs) continue;
      if (!isClear(agent.id, start, end, busy, rules.bufferMinutes)) continue;
      const free = byStart.get(start) ?? [];
      if (!free.includes(agent.id)) free.push(agent.id);
      byStart.set(start, free);
    }
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, agentIds]) => ({
      start: new Date(start).toISOString(),
      end: new Date(start + duration * MINUTE).toISOString(),
      agentIds,
    }));
}
