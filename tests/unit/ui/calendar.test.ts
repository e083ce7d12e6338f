// The "Add to calendar" file: a booking it cannot describe leaves the link out instead of breaking the render.
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../src/engine/types.js';
import { bookingIcs, CalendarLinks } from '../../../src/ui/calendar.js';

const booking: Booking = { id: 'b1', agent: { id: 'ana', name: 'Ana' }, start: '2026-11-24T10:00:00Z', end: '2026-11-24T10:30:00Z' };

describe('CalendarLinks', () => {
  it('makes one .ics link per booking', () => {
    const links = new CalendarLinks();
    const url = links.url(booking, 'Meeting with Ana');
    expect(url).toMatch(/^blob:/);
    expect(links.url(booking, 'Meeting with Ana')).toBe(url);
    expect(bookingIcs(booking, 'Meeting with Ana', new Date('2026-11-22T10:00:00Z'))).toContain('DTSTART:20261124T100000Z');
    links.revoke();
  });

  it('gives no link for a saved booking with an unreadable end or no id', () => {
    const links = new CalendarLinks();
    expect(links.url({ ...booking, end: '' }, 'Meeting with Ana')).toBe(null);
    expect(links.url({ ...booking, id: undefined } as unknown as Booking, 'Meeting with Ana')).toBe(null);
  });
});
