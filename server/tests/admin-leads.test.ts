/** Admin leads: search and keyset pages, one lead in full, CSV export (escaping, formula-like cells), erasing a person everywhere. */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, eventBody, fieldsBody, post, testServer } from './helpers.js';

describe.each(drivers)('admin leads on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, { ...init, headers: { Authorization: `Bearer ${server.token}`, ...init.headers } });
  const json = async <T>(path: string, init?: RequestInit) => (await (await admin(path, init)).json()) as T;
  const slotsAt = async (day: string) => (await (await fetch(`${server.url}/slots?${new URLSearchParams({ dialogueId: 'demo', agentIds: 'ana', durationMinutes: '30', from: `${day}T00:00:00Z`, to: `${day}T23:59:00Z`, timeZone: 'UTC' })}`)).json() as { slots: Array<{ start: string }> }).slots.map((s) => s.start);

  beforeAll(async () => {
    server = await testServer(driver);
    // Ada: answers before her email, then her email, a goal and a meeting; later an anonymous session in the same browser.
    const fields = (key: string, f: Record<string, string>, session: string, at: string, extra = {}) => post(`${server.url}/fields`, fieldsBody(key, f, session, { at, ...extra }), key);
    await fields('a-1', { firstName: 'Ada', company: '=HYPERLINK("http://evil.example","x")' }, 's-ada', '2026-12-06T10:00:00.000Z', { page: 'https://shop.example/pricing?who=ada' });
    await fields('a-2', { email: 'Ada@Example.com' }, 's-ada', '2026-12-06T10:01:00.000Z', { visitorId: 'v-ada' });
    await fields('a-3', { firstName: 'Ada L.' }, 's-ada', '2026-12-06T10:02:00.000Z');
    await post(`${server.url}/events`, [
      eventBody('s-ada:demo:triggered', 'triggered', 's-ada', { visitorId: 'v-ada' }), eventBody('s-ada:demo:acquired', 'acquired', 's-ada', { visitorId: 'v-ada' }),
      eventBody('g-ada', 'goal', 's-ada', { visitorId: 'v-ada', goal: 'demo-booked' }),
      eventBody('s-ada2:demo:triggered', 'triggered', 's-ada2', { visitorId: 'v-ada' }),
    ]);
    await fields('a-4', { note: 'came back' }, 's-ada2', '2026-12-06T11:00:00.000Z');
    const booked = await post(`${server.url}/meetings`, {
      sessionId: 's-ada', dialogueId: 'demo', key: 'm-ada', lead: { email: 'ada@example.com' },
      slot: { start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T09:30:00.000Z', agentIds: ['ana'] },
    }, 'm-ada');
    expect(booked.status).toBe(201);
    // Bob: values a spreadsheet would run, quotes, commas and a line break.
    await fields('b-1', { email: 'bob@example.com', firstName: 'Bob', note: '+1 555 0100', plan: '-2', tag: '@SUM(A1)', quote: 'say "hi", then\nleave', tab: '\tx' }, 's-bob', '2026-12-06T12:00:00.000Z');
  });
  afterAll(async () => { await server?.close(); });

  it('searches by email or by name, ignoring case', async () => {
    const byEmail = await json<{ leads: Array<{ email: string }> }>('/leads?q=ADA@EXAMPLE');
    expect(byEmail.leads.map((l) => l.email)).toEqual(['ada@example.com']);
    const byName = await json<{ leads: Array<{ email: string; fields: Record<string, string>; meetings: number }> }>('/leads?q=bob');
    expect(byName.leads).toEqual([expect.objectContaining({ email: 'bob@example.com', meetings: 0, fields: expect.objectContaining({ firstName: 'Bob' }) })]);
    expect((await json<{ leads: unknown[] }>('/leads?q=nobody-has-this')).leads).toEqual([]);
  });

  it('shows one lead in full: every value with when, page and dialogue, the meetings and the goals', async () => {
    const answer = await admin(`/leads/${encodeURIComponent('ADA@example.com')}`);
    expect(answer.status).toBe(200);
    const { lead } = await answer.json() as { lead: Record<string, unknown> & { history: unknown[] } };
    expect(lead).toMatchObject({ email: 'ada@example.com', fields: { firstName: 'Ada L.', email: 'Ada@Example.com', company: expect.any(String) } });
    expect(lead.history[0]).toEqual({ field: 'company', value: '=HYPERLINK("http://evil.example","x")', at: '2026-12-06T10:00:00.000Z', page: 'https://shop.example/pricing?who=ada', dialogueId: 'demo' });
    expect(lead.history).toContainEqual({ field: 'firstName', value: 'Ada L.', at: '2026-12-06T10:02:00.000Z', page: 'https://shop.example/pricing', dialogueId: 'demo' });
    expect(lead.meetings).toEqual([{
      id: expect.any(String), lead: { email: 'ada@example.com' }, agent: { id: 'ana', name: 'Ana', timeZone: 'UTC' },
      start: '2026-12-08T09:00:00.000Z', end: '2026-12-08T09:30:00.000Z', dialogueId: 'demo', status: 'upcoming',
    }]);
    expect(lead.goals).toEqual([{ goal: 'demo-booked', dialogueId: 'demo', page: 'https://shop.example/pricing', at: '2026-12-06T10:00:00.000Z' }]);
  });

  it('answers 404 for an unknown email and 400 for something that is not one', async () => {
    for (const method of ['GET', 'DELETE']) {
      const unknown = await admin('/leads/nobody%40example.com', { method });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { message: expect.any(String), path: '/email' } });
      const bad = await admin('/leads/not-an-email', { method });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { message: expect.any(String), path: '/email' } });
    }
  });

  it('exports every lead as CSV, a column per field, quotes escaped and formula-like cells neutralised', async () => {
    const answer = await admin('/leads.csv');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="leads.csv"');
    const rows = parse(await answer.text(), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['email', 'firstSeen', 'lastSeen', 'meetings', 'company', 'firstName', 'note', 'plan', 'quote', 'tab', 'tag']);
    const ada = rows.find((r) => r.email === 'ada@example.com')!;
    expect(ada).toMatchObject({ firstName: 'Ada L.', company: '\'=HYPERLINK("http://evil.example","x")', meetings: '1', note: '' });
    const bob = rows.find((r) => r.email === 'bob@example.com')!;
    expect(bob).toMatchObject({ note: "'+1 555 0100", plan: "'-2", tag: "'@SUM(A1)", tab: "'\tx", quote: 'say "hi", then\nleave' });
    // The anonymous lead of Ada's later session is a row too, without an email.
    expect(rows.find((r) => r.note === 'came back')).toMatchObject({ email: '' });
  });

  it('erases a person everywhere: fields, meetings (the slot is offered again), sessions, browser links, the events\' personal parts; the report\'s counts stay', async () => {
    const reportBefore = await json<{ dialogues: unknown[] }>('/report?days=90');
    expect(await slotsAt('2026-12-08')).not.toContain('2026-12-08T09:00:00.000Z');

    const answer = await admin(`/leads/${encodeURIComponent('ada@example.com')}`, { method: 'DELETE' });
    expect(answer.status).toBe(200);
    // The invitation and the agent's notice of Ada's booking were still queued (no SMTP_URL here); her upcoming meeting is cancelled first.
    expect(await answer.json()).toEqual({ erased: { emails: 2, webhooks: 0, cancelled: 1, meetings: 1, fields: 4, events: 4, sessions: 2, visitors: 1, leads: 2 } });
    // Ada is told: the cancellation (the invitation's UID, METHOD:CANCEL) is the one thing left queued, and it survives the lead's deletion.
    const queued = await server.db.query<{ type: string; payload: string }>("SELECT type, payload FROM outbox WHERE state = 'queued'");
    expect(queued.map((row) => [row.type, (JSON.parse(row.payload) as { to: string }).to])).toEqual([['cancellation', 'ada@example.com']]);

    const everything = JSON.stringify(await Promise.all(['leads', 'fields', 'meetings', 'events', 'lead_sessions', 'lead_visitors', 'session_visitors', 'idempotency']
      .map((table) => server.db.query(`SELECT * FROM ${table}`)).concat(server.db.query("SELECT * FROM outbox WHERE type <> 'cancellation'"))));
    // Not a bare "ada": salted hashes are hex and may hold those letters.
    for (const trace of ['ada@', 'Ada', 's-ada', 'v-ada', 'who=', 'HYPERLINK', 'came back']) expect(everything).not.toContain(trace);
    expect(everything).toContain('bob@example.com');
    expect(await json('/report?days=90')).toEqual(await Promise.resolve(reportBefore));
    expect(await slotsAt('2026-12-08')).toContain('2026-12-08T09:00:00.000Z');
    expect((await admin('/leads/ada%40example.com')).status).toBe(404);
    expect((await admin('/leads/ada%40example.com', { method: 'DELETE' })).status).toBe(404);
  });

  it('erasing one person leaves another who used the same browser intact', async () => {
    const fields = (key: string, f: Record<string, string>, session: string) => post(`${server.url}/fields`, fieldsBody(key, f, session, { visitorId: 'v-shared' }), key);
    await fields('sh-a', { email: 'amy@example.com' }, 's-amy');
    await post(`${server.url}/events`, [eventBody('g-amy', 'goal', 's-amy', { visitorId: 'v-shared', goal: 'amy-goal' })]);
    await fields('sh-b', { email: 'ben@example.com', firstName: 'Ben' }, 's-ben');
    await post(`${server.url}/events`, [eventBody('g-ben', 'goal', 's-ben', { visitorId: 'v-shared', goal: 'ben-goal' })]);
    expect((await admin(`/leads/${encodeURIComponent('amy@example.com')}`, { method: 'DELETE' })).status).toBe(200);
    expect(await (await fetch(`${server.url}/identify?visitorId=v-shared`)).json()).toEqual({ lead: { email: 'ben@example.com', firstName: 'Ben' } });
    const { lead } = await json<{ lead: { goals: Array<{ goal: string; page: string }> } }>(`/leads/${encodeURIComponent('ben@example.com')}`);
    expect(lead.goals).toEqual([expect.objectContaining({ goal: 'ben-goal', page: 'https://shop.example/pricing' })]);
  });

  it('pages through many leads with a keyset cursor, and refuses a bad cursor', async () => {
    await server.db.query("INSERT INTO leads (email) SELECT 'p' || g || '@many.example' FROM generate_series(1, 150) g");
    const first = await json<{ leads: Array<{ email: string }>; next?: string }>('/leads?q=many.example');
    expect(first.leads).toHaveLength(100);
    expect(first.leads[0].email).toBe('p150@many.example');
    const second = await json<{ leads: Array<{ email: string }>; next?: string }>(`/leads?q=many.example&cursor=${first.next}`);
    expect(second.leads).toHaveLength(50);
    expect(second.next).toBeUndefined();
    expect(new Set([...first.leads, ...second.leads].map((l) => l.email)).size).toBe(150);
    for (const cursor of ['abc', '-1', '1e9', '99999999999999999999']) {
      const bad = await admin(`/leads?cursor=${cursor}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { message: expect.any(String), path: '/query/cursor' } });
    }
  });
});
