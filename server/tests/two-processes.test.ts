/** Two server processes on one PostgreSQL (needs DATABASE_URL): concurrent bookings, webhooks and repeated fields across both; the dashboard's session and routing shared. */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, stopCli, type CliProcess } from './cli-process.js';
import { eventBody, fieldsBody, freshDatabase, post } from './helpers.js';
import { startReceiver, until } from './receiver.js';

const FLOW = fileURLToPath(new URL('./fixtures/flow.json', import.meta.url));

const startProcess = (databaseUrl: string) =>
  startCli(['--flow', FLOW], { DATABASE_URL: databaseUrl, ADMIN_TOKEN: 'two-process-token', RATE_LIMIT_PER_MINUTE: '100000' });

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

/** A weekday at least two days ahead, as YYYY-MM-DD (the agents work Mon–Fri 09:00–17:00 UTC). */
function workday(): string {
  const day = new Date(Date.now() + 2 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

describe.skipIf(!process.env.DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let servers: CliProcess[];
  let db: pg.Client;

  beforeAll(async () => {
    database = await freshDatabase();
    servers = await Promise.all([startProcess(database.url), startProcess(database.url)]);
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await Promise.all((servers ?? []).map(({ child }) => stopCli(child)));
    await database?.drop();
  });

  it('publishes the first flow once, whichever starts first', async () => {
    expect((await db.query('SELECT count(*)::int AS n FROM flows')).rows[0].n).toBe(1);
  });

  it('200 concurrent bookings of overlapping slots: no agent double-booked, every agent booked equally', async () => {
    const day = workday();
    // Ten 30-minute slots, twenty visitors on each, alternating between the two servers.
    const starts = Array.from({ length: 10 }, (_, i) => new Date(Date.parse(`${day}T09:00:00Z`) + i * 30 * 60_000).toISOString());
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => {
      const start = starts[i % 10];
      const key = `book-${i}`;
      return post(`${servers[i % 2].url}/meetings`, {
        sessionId: `s-${i}`, dialogueId: 'demo', key, lead: { email: `v${i}@example.com` },
        slot: { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), agentIds: ['ana', 'ben', 'cho'] },
      }, key).then((a) => a.status);
    }));
    // Three agents per slot: 30 bookings, everyone else told the slot was taken.
    expect(answers.filter((s) => s === 201)).toHaveLength(30);
    expect(answers.filter((s) => s === 409)).toHaveLength(170);
    const overlaps = await db.query('SELECT 1 FROM meetings a JOIN meetings b ON a.agent_id = b.agent_id AND a.id < b.id AND a.during && b.during');
    expect(overlaps.rows).toEqual([]);
    const perAgent = (await db.query('SELECT agent_id, count(*)::int AS n FROM meetings GROUP BY agent_id ORDER BY agent_id')).rows;
    expect(perAgent).toEqual([{ agent_id: 'ana', n: 10 }, { agent_id: 'ben', n: 10 }, { agent_id: 'cho', n: 10 }]);
  });

  it('delivers each webhook event once, in order per session, whichever process took the request', async () => {
    const receiver = await startReceiver('two-process-secret');
    try {
      const subscribed = await fetch(`${servers[0].url}/admin/api/webhooks`, {
        method: 'POST',
        headers: { Authorization: 'Bearer two-process-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, secret: 'two-process-secret', events: ['dialogue.goal'] }),
      });
      expect(subscribed.status).toBe(201);
      // Eight sessions, five goals each one after another, alternating between the processes.
      await Promise.all(Array.from({ length: 8 }, async (_, s) => {
        for (let n = 0; n < 5; n++) {
          expect((await post(`${servers[(s + n) % 2].url}/events`, [eventBody(`hook-${s}-${n}`, 'goal', `s-hook${s}`, { goal: `g${n}` })])).status).toBe(200);
        }
      }));
      await until(() => new Set(receiver.delivered().map((r) => r.id)).size === 40, 'forty events');
      // Both workers keep looking (every 5 s): nothing arrives twice.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(receiver.received).toHaveLength(40);
      expect(receiver.received.every((r) => r.signed)).toBe(true);
      for (let s = 0; s < 8; s++) {
        expect(receiver.received.filter((r) => r.data.sessionId === `s-hook${s}`).map((r) => r.data.goal)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
      }
    } finally {
      await receiver.close();
    }
  });

  it('1,000 fields sent twice each with the same keys, across both servers, are each stored once', async () => {
    const tasks = Array.from({ length: 2000 }, (_, i) => () => {
      const n = i >> 1;
      const key = `field-${n}`;
      // Each field goes once to each server.
      return post(`${servers[i % 2].url}/fields`, fieldsBody(key, { note: `n${n}` }, `fs-${n % 50}`), key).then((a) => a.status);
    });
    const statuses = await pool(tasks, 40);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await db.query("SELECT count(*)::int AS n FROM fields WHERE key LIKE 'field-%'")).rows[0].n).toBe(1000);
    expect((await db.query("SELECT count(DISTINCT key)::int AS n FROM fields WHERE key LIKE 'field-%'")).rows[0].n).toBe(1000);
  });

  it('a dashboard signed in on one instance is signed in on the other, and a pause made there is the queue of both', async () => {
    const signIn = await fetch(`${servers[0].url}/admin/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: 'two-process-token' }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = await signIn.json() as { csrfToken: string };
    const paused = await fetch(`${servers[1].url}/admin/api/agents/ana`, {
      method: 'PATCH', headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, Origin: servers[1].url, 'Content-Type': 'application/json' }, body: JSON.stringify({ paused: true }),
    });
    expect(paused.status).toBe(200);
    const { agents } = await (await fetch(`${servers[0].url}/admin/api/queue`, { headers: { Cookie: cookie } })).json() as { agents: Array<{ id: string; paused: boolean }> };
    expect(agents.find((a) => a.id === 'ana')!.paused).toBe(true);
  });
});
