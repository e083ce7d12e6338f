/** GET /slots and POST /meetings: the offer, round-robin, idempotent bookings, 409 when taken, never a double booking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, post, testServer } from './helpers.js';

const slotsQuery = (from: string, to: string, agentIds = '') =>
  `/slots?${new URLSearchParams({ dialogueId: 'demo', agentIds, durationMinutes: '30', from, to, timeZone: 'Europe/Rome' })}`;

const meeting = (key: string, start: string, agentIds = ['ana', 'ben', 'cho'], minutes = 30) => ({
  sessionId: `s-${key}`, dialogueId: 'demo', key, lead: { email: `${key}@example.com`, firstName: 'Pat' },
  slot: { start, end: new Date(Date.parse(start) + minutes * 60_000).toISOString(), agentIds },
});

describe.each(drivers)('slots and meetings on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => { server = await testServer(driver); });
  afterAll(async () => { await server?.close(); });

  it('offers each agent\'s working hours in 30-minute slots, every agent listed in routing order', async () => {
    const answer = await fetch(server.url + slotsQuery('2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z'));
    expect(answer.status).toBe(200);
    const { slots } = await answer.json() as { slots: Array<{ start: string; agentIds: string[] }> };
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({ start: '2026-12-07T09:00:00.000Z', end: '2026-12-07T09:30:00.000Z', agentIds: ['ana', 'ben', 'cho'] });
  });

  it('books round-robin, answers a repeated key with the first booking, and stops offering a full slot', async () => {
    const start = '2026-12-08T10:00:00.000Z';
    const booked = [];
    for (const key of ['b-1', 'b-2', 'b-3']) {
      const answer = await post(`${server.url}/meetings`, meeting(key, start), key);
      expect(answer.status).toBe(201);
      booked.push((await answer.json() as { booking: { agent: { id: string } } }).booking);
    }
    expect(booked.map((b) => b.agent.id)).toEqual(['ana', 'ben', 'cho']);
    const repeat = await post(`${server.url}/meetings`, meeting('b-2', start), 'b-2');
    expect(repeat.status).toBe(201);
    expect((await repeat.json() as { booking: unknown }).booking).toEqual(booked[1]);
    expect((await server.db.query("SELECT 1 FROM meetings WHERE session_id = 's-b-2'")).length).toBe(1);

    const taken = await post(`${server.url}/meetings`, meeting('b-4', start), 'b-4');
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ error: { message: expect.stringMatching(/taken/), path: '/slot' } });
    const { slots } = await (await fetch(server.url + slotsQuery('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z'))).json() as { slots: Array<{ start: string }> };
    expect(slots.map((s) => s.start)).not.toContain(start);
  });

  it('gives the next booking to the agent after the last one, skipping agents who are not free', async () => {
    // Ana is busy at 11:00 (booked for her alone); the pointer is then on Ana, so 11:00 for anyone goes to Ben.
    expect((await post(`${server.url}/meetings`, meeting('rr-1', '2026-12-08T11:00:00.000Z', ['ana']), 'rr-1')).status).toBe(201);
    const next = await post(`${server.url}/meetings`, meeting('rr-2', '2026-12-08T11:00:00.000Z'), 'rr-2');
    expect((await next.json() as { booking: { agent: { id: string } } }).booking.agent.id).toBe('ben');
  });

  it('refuses a slot that is not in the offer with 422 and stores nothing', async () => {
    const night = await post(`${server.url}/meetings`, meeting('n-1', '2026-12-08T02:00:00.000Z'), 'n-1');
    expect(night.status).toBe(422);
    expect(await night.json()).toEqual({ error: { message: expect.any(String), path: '/slot' } });
    const odd = await post(`${server.url}/meetings`, meeting('n-2', '2026-12-08T09:10:00.000Z'), 'n-2');
    expect(odd.status).toBe(422);
    expect(await server.db.query("SELECT 1 FROM meetings WHERE session_id IN ('s-n-1', 's-n-2')")).toEqual([]);
  });

  it('never double-books an agent when 60 visitors race for the same four slots', async () => {
    const starts = ['2026-12-09T09:00:00.000Z', '2026-12-09T09:30:00.000Z', '2026-12-09T10:00:00.000Z', '2026-12-09T10:30:00.000Z'];
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => post(`${server.url}/meetings`, meeting(`race-${i}`, starts[i % 4]), `race-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    const overlaps = await server.db.query(`SELECT 1 FROM meetings a JOIN meetings b ON a.agent_id = b.agent_id AND a.id < b.id AND a.during && b.during`);
    expect(overlaps).toEqual([]);
    const perAgent = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM meetings WHERE session_id LIKE 's-race-%' GROUP BY agent_id");
    expect(perAgent.map((r) => r.n)).toEqual([4, 4, 4]);
  });

  it('answers 409 from the database constraint when two bookings of one agent overlap in a way the offer did not see', async () => {
    // A 60-minute meeting over two booked-out 30-minute slots of Ana alone.
    expect((await post(`${server.url}/meetings`, meeting('o-1', '2026-12-10T09:30:00.000Z', ['ana']), 'o-1')).status).toBe(201);
    const hour = await post(`${server.url}/meetings`, meeting('o-2', '2026-12-10T09:00:00.000Z', ['ana'], 60), 'o-2');
    expect(hour.status).toBe(409);
  });

  it('lists upcoming meetings for the admin with lead email, agent name and status', async () => {
    const answer = await fetch(`${server.url}/admin/api/meetings?when=upcoming`, { headers: { Authorization: `Bearer ${server.token}` } });
    const { meetings } = await answer.json() as { meetings: Array<{ lead: { email: string }; agent: { id: string; name: string }; start: string; status: string; dialogueId: string }> };
    expect(meetings.find((m) => m.lead.email === 'b-1@example.com')).toMatchObject({
      agent: { id: 'ana', name: 'Ana' }, start: '2026-12-08T10:00:00.000Z', end: '2026-12-08T10:30:00.000Z', status: 'upcoming', dialogueId: 'demo',
    });
    expect(meetings.map((m) => m.start)).toEqual([...meetings.map((m) => m.start)].sort());
    const past = await (await fetch(`${server.url}/admin/api/meetings?when=past`, { headers: { Authorization: `Bearer ${server.token}` } })).json();
    expect(past).toEqual({ meetings: [] });
  });
});
