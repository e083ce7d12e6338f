/** POST /fields, POST /events and GET /identify: each item stored once per key, leads merged by session then email. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, eventBody, fieldsBody, post, testServer } from './helpers.js';

describe.each(drivers)('fields and events on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => { server = await testServer(driver); });
  afterAll(async () => { await server?.close(); });

  const count = async (sql: string, params: unknown[] = []) => Number((await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);

  it('stores a field submission once, answering a retry with the same key as the first time', async () => {
    const first = await post(`${server.url}/fields`, fieldsBody('f-1', { firstName: 'Ada' }), 'f-1');
    const again = await post(`${server.url}/fields`, fieldsBody('f-1', { firstName: 'Ada' }), 'f-1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.json());
    expect(await count("fields WHERE key = 'f-1'")).toBe(1);
  });

  it('stores a key once when requests carrying it race', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(`${server.url}/fields`, fieldsBody('race-1', { company: 'Acme' }, 's-race'), 'race-1')));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(await count("fields WHERE key = 'race-1'")).toBe(1);
    expect(await count("lead_sessions WHERE session_id = 's-race'")).toBe(1);
    // The requests that lost the race to create the session's lead left no empty lead behind.
    expect(await count('leads l WHERE NOT EXISTS (SELECT 1 FROM lead_sessions s WHERE s.lead_id = l.id)')).toBe(0);
  });

  it('stores each of many submissions sent at once exactly once, one lead per session, when they are written together', async () => {
    // 8 new sessions × 5 submissions, every key sent twice, all at once: the server writes them in groups.
    const bodies = Array.from({ length: 40 }, (_, i) => fieldsBody(`g-${i}`, { company: `Acme ${i}` }, `s-g${i % 8}`));
    const answers = await Promise.all([...bodies, ...bodies].map((body) => post(`${server.url}/fields`, body, body.key)));
    expect(answers.map((a) => a.status)).toEqual(Array(80).fill(200));
    expect(await count("fields WHERE key LIKE 'g-%'")).toBe(40);
    expect(await count("lead_sessions WHERE session_id LIKE 's-g%'")).toBe(8);
    const perSession = await server.db.query<{ n: number }>("SELECT count(DISTINCT lead_id)::int AS n FROM fields WHERE key LIKE 'g-%' GROUP BY session_id");
    expect(perSession.map((row) => row.n)).toEqual(Array(8).fill(1));
    expect(await count('leads l WHERE NOT EXISTS (SELECT 1 FROM lead_sessions s WHERE s.lead_id = l.id)')).toBe(0);
  });

  it('keeps one lead per session until an email arrives, then one per email across sessions', async () => {
    await post(`${server.url}/fields`, fieldsBody('m-1', { firstName: 'Grace' }, 's-m1'), 'm-1');
    await post(`${server.url}/fields`, fieldsBody('m-2', { email: 'Grace@Example.com' }, 's-m1'), 'm-2');
    // A later visit (new session) gives the same email in other case.
    await post(`${server.url}/fields`, fieldsBody('m-3', { company: 'Navy' }, 's-m2'), 'm-3');
    await post(`${server.url}/fields`, fieldsBody('m-4', { email: 'grace@example.com ' }, 's-m2'), 'm-4');
    const leads = await server.db.query<{ id: string }>("SELECT lead_id::text AS id FROM fields WHERE key IN ('m-1','m-2','m-3','m-4')");
    expect(new Set(leads.map((l) => l.id)).size).toBe(1);
    expect(await count("leads WHERE email = 'grace@example.com'")).toBe(1);
  });

  it('stores each event of a batch once by its own key, even when a batch repeats in part', async () => {
    const batch = [eventBody('e-1', 'triggered'), eventBody('e-2', 'engaged')];
    expect((await post(`${server.url}/events`, batch, 'batch-a')).status).toBe(200);
    expect((await post(`${server.url}/events`, [...batch, eventBody('e-3', 'goal', 's-1', { goal: 'demo' })], 'batch-b')).status).toBe(200);
    expect(await count("events WHERE key IN ('e-1','e-2','e-3')")).toBe(3);
    expect((await server.db.query<{ goal: string }>("SELECT goal FROM events WHERE key = 'e-3'"))[0].goal).toBe('demo');
  });

  it('recognises a returning visitor who gave an email before, and nobody else', async () => {
    // Session s-id1 of visitor v-known: its events name the visitor, its fields carry the email.
    await post(`${server.url}/events`, [eventBody('id-e1', 'triggered', 's-id1', { visitorId: 'v-known' })], 'b-id');
    await post(`${server.url}/fields`, fieldsBody('id-f1', { firstName: 'Lin' }, 's-id1'), 'id-f1');
    await post(`${server.url}/fields`, fieldsBody('id-f2', { email: 'lin@example.com' }, 's-id1'), 'id-f2');
    const known = await fetch(`${server.url}/identify?visitorId=v-known`);
    expect(known.status).toBe(200);
    expect(await known.json()).toEqual({ lead: { email: 'lin@example.com', firstName: 'Lin' } });
    const stranger = await fetch(`${server.url}/identify?visitorId=v-stranger`);
    expect(await stranger.json()).toEqual({ lead: null });
  });

  it('recognises a visitor named in the field submission itself', async () => {
    await post(`${server.url}/fields`, fieldsBody('vf-1', { email: 'max@example.com' }, 's-vf', { visitorId: 'v-direct' }), 'vf-1');
    expect(await (await fetch(`${server.url}/identify?visitorId=v-direct`)).json()).toEqual({ lead: { email: 'max@example.com' } });
  });

  it('lists leads for the admin: the latest value of each field, searchable, a page at a time', async () => {
    await post(`${server.url}/fields`, fieldsBody('ls-1', { firstName: 'Old' }, 's-ls', { at: '2026-12-06T09:00:00.000Z' }), 'ls-1');
    await post(`${server.url}/fields`, fieldsBody('ls-2', { firstName: 'Ida', email: 'ida@example.com' }, 's-ls'), 'ls-2');
    const admin = (query: string) => fetch(`${server.url}/admin/api/leads${query}`, { headers: { Authorization: `Bearer ${server.token}` } }).then((a) => a.json());
    expect(await admin('?q=IDA@')).toEqual({
      leads: [{ email: 'ida@example.com', fields: { firstName: 'Ida', email: 'ida@example.com' }, firstSeen: expect.any(String), lastSeen: expect.any(String), meetings: 0 }],
    });
    const all = await admin('') as { leads: unknown[]; next?: string };
    expect(all.leads.length).toBeGreaterThan(3);
    expect(all.next).toBeUndefined();
    expect((await fetch(`${server.url}/admin/api/leads`)).status).toBe(401);
  });
});
