/** Meeting slots in the visitor's time zone: day groups and button names like "Tue 24 Nov, 10:00". */
import type { Slot } from '../engine/types.js';

/** Slots of one local day. */
export interface SlotDay { key: string; label: string; slots: Array<{ slot: Slot; time: string; name: string }> }

function parts(date: Date, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat(locale, { timeZone, ...options }).formatToParts(date)) out[part.type] = part.value;
  return out;
}

function dayLabel(date: Date, locale: string, timeZone: string): string {
  if (locale.toLowerCase().startsWith('en')) {
    const p = parts(date, 'en-GB', timeZone, { weekday: 'short', day: 'numeric', month: 'short' });
    return `${p.weekday} ${p.day} ${p.month}`;
  }
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}

function timeLabel(date: Date, locale: string, timeZone: string): string {
  const english = locale.toLowerCase().startsWith('en');
  return new Intl.DateTimeFormat(english ? 'en-GB' : locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
}

/** Groups slots by local day, in time order, each with its accessible name. */
export function groupSlots(slots: Slot[], locale: string, timeZone: string): SlotDay[] {
  const days = new Map<string, SlotDay>();
  for (const slot of slots) {
    const date = new Date(slot.start);
    if (Number.isNaN(date.getTime())) continue;
    const p = parts(date, 'en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
    const key = `${p.year}-${p.month}-${p.day}`;
    let day = days.get(key);
    if (!day) {
      day = { key, label: dayLabel(date, locale, timeZone), slots: [] };
      days.set(key, day);
    }
    const time = timeLabel(date, locale, timeZone);
    day.slots.push({ slot, time, name: `${day.label}, ${time}` });
  }
  return [...days.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** "Tue 24 Nov, 10:00" for one instant. */
export function formatSlotTime(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso);
  return `${dayLabel(date, locale, timeZone)}, ${timeLabel(date, locale, timeZone)}`;
}

/** The visitor's IANA time zone, or UTC when the browser does not say. */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
