/** Dialogue schedules evaluated in their own time zone with Intl. */
import type { Schedule } from '../engine/types.js';

/** Wall-clock reading of an instant in one time zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` in that zone. */
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  day: number;
  /** Minutes since local midnight. */
  minutes: number;
}

/** Time zone used when a schedule names none: UTC, so a schedule means the same on every machine. */
export const DEFAULT_TIME_ZONE = 'UTC';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SHORT_DAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a DateTimeFormat costs far more than using one; one per zone is kept (null: unknown zone).
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', weekday: 'short',
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      });
    } catch {
      f = null;
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date, weekday and minute of `now` in `timeZone`; null for an unknown zone. */
export function localTime(now: Date, timeZone: string): LocalTime | null {
  const f = formatter(timeZone);
  if (f === null || Number.isNaN(now.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(now)) parts[p.type] = p.value;
  // Some engines still print midnight as 24 under h23; treat it as 0.
  const hour = Number(parts.hour) % 24;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: SHORT_DAYS[parts.weekday] ?? 0,
    minutes: hour * 60 + Number(parts.minute),
  };
}

/** Minutes since midnight of an `HH:MM` time (`24:00` allowed as the end of the day); null when malformed. */
export function parseClock(text: unknown): number | null {
  const m = typeof text === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(text.trim()) : null;
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Why `now` is outside the schedule ("outside schedule: …"), or null when inside it (or no schedule). */
export function checkSchedule(schedule: Schedule | undefined, now: Date): string | null {
  if (!schedule || typeof schedule !== 'object') return null;
  const zone = typeof schedule.timeZone === 'string' && schedule.timeZone !== '' ? schedule.timeZone : DEFAULT_TIME_ZONE;
  const local = localTime(now, zone);
  if (local === null) return `outside schedule: ${zone} is not a known time zone`;
  // Dates are inclusive and read in the schedule's zone; only the `YYYY-MM-DD` part counts.
  if (typeof schedule.from === 'string' && schedule.from !== '' && local.date < schedule.from.slice(0, 10)) {
    return `outside schedule: ${local.date} is before ${schedule.from.slice(0, 10)} in ${zone}`;
  }
  if (typeof schedule.until === 'string' && schedule.until !== '' && local.date > schedule.until.slice(0, 10)) {
    return `outside schedule: ${local.date} is after ${schedule.until.slice(0, 10)} in ${zone}`;
  }
  if (Array.isArray(schedule.days) && schedule.days.length > 0 && !schedule.days.includes(local.day)) {
    return `outside schedule: ${DAY_NAMES[local.day - 1]} is not a scheduled day in ${zone}`;
  }
  if (Array.isArray(schedule.hours) && schedule.hours.length === 2) {
    const from = parseClock(schedule.hours[0]);
    const to = parseClock(schedule.hours[1]);
    if (from === null || to === null) return `outside schedule: hours ${schedule.hours.join('–')} are not HH:MM times`;
    // [from, to): a window that ends before it starts runs overnight (22:00–06:00).
    const inside = from <= to
      ? local.minutes >= from && local.minutes < to
      : local.minutes >= from || local.minutes < to;
    if (!inside) {
      return `outside schedule: ${clock(local.minutes)} is outside ${schedule.hours[0]}–${schedule.hours[1]} in ${zone}`;
    }
  }
  return null;
}
