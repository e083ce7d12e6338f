import { describe, expect, it } from 'vitest';
import { checkSchedule, localTime, parseClock } from '../../../src/targeting/schedule.js';
import type { Schedule } from '../../../src/engine/types.js';

const weekdays = [1, 2, 3, 4, 5];
const office = (timeZone: string): Schedule => ({ timeZone, days: weekdays, hours: ['09:00', '18:00'] });

// 2026: Europe switches to summer time on Sun 29 March and back on Sun 25 October;
// the United States on Sun 8 March and Sun 1 November.
type Row = [string, Schedule, string, string | null];
const rows: Row[] = [
  ['Rome, winter time, 09:30', office('Europe/Rome'), '2026-03-27T08:30:00Z', null],
  ['Rome, winter time, 09:00 is inside (from is inclusive)', office('Europe/Rome'), '2026-03-27T08:00:00Z', null],
  ['Rome, winter time, 18:00 is outside (until is exclusive)', office('Europe/Rome'), '2026-03-27T17:00:00Z',
    'outside schedule: 18:00 is outside 09:00–18:00 in Europe/Rome'],
  ['Rome, summer time: same UTC hour is an hour later locally', office('Europe/Rome'), '2026-03-30T07:30:00Z', null],
  ['Rome, summer time, 08:30 local', office('Europe/Rome'), '2026-03-30T06:30:00Z',
    'outside schedule: 08:30 is outside 09:00–18:00 in Europe/Rome'],
  ['New York, before DST 08:30 EST', office('America/New_York'), '2026-03-06T13:30:00Z',
    'outside schedule: 08:30 is outside 09:00–18:00 in America/New_York'],
  ['New York, after DST 09:30 EDT', office('America/New_York'), '2026-03-09T13:30:00Z', null],
  ['Saturday in Rome', office('Europe/Rome'), '2026-03-28T10:00:00Z',
    'outside schedule: Saturday is not a scheduled day in Europe/Rome'],
  ['Friday night UTC is already Saturday in Rome', { timeZone: 'Europe/Rome', days: weekdays }, '2026-03-27T23:30:00Z',
    'outside schedule: Saturday is not a scheduled day in Europe/Rome'],
  ['…but still Friday in Los Angeles', { timeZone: 'America/Los_Angeles', days: weekdays }, '2026-03-27T23:30:00Z', null],
  ['Sunday is day 7', { timeZone: 'UTC', days: [7] }, '2026-03-29T12:00:00Z', null],
  ['Monday is day 1', { timeZone: 'UTC', days: [7] }, '2026-03-30T12:00:00Z',
    'outside schedule: Monday is not a scheduled day in UTC'],
  ['half-hour zone (Kolkata 08:45)', { timeZone: 'Asia/Kolkata', hours: ['08:30', '09:00'] }, '2026-03-27T03:15:00Z', null],
  ['until is inclusive in the zone (Rome 23:30 on 31 Dec)', { timeZone: 'Europe/Rome', until: '2026-12-31' }, '2026-12-31T22:30:00Z', null],
  ['until has passed in the zone (Rome 00:30 on 1 Jan)', { timeZone: 'Europe/Rome', until: '2026-12-31' }, '2026-12-31T23:30:00Z',
    'outside schedule: 2027-01-01 is after 2026-12-31 in Europe/Rome'],
  ['from is inclusive in the zone (Rome 00:30 on 1 Jan)', { timeZone: 'Europe/Rome', from: '2026-01-01' }, '2025-12-31T23:30:00Z', null],
  ['from not yet reached in UTC', { timeZone: 'UTC', from: '2026-01-01' }, '2025-12-31T23:30:00Z',
    'outside schedule: 2025-12-31 is before 2026-01-01 in UTC'],
  ['no time zone means UTC', { hours: ['09:00', '10:00'] }, '2026-03-27T09:30:00Z', null],
  ['no time zone means UTC (outside)', { hours: ['09:00', '10:00'] }, '2026-03-27T10:30:00Z',
    'outside schedule: 10:30 is outside 09:00–10:00 in UTC'],
  ['overnight window, late evening', { timeZone: 'UTC', hours: ['22:00', '06:00'] }, '2026-03-27T23:00:00Z', null],
  ['overnight window, early morning', { timeZone: 'UTC', hours: ['22:00', '06:00'] }, '2026-03-27T05:59:00Z', null],
  ['overnight window, midday', { timeZone: 'UTC', hours: ['22:00', '06:00'] }, '2026-03-27T12:00:00Z',
    'outside schedule: 12:00 is outside 22:00–06:00 in UTC'],
  ['24:00 closes the day', { timeZone: 'UTC', hours: ['20:00', '24:00'] }, '2026-03-27T23:59:00Z', null],
  ['fall back: first 02:30 in Rome', { timeZone: 'Europe/Rome', hours: ['02:00', '03:00'] }, '2026-10-25T00:30:00Z', null],
  ['fall back: repeated 02:30 in Rome', { timeZone: 'Europe/Rome', hours: ['02:00', '03:00'] }, '2026-10-25T01:30:00Z', null],
  ['unknown time zone never matches', { timeZone: 'Mars/Olympus' }, '2026-03-27T12:00:00Z',
    'outside schedule: Mars/Olympus is not a known time zone'],
  ['malformed hours never match', { timeZone: 'UTC', hours: ['9am', '5pm'] }, '2026-03-27T12:00:00Z',
    'outside schedule: hours 9am–5pm are not HH:MM times'],
  ['empty schedule always matches', {}, '2026-03-28T03:00:00Z', null],
];

describe('checkSchedule', () => {
  it.each(rows)('%s', (_name, schedule, now, expected) => {
    expect(checkSchedule(schedule, new Date(now))).toBe(expected);
  });

  it('no schedule always matches', () => {
    expect(checkSchedule(undefined, new Date('2026-03-28T03:00:00Z'))).toBeNull();
  });
});

describe('localTime', () => {
  it('reads the wall clock of the zone', () => {
    expect(localTime(new Date('2026-07-01T10:05:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-07-01', day: 3, minutes: 19 * 60 + 5 });
    expect(localTime(new Date('2026-07-01T00:00:00Z'), 'UTC')).toEqual({ date: '2026-07-01', day: 3, minutes: 0 });
  });

  it('is null for an unknown zone or an invalid date', () => {
    expect(localTime(new Date('2026-07-01T10:05:00Z'), 'Nowhere/Else')).toBeNull();
    expect(localTime(new Date('nope'), 'UTC')).toBeNull();
  });
});

describe('parseClock', () => {
  it.each([
    ['09:00', 540], ['9:30', 570], ['00:00', 0], ['24:00', 1440], ['23:59', 1439],
    ['24:01', null], ['12:60', null], ['noon', null], [9, null],
  ] as Array<[unknown, number | null]>)('%s → %s', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });
});
