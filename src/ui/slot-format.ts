/** Meeting slots in the visitor's time zone: day groups and button names like "Tue 24 Nov, 10:00". */
import { formatMeetingTime } from '../engine/time-format.js';
import type { Slot } from '../engine/types.js';

/** Slots of one local day. */
export interface SlotDay { key: string; label: string; slots: Array<{ slot: Slot; time: string; name: string }> }

function dayKey(date: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Groups slots by local day, in time order. Each name comes from the engine's formatter, the same
 * words the booking confirmation uses, so the button pressed and the confirmation read alike.
 */
export function groupSlots(slots: Slot[], locale: string, timeZone: string): SlotDay[] {
  const days = new Map<string, SlotDay>();
  for (const slot of slots) {
    const date = new Date(slot.start);
    if (Number.isNaN(date.getTime())) continue;
    const name = formatMeetingTime(slot.start, timeZone, locale);
    const cut = name.lastIndexOf(', ');
    const key = dayKey(date, timeZone);
    let day = days.get(key);
    if (!day) {
      day = { key, label: cut > 0 ? name.slice(0, cut) : name, slots: [] };
      days.set(key, day);
    }
    day.slots.push({ slot, time: cut > 0 ? name.slice(cut + 2) : name, name });
  }
  return [...days.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The visitor's IANA time zone, or UTC when the browser does not say. */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
