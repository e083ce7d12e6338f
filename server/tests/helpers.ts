/** Test helpers: a server per suite on each driver, a fresh PostgreSQL database when DATABASE_URL is set. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startServer, type RunningServer, type StartOptions } from '../src/server.js';

/** The test flow: three agents working Mon–Fri 09:00–17:00 UTC, no notice, no buffer. */
export const testFlow = JSON.parse(readFileSync(new URL('./fixtures/flow.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** Monday 7 December 2026, 00:00 UTC: the fixed "now" of the tests. */
export const NOW = new Date('2026-12-07T00:00:00Z');

/** The drivers to run a suite on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const drivers: Array<'pglite' | 'postgres'> = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A new, empty database on the DATABASE_URL server, and a function that drops it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `dc_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A running test server on `driver` with the test flow; `close()` also drops its database. */
export async function testServer(driver: 'pglite' | 'postgres', options: Partial<StartOptions> = {}): Promise<RunningServer & { token: string }> {
  const database = driver === 'postgres' ? await freshDatabase() : null;
  const token = 'test-admin-token';
  const server = await startServer({
    inMemory: true,
    databaseUrl: database?.url,
    adminToken: token,
    flow: testFlow,
    now: () => NOW,
    log: () => undefined,
    rateLimitPerMinute: 100_000,
    ...options,
  });
  return {
    ...server,
    token,
    async close() {
      await server.close();
      await database?.drop();
    },
  };
}

/** POSTs JSON with an Idempotency-Key (as httpAdapter does). */
export function post(url: string, body: unknown, key?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(key ? { 'Idempotency-Key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A field submission as the widget sends it. */
export function fieldsBody(key: string, fields: Record<string, string>, sessionId = 's-1', extra: Record<string, unknown> = {}) {
  return { sessionId, dialogueId: 'demo', fields, page: 'https://shop.example/pricing', at: '2026-12-06T10:00:00.000Z', key, ...extra };
}

/** An event as the widget sends it. */
export function eventBody(key: string, type: string, sessionId = 's-1', extra: Record<string, unknown> = {}) {
  return { type, dialogueId: 'demo', sessionId, visitorId: 'v-1', page: 'https://shop.example/pricing', at: '2026-12-06T10:00:00.000Z', key, ...extra };
}
