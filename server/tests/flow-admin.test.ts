/** GET /flow.json (ETag, private agent details stripped) and the admin API: publish, versions, restore, report, meetings, queue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, eventBody, post, testFlow, testServer } from './helpers.js';

describe.each(drivers)('flow and admin API on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => { server = await testServer(driver); });
  afterAll(async () => { await server?.close(); });

  const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, {
    ...init, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...init.headers },
  });

  it('serves the published flow with an ETag, a 304 for a matching If-None-Match, and agents reduced to id, name and avatar', async () => {
    const first = await fetch(`${server.url}/flow.json`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = first.headers.get('etag')!;
    const flow = await first.json() as { agents: unknown[]; dialogues: unknown[] };
    expect(flow.agents).toEqual([{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben', avatarUrl: 'https://example.com/ben.png' }, { id: 'cho', name: 'Cho' }]);
    expect(JSON.stringify(flow)).not.toContain('ana@example.com');
    const cached = await fetch(`${server.url}/flow.json`, { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
  });

  it('refuses the admin API without the token', async () => {
    expect((await fetch(`${server.url}/admin/api/flows`)).status).toBe(401);
    expect((await fetch(`${server.url}/admin/api/flows`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('publishes a valid flow as a new version, refuses an invalid one with every error, and restores an old version', async () => {
    const bad = await admin('/flow', { method: 'PUT', body: JSON.stringify({ version: 1, dialogues: [{ id: 'x', start: 'nope', cards: {} }] }) });
    expect(bad.status).toBe(422);
    const { errors } = await bad.json() as { errors: Array<{ path: string; message: string }> };
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ path: '/dialogues/0/start', message: expect.any(String) });

    const before = (await fetch(`${server.url}/flow.json`)).headers.get('etag');
    const changed = { ...testFlow, settings: { ...(testFlow.settings as object), botName: 'Bo' } };
    const put = await admin('/flow', { method: 'PUT', body: JSON.stringify(changed) });
    expect(put.status).toBe(200);
    const { version } = await put.json() as { version: number };
    expect(version).toBe(2);
    const now = await fetch(`${server.url}/flow.json`, { headers: { 'If-None-Match': before! } });
    expect(now.status).toBe(200);
    expect((await now.json() as { settings: { botName: string } }).settings.botName).toBe('Bo');

    const restored = await admin('/flows/1/restore', { method: 'POST' });
    expect(await restored.json()).toEqual({ version: 3 });
    const served = await fetch(`${server.url}/flow.json`);
    expect((await served.json() as { settings: { botName: string } }).settings.botName).toBe('Ava');
    expect(served.headers.get('etag')).toBe(before);
    const { flows } = await (await admin('/flows')).json() as { flows: Array<{ version: number; restoredFrom: number | null }> };
    expect(flows.map((f) => [f.version, f.restoredFrom])).toEqual([[3, 1], [2, null], [1, null]]);
    expect((await admin('/flows/99/restore', { method: 'POST' })).status).toBe(404);
  });

  it('refuses to restore a version that no longer validates with its errors (422), as a publish does', async () => {
    // A version stored under older rules that today's validation rejects.
    const [{ version }] = await server.db.query<{ version: number }>(
      `INSERT INTO flows (doc, etag) VALUES ($1::jsonb, 'old') RETURNING version`, [JSON.stringify({ version: 1, dialogues: [{ id: 'x', start: 'nope', cards: {} }] })]);
    const answer = await admin(`/flows/${version}/restore`, { method: 'POST' });
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { errors: Array<{ path: string }> }).errors[0]).toMatchObject({ path: '/dialogues/0/start', message: expect.any(String) });
    await server.db.query('DELETE FROM flows WHERE version = $1', [version]);
  });

  it('reports per dialogue and per day with the engine\'s counting (once per session, goals each time)', async () => {
    await post(`${server.url}/events`, [
      eventBody('r-1', 'triggered', 'rs-1'), eventBody('r-1b', 'triggered', 'rs-1'), eventBody('r-2', 'engaged', 'rs-1'),
      eventBody('r-3', 'goal', 'rs-1', { goal: 'g' }), eventBody('r-4', 'goal', 'rs-1', { goal: 'g' }),
      eventBody('r-5', 'triggered', 'rs-2', { at: '2026-12-05T09:00:00.000Z' }),
    ]);
    const answer = await admin('/report?days=90');
    expect(answer.status).toBe(200);
    const report = await answer.json() as { dialogues: Array<Record<string, unknown>>; daily: Array<Record<string, unknown>> };
    expect(report.dialogues).toEqual([expect.objectContaining({ dialogueId: 'demo', triggered: 2, engaged: 1, goals: 2, engagementRate: 0.5 })]);
    expect(report.daily).toEqual([
      { day: '2026-12-05', dialogueId: 'demo', triggered: 1, engaged: 0, completed: 0, acquired: 0, meetings: 0, goals: 0 },
      { day: '2026-12-06', dialogueId: 'demo', triggered: 1, engaged: 1, completed: 0, acquired: 0, meetings: 0, goals: 2 },
    ]);
    expect((await admin('/report?days=365')).status).toBe(400);
  });

  it('deletes events older than 90 days by itself', async () => {
    await post(`${server.url}/events`, [eventBody('old-1', 'triggered', 'os-1', { at: '2026-08-01T00:00:00.000Z' })]);
    const { deleteEventsBefore } = await import('../src/db/events.js');
    expect(await deleteEventsBefore(server.db, 90, new Date('2026-12-07T00:00:00Z'))).toBe(1);
    expect(await server.db.query("SELECT 1 FROM events WHERE key = 'old-1'")).toEqual([]);
  });

  it('lists the queue in routing order with who is next', async () => {
    const { agents } = await (await admin('/queue')).json() as { agents: Array<{ id: string; next: boolean; calendar: { ok: boolean } }> };
    expect(agents.map((a) => a.id)).toEqual(['ana', 'ben', 'cho']);
    expect(agents.filter((a) => a.next).map((a) => a.id)).toEqual(['ana']);
    expect(agents.every((a) => a.calendar.ok)).toBe(true);
  });
});
