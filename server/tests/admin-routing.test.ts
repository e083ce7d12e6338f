/** Admin routing: the queue shows who the next booking goes to, and it does, after a reorder and with an agent paused; calendar health; bad changes refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, post, testServer } from './helpers.js';

interface QueueAgent { id: string; name: string; next: boolean; paused: boolean; lastBookedAt: string | null; calendar: { ok: boolean; fetchedAt: string | null; error?: string } }

describe.each(drivers)('admin routing on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, {
    ...init, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const queue = async () => (await (await admin('/queue')).json() as { agents: QueueAgent[] }).agents;
  const shownNext = async () => (await queue()).filter((a) => a.next).map((a) => a.id);
  let slot = Date.parse('2026-12-08T09:00:00.000Z');
  /** Books the next half hour (every agent free then) and returns who got it. */
  const book = async () => {
    const start = new Date(slot).toISOString();
    slot += 30 * 60_000;
    const answer = await post(`${server.url}/meetings`, {
      sessionId: `s-${start}`, dialogueId: 'demo', key: `k-${start}`, lead: { email: 'pat@example.com' },
      slot: { start, end: new Date(slot).toISOString(), agentIds: ['ana', 'ben', 'cho'] },
    }, `k-${start}`);
    expect(answer.status).toBe(201);
    return (await answer.json() as { booking: { agent: { id: string } } }).booking.agent.id;
  };

  beforeAll(async () => {
    server = await testServer(driver, {
      agents: [{ id: 'ben', name: 'Ben', timeZone: 'UTC', calendarUrl: 'https://calendar.example/ben.ics' }],
      calendars: { fetch: async () => new Response('down', { status: 503 }) },
    });
  });
  afterAll(async () => { await server?.close(); });

  it('lists the agents in the flow\'s order at first, the first one next, none paused', async () => {
    const agents = await queue();
    expect(agents.map((a) => [a.id, a.name, a.next, a.paused, a.lastBookedAt])).toEqual([
      ['ana', 'Ana', true, false, null], ['ben', 'Ben', false, false, null], ['cho', 'Cho', false, false, null],
    ]);
  });

  it('reorders the agents: the queue follows, and each booking goes to the agent it showed as next', async () => {
    const answer = await admin('/queue', { method: 'PUT', body: JSON.stringify({ order: ['cho', 'ana', 'ben'] }) });
    expect(answer.status).toBe(200);
    expect((await answer.json() as { agents: QueueAgent[] }).agents.map((a) => a.id)).toEqual(['cho', 'ana', 'ben']);
    const got: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [next] = await shownNext();
      const agent = await book();
      expect(agent).toBe(next);
      got.push(agent);
    }
    expect(got).toEqual(['cho', 'ana', 'ben', 'cho']);
    const agents = await queue();
    expect(agents.find((a) => a.id === 'cho')!.lastBookedAt).toEqual(expect.any(String));
    // The offer lists agents in routing order too.
    const { slots } = await (await fetch(`${server.url}/slots?${new URLSearchParams({ dialogueId: 'demo', agentIds: '', durationMinutes: '30', from: '2026-12-10T09:00:00Z', to: '2026-12-10T09:30:00Z', timeZone: 'UTC' })}`)).json() as { slots: Array<{ agentIds: string[] }> };
    expect(slots[0].agentIds).toEqual(['cho', 'ana', 'ben']);
  });

  it('pauses an agent: no offer and no booking for them, the queue skips them as the booking does; resuming brings them back', async () => {
    const paused = await admin('/agents/ana', { method: 'PATCH', body: JSON.stringify({ paused: true }) });
    expect(paused.status).toBe(200);
    const agents = (await paused.json() as { agents: QueueAgent[] }).agents;
    expect(agents.find((a) => a.id === 'ana')).toMatchObject({ paused: true, next: false });
    // Cho took the last booking; Ana, after Cho, is paused, so Ben is next.
    expect(agents.filter((a) => a.next).map((a) => a.id)).toEqual(['ben']);
    const { slots } = await (await fetch(`${server.url}/slots?${new URLSearchParams({ dialogueId: 'demo', agentIds: '', durationMinutes: '30', from: '2026-12-10T09:00:00Z', to: '2026-12-10T09:30:00Z', timeZone: 'UTC' })}`)).json() as { slots: Array<{ agentIds: string[] }> };
    expect(slots[0].agentIds).toEqual(['cho', 'ben']);
    for (let i = 0; i < 3; i++) {
      const [next] = await shownNext();
      expect(next).not.toBe('ana');
      expect(await book()).toBe(next);
    }
    const anaOnly = await post(`${server.url}/meetings`, {
      sessionId: 's-ana', dialogueId: 'demo', key: 'k-ana', lead: {}, slot: { start: '2026-12-11T09:00:00.000Z', end: '2026-12-11T09:30:00.000Z', agentIds: ['ana'] },
    }, 'k-ana');
    expect(anaOnly.status).toBe(422);
    await admin('/agents/ana', { method: 'PATCH', body: JSON.stringify({ paused: false }) });
    const [next] = await shownNext();
    expect(await book()).toBe(next);
  });

  it('shows each agent\'s calendar health: a failing feed with its error, agents without a feed healthy', async () => {
    let ben: QueueAgent | undefined;
    for (let i = 0; i < 50 && !ben?.calendar.error; i++) {
      ben = (await queue()).find((a) => a.id === 'ben');
      if (!ben?.calendar.error) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(ben!.calendar).toEqual({ ok: false, fetchedAt: null, error: 'HTTP 503' });
    expect((await queue()).find((a) => a.id === 'ana')!.calendar).toEqual({ ok: true, fetchedAt: null });
  });

  it.each([
    ['an unknown agent', { order: ['cho', 'zed', 'ben'] }, '/order/1'],
    ['an agent twice', { order: ['cho', 'ana', 'cho', 'ben'] }, '/order/2'],
    ['a missing agent', { order: ['cho', 'ana'] }, '/order'],
    ['not a list', { order: 'cho,ana,ben' }, '/order'],
    ['an id that is not text', { order: ['cho', 5, 'ben'] }, '/order/1'],
    ['an unknown field', { order: ['cho', 'ana', 'ben'], next: 'ana' }, '/next'],
  ])('refuses an order with %s and keeps the old one', async (_name, body, path) => {
    const answer = await admin('/queue', { method: 'PUT', body: JSON.stringify(body) });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: { message: expect.any(String), path } });
    expect((await queue()).map((a) => a.id)).toEqual(['cho', 'ana', 'ben']);
  });

  it('refuses to pause an unknown agent (404) or with something other than true/false (400)', async () => {
    const unknown = await admin('/agents/zed', { method: 'PATCH', body: JSON.stringify({ paused: true }) });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { message: expect.any(String), path: '/id' } });
    const bad = await admin('/agents/ana', { method: 'PATCH', body: JSON.stringify({ paused: 'yes' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { message: expect.any(String), path: '/paused' } });
  });
});
