/** Webhooks: subscriptions, signed deliveries through failures and hangs, per-lead order, giving up, redelivery, restarts and two instances. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimOutbox, deleteOutboxBefore, insertOutbox } from '../src/db/outbox.js';
import { startServer, type RunningServer } from '../src/server.js';
import { drivers, eventBody, fieldsBody, freshDatabase, NOW, post, testFlow, testServer } from './helpers.js';
import { startReceiver, until, type Receiver } from './receiver.js';

/** Backoff, timeouts and the 24-hour window shrunk so a test takes seconds. */
const FAST = { intervalMs: 50, timeoutMs: 1500, baseDelayMs: 40, maxDelayMs: 200, giveUpAfterMs: 4000 };
const SECRET = 'whsec-test-secret';
const ALL = ['lead.captured', 'meeting.booked', 'meeting.cancelled', 'dialogue.goal', 'dialogue.completed'];

const admin = (server: { url: string; token: string }, path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/admin/api${path}`, { ...init, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...init.headers } });

async function subscribe(server: { url: string; token: string }, url: string, events = ALL): Promise<string> {
  const answer = await admin(server, '/webhooks', { method: 'POST', body: JSON.stringify({ url, secret: SECRET, events }) });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

const meeting = (key: string, sessionId: string, start: string, email: string) => ({
  sessionId, dialogueId: 'demo', key, lead: { email, firstName: 'Pat' },
  slot: { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), agentIds: ['ana'] },
});

describe.each(drivers)('webhooks on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const receivers: Receiver[] = [];
  beforeAll(async () => { server = await testServer(driver, { delivery: FAST }); });
  afterAll(async () => { await server?.close(); });
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    await server.db.query('DELETE FROM webhooks');
  });

  it('validates subscriptions with a path, lists them without the secret, and deletes them', async () => {
    const bad = async (body: unknown, path: string) => {
      const answer = await admin(server, '/webhooks', { method: 'POST', body: JSON.stringify(body) });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { path: string } }).error.path).toBe(path);
    };
    await bad({ url: 'ftp://crm.example/hook', secret: SECRET, events: ALL }, '/url');
    await bad({ url: 'not a url', secret: SECRET, events: ALL }, '/url');
    await bad({ url: 'https://crm.example/hook', secret: SECRET, events: ['lead.captured', 'lead.deleted'] }, '/events/1');
    await bad({ url: 'https://crm.example/hook', secret: SECRET, events: [] }, '/events');
    await bad({ url: 'https://crm.example/hook', secret: 'short', events: ALL }, '/secret');
    expect((await fetch(`${server.url}/admin/api/webhooks`)).status).toBe(401);
    const id = await subscribe(server, 'https://crm.example/hook', ['lead.captured']);
    const list = await (await admin(server, '/webhooks')).json();
    expect(list).toEqual({ webhooks: [{ id, url: 'https://crm.example/hook', events: ['lead.captured'], createdAt: expect.any(String), queued: 0, givenUp: 0 }] });
    expect(JSON.stringify(list)).not.toContain(SECRET);
    expect((await admin(server, `/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin(server, `/webhooks/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('delivers every event, signed, through a failure and a hang, one lead\'s events in order', async () => {
    // Each event: the first attempt gets a 500, the second no answer at all, the third a 200.
    const receiver = await startReceiver(SECRET, (_id, attempt) => (attempt === 1 ? 'fail' : attempt === 2 ? 'hang' : 'ok'));
    receivers.push(receiver);
    await subscribe(server, receiver.url);
    expect((await post(`${server.url}/fields`, fieldsBody('w-f1', { email: 'Pat@Example.com', firstName: 'Pat' }, 's-w1'), 'w-f1')).status).toBe(200);
    const events = [eventBody('w-e1', 'triggered', 's-w1'), eventBody('w-e2', 'goal', 's-w1', { goal: 'pricing' }), eventBody('w-e3', 'completed', 's-w1')];
    expect((await post(`${server.url}/events`, events)).status).toBe(200);
    const booked = await post(`${server.url}/meetings`, meeting('w-m1', 's-w1', '2026-12-08T13:00:00.000Z', 'pat@example.com'), 'w-m1');
    expect(booked.status).toBe(201);
    const { booking } = (await booked.json()) as { booking: { id: string } };
    expect((await admin(server, `/meetings/${booking.id}`, { method: 'PATCH', body: JSON.stringify({ status: 'cancelled' }) })).status).toBe(200);

    await until(() => receiver.delivered().length >= 5, 'five events delivered');
    const delivered = receiver.delivered();
    expect(delivered.map((r) => r.type)).toEqual(['lead.captured', 'dialogue.goal', 'dialogue.completed', 'meeting.booked', 'meeting.cancelled']);
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    for (const { id } of delivered) expect(receiver.received.filter((r) => r.id === id).map((r) => r.answer)).toEqual(['fail', 'hang', 'ok']);
    const bookedEvent = JSON.parse(delivered[3].body) as Record<string, unknown>;
    expect(Object.keys(bookedEvent).sort()).toEqual(['at', 'data', 'id', 'type']);
    expect(bookedEvent.data).toMatchObject({
      meeting: { id: booking.id, start: '2026-12-08T13:00:00.000Z', agent: { id: 'ana', name: 'Ana' }, dialogueId: 'demo' },
      lead: { email: 'pat@example.com', fields: { firstName: 'Pat', email: 'pat@example.com' } },
    });
    expect(delivered[1].data).toMatchObject({ goal: 'pricing', sessionId: 's-w1', lead: { email: 'pat@example.com' } });

    // Each attempt is listed: the 500, the timeout, the 200, newest first.
    const { deliveries } = (await (await admin(server, '/webhooks/deliveries')).json()) as { deliveries: Array<{ eventId: string; statusCode: number | null; error: string | null; state: string; nextRetryAt: string | null }> };
    const ofBooking = deliveries.filter((d) => d.eventId === bookedEvent.id);
    expect(ofBooking.map((d) => d.statusCode)).toEqual([200, null, 500]);
    expect(ofBooking.map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);
    expect(ofBooking[1].error).toMatch(/no answer within 1500 ms/);
    expect(ofBooking[2].nextRetryAt).toEqual(expect.any(String));

    // A retried request (same keys) makes no new event.
    await post(`${server.url}/events`, events);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.answer === 'ok')).toHaveLength(5);
  });

  it('gives a delivery up after the retry window, shows it, and redelivers it on request', async () => {
    const receiver = await startReceiver(SECRET, () => 'fail');
    receivers.push(receiver);
    const id = await subscribe(server, receiver.url, ['dialogue.goal']);
    await post(`${server.url}/events`, [eventBody('w-g1', 'goal', 's-w2', { goal: 'signup' })]);
    type Delivery = { deliveryId: string; state: string; nextRetryAt: string | null; statusCode: number | null };
    const list = async () => ((await (await admin(server, `/webhooks/deliveries?webhookId=${id}`)).json()) as { deliveries: Delivery[] }).deliveries;
    await until(async () => (await list())[0]?.state === 'given-up', 'the delivery given up');
    const [last] = await list();
    expect(last).toMatchObject({ statusCode: 500, nextRetryAt: null });
    expect(receiver.received.length).toBeGreaterThan(2);
    expect((await (await admin(server, '/webhooks')).json()).webhooks[0]).toMatchObject({ id, queued: 0, givenUp: 1 });

    receiver.script(() => 'ok');
    expect((await admin(server, `/webhooks/deliveries/${last.deliveryId}/redeliver`, { method: 'POST' })).status).toBe(202);
    await until(() => receiver.delivered().length === 1, 'the redelivery');
    expect(receiver.delivered()[0].type).toBe('dialogue.goal');
    expect((await admin(server, '/webhooks/deliveries/999999/redeliver', { method: 'POST' })).status).toBe(404);
  });

  it('refuses to redeliver a delivery while an attempt holds it (409), so it is never sent twice', async () => {
    const id = await subscribe(server, 'https://crm.example/hook', ['dialogue.goal']);
    // Another instance holds the item for a minute (an attempt in flight).
    await server.db.transaction(async (tx) => {
      await insertOutbox(tx, [{ channel: id, eventId: 'evt_inflight', type: 'dialogue.goal', leadId: null, email: null, orderKey: 'session:inflight', payload: '{}' }]);
      expect(await claimOutbox(tx, 10, 60_000, 'busy-worker', false)).toHaveLength(1);
    });
    const [row] = await server.db.query<{ id: string }>("SELECT id::text AS id FROM outbox WHERE event_id = 'evt_inflight'");
    const answer = await admin(server, `/webhooks/deliveries/${row.id}/redeliver`, { method: 'POST' });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toEqual({ error: { message: expect.stringMatching(/being attempted right now/), path: '/id' } });
    expect(await server.db.query("SELECT lease_token FROM outbox WHERE event_id = 'evt_inflight'")).toEqual([{ lease_token: 'busy-worker' }]);
  });

  it('retries a delivery whose worker died holding it, once its lease runs out', async () => {
    const receiver = await startReceiver(SECRET);
    receivers.push(receiver);
    const id = await subscribe(server, receiver.url, ['dialogue.goal']);
    // A "crashed" instance leases the item in the transaction that queues it, and never comes back.
    await server.db.transaction(async (tx) => {
      await insertOutbox(tx, [{ channel: id, eventId: 'evt_crashed', type: 'dialogue.goal', leadId: null, email: null, orderKey: 'session:crash', payload: JSON.stringify({ id: 'evt_crashed', type: 'dialogue.goal', at: NOW.toISOString(), data: {} }) }]);
      expect(await claimOutbox(tx, 10, 600, 'crashed-worker', false)).toHaveLength(1);
    });
    const queuedAt = Date.now();
    await until(() => receiver.delivered().length === 1, 'the delivery after the lease');
    expect(Date.now() - queuedAt).toBeGreaterThanOrEqual(500);
    expect(receiver.delivered()[0].id).toBe('evt_crashed');
  });

  it('puts an anonymous lead\'s queued events in the line of the lead it merges into', async () => {
    const receiver = await startReceiver(SECRET, () => 'fail');
    receivers.push(receiver);
    await subscribe(server, receiver.url, ['lead.captured']);
    await post(`${server.url}/fields`, fieldsBody('mg-1', { email: 'mia@example.com' }, 's-mg1'), 'mg-1');
    await post(`${server.url}/fields`, fieldsBody('mg-2', { company: 'Acme' }, 's-mg2'), 'mg-2');
    await post(`${server.url}/fields`, fieldsBody('mg-3', { email: 'mia@example.com' }, 's-mg2'), 'mg-3');
    const [mia] = await server.db.query<{ id: string }>("SELECT id::text AS id FROM leads WHERE email = 'mia@example.com'");
    const rows = await server.db.query<{ leadId: string; orderKey: string }>("SELECT lead_id::text AS \"leadId\", order_key AS \"orderKey\" FROM outbox WHERE type = 'lead.captured'");
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.leadId === mia.id && row.orderKey === `lead:${mia.id}`)).toBe(true);
  });

  it('moves a session\'s events queued before its lead into the lead\'s line, so they go first and erasing the person deletes them', async () => {
    const receiver = await startReceiver(SECRET, () => 'fail');
    receivers.push(receiver);
    await subscribe(server, receiver.url, ['lead.captured', 'dialogue.goal']);
    await post(`${server.url}/events`, [eventBody('q-g1', 'goal', 's-q1', { goal: 'pricing', visitorId: 'v-q1' })]);
    await post(`${server.url}/fields`, fieldsBody('q-f1', { email: 'quinn@example.com' }, 's-q1'), 'q-f1');
    const [quinn] = await server.db.query<{ id: string }>("SELECT id::text AS id FROM leads WHERE email = 'quinn@example.com'");
    const rows = await server.db.query<{ type: string; leadId: string; orderKey: string }>(
      `SELECT type, lead_id::text AS "leadId", order_key AS "orderKey" FROM outbox WHERE payload LIKE '%s-q1%' ORDER BY id`);
    expect(rows).toEqual([{ type: 'dialogue.goal', leadId: quinn.id, orderKey: `lead:${quinn.id}` }, { type: 'lead.captured', leadId: quinn.id, orderKey: `lead:${quinn.id}` }]);
    const erased = await admin(server, '/leads/quinn%40example.com', { method: 'DELETE' });
    expect(((await erased.json()) as { erased: { webhooks: number } }).erased.webhooks).toBe(2);
    expect(await server.db.query("SELECT 1 FROM outbox WHERE payload LIKE '%s-q1%' OR payload LIKE '%v-q1%'")).toEqual([]);
  });

  it('erases the outbox rows of a session that never had a lead', async () => {
    const receiver = await startReceiver(SECRET, () => 'fail');
    receivers.push(receiver);
    await subscribe(server, receiver.url, ['lead.captured', 'dialogue.goal']);
    // The same browser: a goal in a session without answers, then an email in another session.
    await post(`${server.url}/events`, [eventBody('r-g1', 'goal', 's-r1', { goal: 'pricing', visitorId: 'v-r1' }), eventBody('r-t2', 'triggered', 's-r2', { visitorId: 'v-r1' })]);
    await post(`${server.url}/fields`, fieldsBody('r-f1', { email: 'rae@example.com' }, 's-r2', { visitorId: 'v-r1' }), 'r-f1');
    expect((await admin(server, '/leads/rae%40example.com', { method: 'DELETE' })).status).toBe(200);
    expect(await server.db.query("SELECT 1 FROM outbox WHERE payload LIKE '%s-r1%' OR payload LIKE '%v-r1%'")).toEqual([]);
  });

  it('deletes finished deliveries after 90 days and keeps queued ones', async () => {
    const id = await subscribe(server, 'https://crm.example/hook', ['dialogue.goal']);
    const item = (eventId: string) => ({ channel: id, eventId, type: 'dialogue.goal', leadId: null, email: null, orderKey: 'session:old', payload: '{}' });
    await insertOutbox(server.db, [item('evt_old_sent'), item('evt_old_queued')]);
    await server.db.query(`UPDATE outbox SET created_at = $1::timestamptz - interval '91 days', next_at = now() + interval '1 day',
      state = CASE WHEN event_id = 'evt_old_sent' THEN 'sent' ELSE 'queued' END WHERE event_id LIKE 'evt_old_%'`, [NOW.toISOString()]);
    expect(await deleteOutboxBefore(server.db, 90, NOW)).toBe(1);
    expect((await server.db.query<{ eventId: string }>(`SELECT event_id AS "eventId" FROM outbox WHERE event_id LIKE 'evt_old_%'`)).map((r) => r.eventId)).toEqual(['evt_old_queued']);
  });
});

describe.each(drivers)('webhooks across a restart on %s', (driver) => {
  it('loses nothing queued or being retried when the server stops and starts again', async () => {
    const database = driver === 'postgres' ? await freshDatabase() : null;
    const storage = database ? { databaseUrl: database.url } : { dataDir: mkdtempSync(join(tmpdir(), 'dc-restart-')) };
    const start = () => startServer({ ...storage, adminToken: 't', flow: testFlow, now: () => NOW, log: () => undefined, rateLimitPerMinute: 100_000, delivery: { ...FAST, timeoutMs: 5000 } });
    const receiver = await startReceiver(SECRET, () => 'fail');
    let server: RunningServer | null = await start();
    try {
      await subscribe({ url: server.url, token: 't' }, receiver.url, ['dialogue.goal', 'lead.captured']);
      await post(`${server.url}/events`, Array.from({ length: 6 }, (_, i) => eventBody(`r-${i}`, 'goal', `s-r${i % 3}`, { goal: `g${i}` })));
      await post(`${server.url}/fields`, fieldsBody('r-f', { company: 'Acme' }, 's-r9'), 'r-f');
      await until(() => new Set(receiver.received.map((r) => r.id)).size === 4, 'first attempts');
      await server.close();
      server = null;
      receiver.script(() => 'ok');
      server = await start();
      await until(() => new Set(receiver.delivered().map((r) => r.id)).size === 7, 'all seven events after the restart');
      expect(receiver.received.every((r) => r.signed)).toBe(true);
      // Per session, the goals first arrive in the order they happened (at least once: a repeat may follow).
      for (const session of ['s-r0', 's-r1', 's-r2']) {
        const goals = [...new Set(receiver.delivered().filter((r) => r.data.sessionId === session).map((r) => String(r.data.goal)))];
        expect(goals).toEqual([...goals].sort());
      }
    } finally {
      await server?.close();
      await receiver.close();
      await database?.drop();
    }
  });
});

describe.each(drivers)('stopping the server on %s', (driver) => {
  it('hands back an attempt in flight at once, and the next start sends it without waiting for the lease', async () => {
    const database = driver === 'postgres' ? await freshDatabase() : null;
    const storage = database ? { databaseUrl: database.url } : { dataDir: mkdtempSync(join(tmpdir(), 'dc-stop-')) };
    // A 5 s timeout: the lease is 40 s, longer than the test waits.
    const start = () => startServer({ ...storage, adminToken: 't', flow: testFlow, now: () => NOW, log: () => undefined, rateLimitPerMinute: 100_000, delivery: { ...FAST, timeoutMs: 5000 } });
    const receiver = await startReceiver(SECRET, () => 'hang');
    let server: RunningServer | null = await start();
    try {
      await subscribe({ url: server.url, token: 't' }, receiver.url, ['dialogue.goal']);
      await post(`${server.url}/events`, [eventBody('stop-1', 'goal', 's-stop', { goal: 'g' })]);
      await until(() => receiver.received.length === 1, 'the attempt that hangs');
      const stopping = Date.now();
      await server.close();
      server = null;
      expect(Date.now() - stopping).toBeLessThan(4000);
      receiver.script(() => 'ok');
      server = await start();
      await until(() => receiver.delivered().length === 1, 'the delivery after the restart', 20_000);
    } finally {
      await server?.close();
      await receiver.close();
      await database?.drop();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('webhooks from two instances on one PostgreSQL', () => {
  it('delivers each event once, in order per session, whichever instance took the request', async () => {
    const database = await freshDatabase();
    // A generous timeout: on a loaded machine a 200 that comes late would count as a failure and be sent again (at least once).
    const start = () => startServer({ databaseUrl: database.url, adminToken: 't', flow: testFlow, now: () => NOW, log: () => undefined, rateLimitPerMinute: 100_000, delivery: { ...FAST, timeoutMs: 10_000 } });
    const servers = await Promise.all([start(), start()]);
    const receiver = await startReceiver(SECRET);
    try {
      await subscribe({ url: servers[0].url, token: 't' }, receiver.url, ['dialogue.goal']);
      // Ten sessions, each sending six goals one after another, alternating between the instances.
      await Promise.all(Array.from({ length: 10 }, async (_, s) => {
        for (let n = 0; n < 6; n++) {
          expect((await post(`${servers[(s + n) % 2].url}/events`, [eventBody(`two-${s}-${n}`, 'goal', `s-two${s}`, { goal: `g${n}` })])).status).toBe(200);
        }
      }));
      await until(() => new Set(receiver.delivered().map((r) => r.id)).size === 60, 'sixty events');
      // Both workers keep looking for a while: nothing arrives twice.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const attempts = await servers[0].db.query<{ error: string | null }>('SELECT error FROM deliveries');
      expect(attempts.filter((a) => a.error !== null)).toEqual([]);
      expect(receiver.received).toHaveLength(60);
      for (let s = 0; s < 10; s++) {
        expect(receiver.delivered().filter((r) => r.data.sessionId === `s-two${s}`).map((r) => r.data.goal)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4', 'g5']);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await receiver.close();
      await database.drop();
    }
  });
});
