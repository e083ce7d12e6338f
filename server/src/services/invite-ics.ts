/**
 * The calendar part of a meeting email (RFC 5545 / iTIP RFC 5546), built with ical.js so escaping
 * and line folding are right: METHOD:REQUEST invites the visitor, METHOD:CANCEL withdraws it. One
 * UID per meeting and a higher SEQUENCE on the cancellation let Gmail, Outlook and Apple Calendar
 * update the event they already have.
 */
import ICAL from 'ical.js';

/** What the calendar entry says. */
export interface InviteIcs {
  method: 'REQUEST' | 'CANCEL';
  meetingId: string;
  start: string;
  end: string;
  /** When this version of the entry was made (DTSTAMP). */
  stamp: Date;
  sequence: number;
  summary: string;
  description: string;
  organizer: { name: string; email: string };
  attendee: { name?: string; email: string };
}

/** The UID of a meeting's calendar entry: the same for its invitation and its cancellation. */
export const meetingUid = (meetingId: string): string => `${meetingId}@dynamic-chat`;

/** The .ics text (CRLF lines, folded at 75 octets). */
export function inviteIcs(entry: InviteIcs): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//dynamic-chat//dynamic-chat-server//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', entry.method);
  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', meetingUid(entry.meetingId));
  event.addPropertyWithValue('dtstamp', utc(entry.stamp));
  event.addPropertyWithValue('dtstart', utc(new Date(entry.start)));
  event.addPropertyWithValue('dtend', utc(new Date(entry.end)));
  event.addPropertyWithValue('sequence', entry.sequence);
  event.addPropertyWithValue('status', entry.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
  event.addPropertyWithValue('summary', entry.summary);
  if (entry.description) event.addPropertyWithValue('description', entry.description);
  event.addPropertyWithValue('transp', 'OPAQUE');
  const organizer = event.addPropertyWithValue('organizer', `mailto:${entry.organizer.email}`);
  organizer.setParameter('cn', paramText(entry.organizer.name));
  const attendee = event.addPropertyWithValue('attendee', `mailto:${entry.attendee.email}`);
  if (entry.attendee.name) attendee.setParameter('cn', paramText(entry.attendee.name));
  attendee.setParameter('role', 'REQ-PARTICIPANT');
  attendee.setParameter('partstat', 'NEEDS-ACTION');
  attendee.setParameter('rsvp', 'TRUE');
  calendar.addSubcomponent(event);
  return `${calendar.toString()}\r\n`;
}

function utc(date: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(date, true);
}

/** A parameter value cannot hold a double quote or a line break (RFC 5545 §3.2). */
function paramText(text: string): string {
  return text.replace(/["\s]+/g, ' ').trim() || 'Guest';
}
