/** An `.ics` file for a booked meeting, made in the browser. */
import type { Booking } from '../engine/index.js';

// 2026-11-24T10:00:00.000Z → 20261124T100000Z (throws on an unreadable time).
function stamp(instant: string | Date): string {
  return new Date(instant).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

// iCalendar TEXT: a backslash, semicolon or comma gets a backslash; a line break becomes \n.
function escapeText(text: string): string {
  return text.replace(/([\\;,])|\r?\n/g, (_line, special?: string) => (special ? `\\${special}` : '\\n'));
}

/** The iCalendar text of one booking. */
export function bookingIcs(booking: Booking, summary: string, now: Date): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//dynamic-chat//EN', 'METHOD:PUBLISH', 'BEGIN:VEVENT',
    `UID:${escapeText(booking.id)}@dynamic-chat`, `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(booking.start)}`, `DTEND:${stamp(booking.end)}`, `SUMMARY:${escapeText(summary)}`,
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

/** Object URLs of `.ics` files, one per booking, revoked together when the widget goes. */
export class CalendarLinks {
  #urls = new Map<string, string>();

  /**
   * The object URL of the booking's `.ics` file (made once); null when the booking cannot be
   * described (a saved one with a bad time or no id): the link is left out, the render goes on.
   */
  url(booking: Booking, summary: string): string | null {
    let url = this.#urls.get(booking.id);
    if (!url) {
      try {
        url = URL.createObjectURL(new Blob([bookingIcs(booking, summary, new Date())], { type: 'text/calendar' }));
      } catch {
        return null;
      }
      this.#urls.set(booking.id, url);
    }
    return url;
  }

  /** Frees every object URL. */
  revoke(): void {
    for (const url of this.#urls.values()) URL.revokeObjectURL(url);
    this.#urls.clear();
  }
}
