/** Meeting slots in the visitor's time zone: day groups and button names like "Tue 24 Nov, 10:00". */
import { formatMeetingTime, type Slot } from '../engine/index.js';
import { wallClockAt } from '../targeting/zoned.js';

/** Slots of one local day; `key` is the date as a number (20261124), in time order. */
export interface SlotDay { key: number; label: string; slots: Array<{ slot: Slot; time: string; name: string }> }

/**
 * Groups slots by local day, in time order. Each name comes from the engine's formatter, the same
 * words the booking confirmation uses, so the button pressed and the confirmation read alike.
 */
export function groupSlots(slots: Slot[], locale: string, timeZone: string): SlotDay[] {
  const days = new Map<number, SlotDay>();
  for (const slot of slots) {
    const ms = new Date(slot.start).getTime();
    if (Number.isNaN(ms)) continue;
    const name = formatMeetingTime(slot.start, timeZone, locale);
    const cut = name.lastIndexOf(', ');
    const { year, month, day: date } = wallClockAt(ms, timeZone);
    const key = year * 10_000 + month * 100 + date;
    let day = days.get(key);
    if (!day) days.set(key, (day = { key, label: cut > 0 ? name.slice(0, cut) : name, slots: [] }));
    day.slots.push({ slot, time: cut > 0 ? name.slice(cut + 2) : name, name });
  }
  return [...days.values()].sort((a, b) => a.key - b.key);
}

/** The visitor's IANA time zone, or UTC when the browser does not say. */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
