/**
 * Busy times from an ICS document, parsed with ical.js: recurrences (RRULE, RDATE, EXDATE),
 * moved or cancelled occurrences (RECURRENCE-ID), time zones (VTIMEZONE), all-day and floating
 * times (read in the agent's zone); TRANSP:TRANSPARENT and STATUS:CANCELLED are free.
 */
import ICAL from 'ical.js';

/** A busy interval in ms since the epoch. */
export interface Busy { start: number; end: number }

/** Occurrences expanded per event at most, so a hostile RRULE cannot spin the server. */
const MAX_OCCURRENCES = 5000;

/** The busy intervals overlapping [from, to) of an ICS text, for an agent in `zone`. */
export function busyTimes(icsText: string, from: number, to: number, zone: string): Busy[] {
  // Zones defined in the feed (Google and Outlook include them) are found by ical.js itself.
  const calendar = new ICAL.Component(ICAL.parse(icsText));
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  const singles: ICAL.Event[] = [];
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    if (event.isRecurrenceException()) exceptions.push(event);
    else if (event.isRecurring()) masters.set(event.uid, event);
    else singles.push(event);
  }
  const busy: Busy[] = [];
  const add = (start: ICAL.Time, end: ICAL.Time, item: ICAL.Event) => {
    if (isFree(item)) return;
    const wall = wallZone(item, zone);
    const interval = { start: toMs(start, wall), end: toMs(end, wall) };
    if (interval.end > from && interval.start < to) busy.push(interval);
  };
  for (const exception of exceptions) {
    const master = masters.get(exception.uid);
    // An exception of a master we have replaces that occurrence; an orphan stands alone.
    if (master) master.relateException(exception);
    else singles.push(exception);
  }
  for (const event of singles) add(event.startDate, event.endDate ?? event.startDate, event);
  for (const master of masters.values()) {
    const iterator = master.iterator();
    for (let n = 0, next = iterator.next(); next && n < MAX_OCCURRENCES; n++, next = iterator.next()) {
      if (toMs(next, wallZone(master, zone)) >= to) break;
      const details = master.getOccurrenceDetails(next);
      add(details.startDate, details.endDate, details.item);
    }
  }
  return busy;
}

/** The zone for the event's zone-less times: its TZID when the feed omits the definition but Intl knows the name, else the agent's. */
function wallZone(event: ICAL.Event, agentZone: string): string {
  const tzid = event.component.getFirstProperty('dtstart')?.getParameter('tzid');
  if (typeof tzid !== 'string') return agentZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tzid });
    return tzid;
  } catch {
    return agentZone;
  }
}

function isFree(event: ICAL.Event): boolean {
  const transp = event.component.getFirstPropertyValue('transp');
  const status = event.component.getFirstPropertyValue('status');
  return String(transp).toUpperCase() === 'TRANSPARENT' || String(status).toUpperCase() === 'CANCELLED';
}

/**
 * The instant of an ICS time: UTC and zoned times as they say; all-day dates and floating
 * times (and zones the feed does not define) on the agent's wall clock.
 */
function toMs(time: ICAL.Time, zone: string): number {
  const z = time.zone;
  if (!time.isDate && z && z.tzid !== 'floating') return time.toUnixTime() * 1000;
  return wallClockInstant(time.year, time.month, time.day, time.isDate ? 0 : time.hour, time.isDate ? 0 : time.minute, time.isDate ? 0 : time.second, zone);
}

/** The instant at which the wall clock in `zone` shows this date and time. */
export function wallClockInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes of "what does the zone show at this guess" converge across a DST change.
  let guess = asUtc - offsetMs(asUtc, zone);
  guess = asUtc - offsetMs(guess, zone);
  return guess;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant. */
function offsetMs(at: number, zone: string): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(at / 1000) * 1000;
}
