/** Wall-clock time in an IANA time zone ↔ instants, with Intl only (no date library), DST-correct. */
import { dateFormat } from '../engine/index.js';

/** A calendar date and a wall-clock time. */
export interface WallClock { year: number; month: number; day: number; hour: number; minute: number }

const formatter = (timeZone: string) => dateFormat('wall', 'en-US', timeZone);

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock & { second: number } {
  // The parts are exactly year, month, day, hour, minute and second (and literals, skipped).
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  parts.hour %= 24;
  return parts as unknown as WallClock & { second: number };
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffset(ms: number, timeZone: string): number {
  const wall = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `timeZone`, or null when it does not exist (skipped
 * by a spring-forward change). A time that happens twice (fall back) gives the first occurrence.
 */
export function instantOf(wall: WallClock, timeZone: string): number | null {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offset a few hours either side brackets the answer; try the earlier (larger) offset first.
  const offsets = [...new Set([zoneOffset(naive - 86_400_000 / 2, timeZone), zoneOffset(naive + 86_400_000 / 2, timeZone)])]
    .sort((a, b) => b - a);
  for (const offset of offsets) {
    const candidate = naive - offset;
    const back = wallClockAt(candidate, timeZone);
    if (back.year === wall.year && back.month === wall.month && back.day === wall.day && back.hour === wall.hour && back.minute === wall.minute) {
      return candidate;
    }
  }
  return null;
}
