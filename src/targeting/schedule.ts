/** Dialogue schedules evaluated in their own time zone with Intl. */
import { isFilled, isText, type Schedule } from '../engine/index.js';
import { wallClockAt } from './zoned.js';

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

const two = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock date, weekday and minute of `now` in `timeZone`; null for an unknown zone. */
export function localTime(now: Date, timeZone: string): LocalTime | null {
  const ms = now.getTime();
  if (Number.isNaN(ms)) return null;
  let wall;
  try {
    wall = wallClockAt(ms, timeZone);
  } catch {
    return null; // RangeError: Intl does not know the zone
  }
  return {
    date: `${wall.year}-${two(wall.month)}-${two(wall.day)}`,
    // getUTCDay counts from Sunday = 0; ISO weekdays run Monday = 1 … Sunday = 7.
    day: new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() || 7,
    minutes: wall.hour * 60 + wall.minute,
  };
}

/** Minutes since midnight of an `HH:MM` time (`24:00` allowed as the end of the day); null when malformed. */
export function parseClock(text: unknown): number | null {
  const m = isText(text) ? /^(\d{1,2}):(\d{2})$/.exec(text.trim()) : null;
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

function clock(minutes: number): string {
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** Why `now` is outside the schedule ("outside schedule: …"), or null when inside it (or no schedule). */
export function checkSchedule(schedule: Schedule | undefined, now: Date): string | null {
  if (!schedule || typeof schedule !== 'object') return null;
  const zone = isFilled(schedule.timeZone) ? schedule.timeZone : DEFAULT_TIME_ZONE;
  const local = localTime(now, zone);
  if (local === null) return `outside schedule: ${zone} is not a known time zone`;
  // Dates are inclusive and read in the schedule's zone; only the `YYYY-MM-DD` part counts.
  if (isFilled(schedule.from) && local.date < schedule.from.slice(0, 10)) {
    return `outside schedule: ${local.date} is before ${schedule.from.slice(0, 10)} in ${zone}`;
  }
  if (isFilled(schedule.until) && local.date > schedule.until.slice(0, 10)) {
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
