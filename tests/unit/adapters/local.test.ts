import { describe, expect, it } from 'vitest';
import { localAdapter } from '../../../src/adapters/local.js';
import type { Agent } from '../../../src/engine/types.js';
import type { ChatEvent, MeetingRequest, Slot } from '../../../src/adapters/types.js';
import { memoryStorage } from '../../../src/platform/storage.js';

const weekdays = (hours: Array<[string, string]>) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const utcAgent = (id: string): Agent => ({ id, name: `Agent ${id}`, timeZone: 'UTC', weekly: weekdays([['09:00', '17:00']]) });
const five = ['a1', 'a2', 'a3', 'a4', 'a5'].map(utcAgent);

let requestCount = 0;
function booking(slot: Slot, agentIds = slot.agentIds): MeetingRequest {
  requestCount++;
  return {
    sessionId: 's1', dialogueId: 'demo', key: `book-${requestCount}`,
    slot: { ...slot, agentIds }, lead: { email: `lead${requestCount}@example.com` },
  };
}
const slotAt = (start: string, minutes = 30, agentIds = five.map((a) => a.id)): Slot =>
  ({ start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString(), agentIds });

describe('localAdapter round-robin', () => {
  const now = () => new Date('2026-03-01T00:00:00Z');

  it('after agent 3 took the last booking, books 4, 5, then wraps to 1', async () => {
    const adapter = localAdapter({ agents: five, storage: memoryStorage(), now, minNoticeHours: 0 });
    const first = await adapter.bookMeeting(booking(slotAt('2026-03-02T09:00:00Z'), ['a3']));
    expect(first.agent).toEqual({ id: 'a3', name: 'Agent a3' });
    expect(adapter.queue().find((entry) => entry.next)?.id).toBe('a4');
    const next = [];
    for (const start of ['2026-03-02T10:00:00Z', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z']) {
      next.push((await adapter.bookMeeting(booking(slotAt(start)))).agent.id);
    }
    expect(next).toEqual(['a4', 'a5', 'a1']);
    expect(adapter.queue()).toEqual([
      { id: 'a1', name: 'Agent a1', next: false }, { id: 'a2', name: 'Agent a2', next: true },
      { id: 'a3', name: 'Agent a3', next: false }, { id: 'a4', name: 'Agent a4', next: false },
      { id: 'a5', name: 'Agent a5', next: false },
    ]);
  });

  it('skips agents who are busy at the chosen slot, and refuses the slot once everyone is taken', async () => {
    const adapter = localAdapter({ agents: five, storage: memoryStorage(), now, minNoticeHours: 0 });
    const slot = slotAt('2026-03-03T14:00:00Z');
    await adapter.bookMeeting(booking(slot, ['a2']));
    await adapter.bookMeeting(booking(slot, ['a3']));
    const order = [];
    for (let i = 0; i < 3; i++) order.push((await adapter.bookMeeting(booking(slot))).agent.id);
    expect(order).toEqual(['a4', 'a5', 'a1']);
    await expect(adapter.bookMeeting(booking(slot))).rejects.toMatchObject({ code: 'slot-taken' });
    const later = await adapter.bookMeeting(booking(slotAt('2026-03-03T15:00:00Z')));
    expect(later.agent.id).toBe('a2');
  });

  it('keeps the pointer and the meetings across a new adapter on the same storage', async () => {
    const storage = memoryStorage();
    await localAdapter({ agents: five, storage, now, minNoticeHours: 0 }).bookMeeting(booking(slotAt('2026-03-02T09:00:00Z'), ['a2']));
    const reloaded = localAdapter({ agents: five, storage, now, minNoticeHours: 0 });
    expect((await reloaded.bookMeeting(booking(slotAt('2026-03-02T09:00:00Z')))).agent.id).toBe('a3');
    expect(reloaded.meetings().map((m) => m.agent.id)).toEqual(['a2', 'a3']);
  });

  it('books the same request (same key) once', async () => {
    const adapter = localAdapter({ agents: five, storage: memoryStorage(), now, minNoticeHours: 0 });
    const request = booking(slotAt('2026-03-02T09:00:00Z'));
    const first = await adapter.bookMeeting(request);
    const again = await adapter.bookMeeting(request);
    expect(again).toEqual(first);
    expect(adapter.meetings()).toHaveLength(1);
  });

  it('a taken slot disappears from the offer', async () => {
    const solo = [utcAgent('a1')];
    const adapter = localAdapter({ agents: solo, storage: memoryStorage(), now, minNoticeHours: 0 });
    const query = { dialogueId: 'demo', agentIds: [], durationMinutes: 60, from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z', timeZone: 'UTC' };
    const before = await adapter.findSlots(query);
    expect(before.map((s) => s.start.slice(11, 16))).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    await adapter.bookMeeting(booking(before[1]));
    const after = await adapter.findSlots(query);
    expect(after.map((s) => s.start.slice(11, 16))).toEqual(['09:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    await expect(adapter.bookMeeting(booking(before[1]))).rejects.toMatchObject({ code: 'slot-taken' });
  });
});

describe('localAdapter slots across DST', () => {
  const ny: Agent = { id: 'maria', name: 'Maria', timeZone: 'America/New_York', weekly: weekdays([['09:00', '10:00']]) };
  const berlin: Agent = { id: 'olu', name: 'Olu', timeZone: 'Europe/Berlin', weekly: weekdays([['09:00', '10:00']]) };
  const adapter = localAdapter({ agents: [ny, berlin], storage: memoryStorage(), now: () => new Date('2026-01-01T00:00:00Z'), minNoticeHours: 0 });
  const starts = async (agentIds: string[], from: string, to: string) =>
    (await adapter.findSlots({ dialogueId: 'd', agentIds, durationMinutes: 30, from, to, timeZone: 'UTC' })).map((s) => s.start);

  it('New York: 09:00 local is 14:00Z before 8 March 2026 and 13:00Z after', async () => {
    expect(await starts(['maria'], '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
      '2026-03-06T14:00:00.000Z', '2026-03-06T14:30:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-09T13:30:00.000Z',
    ]);
    expect(await starts(['maria'], '2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      '2026-10-30T13:00:00.000Z', '2026-10-30T13:30:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-02T14:30:00.000Z',
    ]);
  });

  it('Berlin: 09:00 local is 08:00Z before 29 March 2026 and 07:00Z after; back on 25 October', async () => {
    expect(await starts(['olu'], '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-27T08:00:00.000Z', '2026-03-27T08:30:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-30T07:30:00.000Z',
    ]);
    expect(await starts(['olu'], '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-23T07:00:00.000Z', '2026-10-23T07:30:00.000Z', '2026-10-26T08:00:00.000Z', '2026-10-26T08:30:00.000Z',
    ]);
  });

  it('merges agents free at the same instant, in routing order', async () => {
    const late: Agent = { id: 'kenji', name: 'Kenji', timeZone: 'Europe/Berlin', weekly: weekdays([['14:00', '15:00']]) };
    const both = localAdapter({ agents: [ny, late], storage: memoryStorage(), now: () => new Date('2026-01-01T00:00:00Z'), minNoticeHours: 0 });
    // 17 March: New York already on summer time, Berlin not yet: 09:00 EDT and 14:00 CET are both 13:00Z.
    const slots = await both.findSlots({ dialogueId: 'd', agentIds: [], durationMinutes: 30, from: '2026-03-17T00:00:00Z', to: '2026-03-18T00:00:00Z', timeZone: 'UTC' });
    expect(slots).toEqual([
      { start: '2026-03-17T13:00:00.000Z', end: '2026-03-17T13:30:00.000Z', agentIds: ['maria', 'kenji'] },
      { start: '2026-03-17T13:30:00.000Z', end: '2026-03-17T14:00:00.000Z', agentIds: ['maria', 'kenji'] },
    ]);
    // 3 March: both on winter time, five hours apart again: no shared slot.
    const apart = await both.findSlots({ dialogueId: 'd', agentIds: [], durationMinutes: 30, from: '2026-03-03T00:00:00Z', to: '2026-03-04T00:00:00Z', timeZone: 'UTC' });
    expect(apart.map((s) => [s.start.slice(11, 16), s.agentIds])).toEqual([
      ['13:00', ['kenji']], ['13:30', ['kenji']], ['14:00', ['maria']], ['14:30', ['maria']],
    ]);
  });

  it('skips wall-clock times that do not exist on the spring-forward night', async () => {
    const night: Agent = { id: 'owl', name: 'Owl', timeZone: 'America/New_York', weekly: { sun: [['01:00', '04:00']] } };
    const owl = localAdapter({ agents: [night], storage: memoryStorage(), now: () => new Date('2026-01-01T00:00:00Z'), minNoticeHours: 0 });
    const slots = await owl.findSlots({ dialogueId: 'd', agentIds: [], durationMinutes: 30, from: '2026-03-08T00:00:00Z', to: '2026-03-09T00:00:00Z', timeZone: 'UTC' });
    // 01:00 and 01:30 EST, then 02:00–02:59 never happens, then 03:00 and 03:30 EDT.
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-08T06:00:00.000Z', '2026-03-08T06:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T07:30:00.000Z',
    ]);
  });
});

describe('localAdapter: agents without hours', () => {
  // Contract §2: only id and name are required; such an agent works Monday to Friday, 09:00–17:00,
  // in their own time zone (UTC when none), so a meeting card offers times instead of falling back.
  const from = '2026-03-06T00:00:00Z'; // a Friday
  const to = '2026-03-10T00:00:00Z'; // the Tuesday after
  const offer = async (agents: Agent[]) => {
    const adapter = localAdapter({ agents, storage: memoryStorage(), now: () => new Date('2026-01-01T00:00:00Z'), minNoticeHours: 0 });
    return adapter.findSlots({ dialogueId: 'd', agentIds: [], durationMinutes: 60, from, to, timeZone: 'Europe/Rome' });
  };
  const hours = (slots: Slot[]) => slots.map((s) => s.start.slice(5, 16));

  it('in the agent\'s time zone: 09:00–17:00 in Tokyo is 00:00Z–08:00Z, Friday and Monday only', async () => {
    const slots = await offer([{ id: 'yui', name: 'Yui', timeZone: 'Asia/Tokyo' }]);
    const day = (date: string) => Array.from({ length: 8 }, (_, h) => `${date}T0${h}:00`);
    expect(hours(slots)).toEqual([...day('03-06'), ...day('03-09')]);
    expect(slots.every((s) => s.agentIds.join() === 'yui')).toBe(true);
  });

  it('in UTC when the agent has no time zone either, beside an agent with hours of their own', async () => {
    const slots = await offer([{ id: 'bo', name: 'Bo' }, { id: 'al', name: 'Al', timeZone: 'UTC', weekly: { sat: [['10:00', '11:00']] } }]);
    const day = (date: string) => Array.from({ length: 8 }, (_, h) => `${date}T${String(9 + h).padStart(2, '0')}:00`);
    expect(hours(slots)).toEqual([...day('03-06'), '03-07T10:00', ...day('03-09')]);
  });

  it('an agent whose weekly hours are given but empty has none', async () => {
    expect(await offer([{ id: 'off', name: 'Off', weekly: {} }])).toEqual([]);
  });
});

describe('localAdapter minimum notice and buffer', () => {
  const agent = utcAgent('solo');
  const query = (from: string, to: string) => ({ dialogueId: 'd', agentIds: ['solo'], durationMinutes: 30, from, to, timeZone: 'UTC' });

  it('offers nothing sooner than minNoticeHours (24 by default)', async () => {
    const adapter = localAdapter({ agents: [agent], storage: memoryStorage(), now: () => new Date('2026-03-02T10:10:00Z') });
    const slots = await adapter.findSlots(query('2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z'));
    expect(slots[0].start).toBe('2026-03-03T10:30:00.000Z');
    const short = localAdapter({ agents: [agent], storage: memoryStorage(), now: () => new Date('2026-03-02T10:10:00Z'), minNoticeHours: 2 });
    expect((await short.findSlots(query('2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z')))[0].start).toBe('2026-03-02T12:30:00.000Z');
  });

  it('keeps bufferMinutes free after each meeting, booked or offered', async () => {
    const adapter = localAdapter({ agents: [agent], storage: memoryStorage(), now: () => new Date('2026-03-01T00:00:00Z'), bufferMinutes: 15 });
    await adapter.bookMeeting(booking(slotAt('2026-03-03T11:00:00Z', 30, ['solo'])));
    const slots = await adapter.findSlots(query('2026-03-03T10:00:00Z', '2026-03-03T13:00:00Z'));
    // 10:30 would end at 11:00 with no buffer before the 11:00 meeting; 11:30 falls in its buffer.
    expect(slots.map((s) => s.start.slice(11, 16))).toEqual(['10:00', '12:00', '12:30']);
  });
});

describe('localAdapter meetings() and report()', () => {
  it('lists bookings as past or upcoming', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const adapter = localAdapter({ agents: [utcAgent('a1')], storage: memoryStorage(), now: () => now, minNoticeHours: 0 });
    await adapter.bookMeeting({ ...booking(slotAt('2026-03-02T09:00:00Z', 30, ['a1'])), lead: { email: 'pat@example.com' }, dialogueId: 'pricing' });
    await adapter.bookMeeting({ ...booking(slotAt('2026-03-04T09:00:00Z', 30, ['a1'])), lead: { email: 'sam@example.com' } });
    now = new Date('2026-03-03T00:00:00Z');
    expect(adapter.meetings().map(({ id: _id, ...rest }) => rest)).toEqual([
      { leadEmail: 'pat@example.com', agent: { id: 'a1', name: 'Agent a1' }, start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T09:30:00.000Z', status: 'past', dialogueId: 'pricing' },
      { leadEmail: 'sam@example.com', agent: { id: 'a1', name: 'Agent a1' }, start: '2026-03-04T09:00:00.000Z', end: '2026-03-04T09:30:00.000Z', status: 'upcoming', dialogueId: 'demo' },
    ]);
    adapter.reset();
    expect(adapter.meetings()).toEqual([]);
  });

  it('counts a scripted set of sessions: once per visitor per session, goals and meetings each time', async () => {
    let now = new Date('2026-03-10T12:00:00Z');
    const adapter = localAdapter({ agents: [], storage: memoryStorage(), now: () => now });
    let n = 0;
    const ev = (type: ChatEvent['type'], sessionId: string, dialogueId = 'd1', extra: Partial<ChatEvent> = {}): ChatEvent =>
      ({ type, dialogueId, sessionId, visitorId: sessionId === 's2' ? 'v2' : 'v1', page: '/pricing', at: now.toISOString(), key: `k${++n}`, ...extra });
    const session1 = [ev('triggered', 's1'), ev('engaged', 's1'), ev('acquired', 's1'), ev('goal', 's1', 'd1', { goal: 'SQL' }),
      ev('goal', 's1', 'd1', { goal: 'Demo' }), ev('meeting', 's1'), ev('completed', 's1')];
    for (const event of session1) await adapter.track(event);
    // A reload in the same session: the widget re-reports with new keys, and replays a stored key.
    await adapter.track(ev('triggered', 's1'));
    await adapter.track(ev('engaged', 's1'));
    await adapter.track(session1[3]);
    await adapter.track(ev('triggered', 's2'));
    await adapter.track(ev('closed', 's2'));
    await adapter.track(ev('triggered', 's2', 'd2'));
    now = new Date('2026-03-11T09:00:00Z');
    await adapter.track(ev('triggered', 's3'));
    await adapter.track(ev('engaged', 's3'));
    expect(adapter.report()).toEqual([
      { dialogueId: 'd1', triggered: 3, engaged: 2, completed: 1, acquired: 1, meetings: 1, goals: 2, closed: 1, engagementRate: 2 / 3, conversionRate: 1 / 3 },
      { dialogueId: 'd2', triggered: 1, engaged: 0, completed: 0, acquired: 0, meetings: 0, goals: 0, closed: 0, engagementRate: 0, conversionRate: 0 },
    ]);
    // 90 days on, the first sessions are forgotten; the 11 March ones remain one more day.
    now = new Date('2026-06-09T00:00:00Z');
    expect(adapter.report()).toEqual([
      { dialogueId: 'd1', triggered: 1, engaged: 1, completed: 0, acquired: 0, meetings: 0, goals: 0, closed: 0, engagementRate: 1, conversionRate: 0 },
    ]);
    await adapter.track({ ...ev('triggered', 's9'), at: '2026-01-01T00:00:00Z' });
    expect(adapter.report()[0].triggered).toBe(1);
  });

  it('keeps field submissions once per key', async () => {
    const adapter = localAdapter({ agents: [], storage: memoryStorage() });
    const submission = { sessionId: 's1', dialogueId: 'd1', fields: { email: 'pat@example.com' }, page: '/', at: '2026-03-01T00:00:00Z', key: 'f1' };
    await adapter.submitFields(submission);
    await adapter.submitFields(submission);
    expect(adapter.fields()).toEqual([submission]);
  });
});
