/** Admin meetings: upcoming and past in pages, held / no-show once ended, cancelling before the start frees the slot; wrong transitions refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, NOW, post, testServer } from './helpers.js';

interface Meeting { id: string; lead: { email: string }; agent: { id: string; name: string; timeZone: string }; start: string; end: string; dialogueId: string; status: string }

describe.each(drivers)('admin meetings on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let clock = NOW;
  const ids: Record<string, string> = {};
  const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, {
    ...init, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const patch = (id: string, body: unknown) => admin(`/meetings/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
  const book = async (key: string, start: string) => {
    const answer = await post(`${server.url}/meetings`, {
      sessionId: `s-${key}`, dialogueId: 'demo', key, lead: { email: `${key}@example.com` },
      slot: { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), agentIds: ['ana'] },
    }, key);
    expect(answer.status).toBe(201);
    return (await answer.json() as { booking: { id: string } }).booking.id;
  };
  const anaSlots = async (day: string) => (await (await fetch(`${server.url}/slots?${new URLSearchParams({ dialogueId: 'demo', agentIds: 'ana', durationMinutes: '30', from: `${day}T00:00:00Z`, to: `${day}T23:59:00Z`, timeZone: 'UTC' })}`)).json() as { slots: Array<{ start: string }> }).slots.map((s) => s.start);

  beforeAll(async () => {
    server = await testServer(driver, { now: () => clock });
    ids.first = await book('first', '2026-12-08T09:00:00.000Z');
    ids.second = await book('second', '2026-12-08T10:00:00.000Z');
    ids.later = await book('later', '2026-12-09T09:00:00.000Z');
  });
  afterAll(async () => { await server?.close(); });

  it('lists upcoming meetings soonest first with the lead, the agent and the agent\'s time zone', async () => {
    const { meetings, next } = await (await admin('/meetings?when=upcoming')).json() as { meetings: Meeting[]; next?: string };
    expect(next).toBeUndefined();
    expect(meetings.map((m) => m.id)).toEqual([ids.first, ids.second, ids.later]);
    expect(meetings[0]).toEqual({
      id: ids.first, lead: { email: 'first@example.com' }, agent: { id: 'ana', name: 'Ana', timeZone: 'UTC' },
      start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T09:30:00.000Z', dialogueId: 'demo', status: 'upcoming',
    });
  });

  it('refuses to mark a meeting held or no-show before it has ended', async () => {
    for (const status of ['held', 'no-show']) {
      const answer = await patch(ids.later, { status });
      expect(answer.status).toBe(409);
      expect(await answer.json()).toEqual({ error: { message: expect.stringMatching(/ended/), path: '/status' } });
    }
  });

  it('cancels an upcoming meeting: the slot is offered again and can be booked; cancelling twice changes nothing', async () => {
    expect(await anaSlots('2026-12-09')).not.toContain('2026-12-09T09:00:00.000Z');
    const answer = await patch(ids.later, { status: 'cancelled' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ meeting: expect.objectContaining({ id: ids.later, status: 'cancelled' }) });
    expect(await anaSlots('2026-12-09')).toContain('2026-12-09T09:00:00.000Z');
    expect((await patch(ids.later, { status: 'cancelled' })).status).toBe(200);
    const held = await patch(ids.later, { status: 'held' });
    expect(held.status).toBe(409);
    ids.rebooked = await book('rebooked', '2026-12-09T09:00:00.000Z');
  });

  it('shows ended meetings as past, latest first, held until marked; marks one no-show and refuses to cancel it', async () => {
    clock = new Date('2026-12-08T12:00:00.000Z');
    const { meetings } = await (await admin('/meetings?when=past')).json() as { meetings: Meeting[] };
    expect(meetings.map((m) => [m.id, m.status])).toEqual([[ids.second, 'held'], [ids.first, 'held']]);
    const marked = await patch(ids.first, { status: 'no-show' });
    expect(marked.status).toBe(200);
    expect((await marked.json() as { meeting: Meeting }).meeting.status).toBe('no-show');
    const cancel = await patch(ids.first, { status: 'cancelled' });
    expect(cancel.status).toBe(409);
    expect(await cancel.json()).toEqual({ error: { message: expect.stringMatching(/not started/), path: '/status' } });
    expect((await patch(ids.first, { status: 'held' })).status).toBe(200);
    const upcoming = await (await admin('/meetings?when=upcoming')).json() as { meetings: Meeting[] };
    expect(upcoming.meetings.map((m) => [m.id, m.status])).toEqual([[ids.later, 'cancelled'], [ids.rebooked, 'upcoming']].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    clock = NOW;
  });

  it.each([
    ['a status that is not one', { status: 'done' }, 400, '/status'],
    ['an unknown field', { status: 'held', note: 'x' }, 400, '/note'],
    ['no status', {}, 400, '/status'],
  ])('refuses %s', async (_name, body, status, path) => {
    const answer = await patch(ids.first, body);
    expect(answer.status).toBe(status);
    expect(await answer.json()).toEqual({ error: { message: expect.any(String), path } });
  });

  it('answers 404 for an unknown meeting, 400 for a bad `when` or cursor', async () => {
    const unknown = await patch('no-such-meeting', { status: 'held' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: expect.any(String), path: '/id' } });
    expect((await admin('/meetings?when=soon')).status).toBe(400);
    for (const cursor of ['zzz', Buffer.from('["yesterday","x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const bad = await admin(`/meetings?when=upcoming&cursor=${cursor}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { message: expect.any(String), path: '/query/cursor' } });
    }
  });

  it('pages through many meetings with a keyset cursor, none twice, none missed', async () => {
    await server.db.query(
      `INSERT INTO meetings (id, agent_id, during, session_id, dialogue_id, lead_email)
       SELECT 'bulk-' || g, 'agent-' || (g % 7), tstzrange('2027-01-01'::timestamptz + g * interval '1 hour', '2027-01-01'::timestamptz + g * interval '1 hour' + interval '30 minutes'),
              's-bulk', 'demo', 'bulk@example.com' FROM generate_series(1, 120) g`);
    const seen: Meeting[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await (await admin(`/meetings?when=upcoming${cursor ? `&cursor=${cursor}` : ''}`)).json() as { meetings: Meeting[]; next?: string };
      seen.push(...answer.meetings);
      cursor = answer.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(124);
    expect(new Set(seen.map((m) => m.id)).size).toBe(124);
    expect(seen.map((m) => m.start)).toEqual([...seen.map((m) => m.start)].sort());
    expect(seen.at(-1)).toMatchObject({ id: 'bulk-120', agent: { id: 'agent-1', name: 'agent-1', timeZone: 'UTC' } });
  });
});
