/**
 * `npm run bench` (server part): loads a running server, from this process, with field
 * submissions and event batches, on PGlite and on PostgreSQL; prints fields/s, events/s and
 * p50/p99 latency, checks nothing was lost, and prints PostgreSQL's own ceiling for single-row
 * inserts (pgbench with a one-line insert script) and the ratio. Figures, never pass/fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPglite } from '../src/db/pglite.js';
import { startCli, stopCli } from '../tests/cli-process.js';

const FLOW = fileURLToPath(new URL('../tests/fixtures/flow.json', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

let counter = 0;
const AT = new Date().toISOString();

/** Each request a new field submission (a new key), as many visitors would send. */
function fieldRequest(run: string) {
  return {
    method: 'POST', path: '/fields', headers: { 'content-type': 'application/json' },
    setupRequest(request: { headers?: Record<string, string>; body?: string }) {
      const n = counter++;
      const key = `${run}-f-${n}`;
      const body = { sessionId: `${run}-s-${n % 5000}`, dialogueId: 'demo', fields: { company: `Acme ${n}` }, page: 'https://shop.example/pricing', at: AT, key };
      return { ...request, headers: { ...request.headers, 'idempotency-key': key }, body: JSON.stringify(body) };
    },
  };
}

/** Each request a batch of 20 new events, as the outbox sends them. */
function eventsRequest(run: string) {
  return {
    method: 'POST', path: '/events', headers: { 'content-type': 'application/json' },
    setupRequest(request: { headers?: Record<string, string>; body?: string }) {
      const n = counter++;
      const batch = Array.from({ length: 20 }, (_, i) => ({
        type: 'triggered', dialogueId: 'demo', sessionId: `${run}-s-${n}`, visitorId: `${run}-v-${n}`, page: 'https://shop.example/', at: AT, key: `${run}-e-${n}-${i}`,
      }));
      return { ...request, headers: { ...request.headers, 'idempotency-key': `${run}-b-${n}` }, body: JSON.stringify(batch) };
    },
  };
}

interface Figures { rate: number; p50: number; p99: number; ok: number; failed: number }

async function load(url: string, request: ReturnType<typeof fieldRequest>): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [request] });
  return { rate: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], failed: result.non2xx + result.errors + result.timeouts };
}

/** Runs the field and event loads against one server; returns the figures and the counts stored. */
async function run(name: string, env: Record<string, string>, count: (run: string, dataDir: string) => Promise<{ fields: number; events: number }>, close?: () => Promise<void>) {
  const before = counter;
  const dataDir = mkdtempSync(join(tmpdir(), 'dc-bench-'));
  const runId = `${name}-${Date.now()}`;
  const { url, child } = await startCli(['--flow', FLOW, '--data', dataDir],
    { RATE_LIMIT_PER_MINUTE: '100000000', ADMIN_TOKEN: 'bench', DATABASE_URL: '', ...env });
  // A short warm-up (JIT, connection pool, caches) that the figures leave out; what it stores counts as stored.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, requests: [fieldRequest(runId)] });
  const warm = counter;
  const fields = await load(url, fieldRequest(runId));
  const events = await load(url, eventsRequest(runId));
  await stopCli(child);
  const stored = await count(runId, dataDir).finally(() => close?.());
  rmSync(dataDir, { recursive: true, force: true });
  return { name, fields, events, stored, dataDir, warmFields: warm - before };
}

function line(label: string, f: Figures, unit: string, perRequest = 1): string {
  return `  ${label.padEnd(22)} ${(f.rate * perRequest).toFixed(0).padStart(7)} ${unit}/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms   (${f.ok} answered 2xx, ${f.failed} failed)`;
}

/** A throwaway PostgreSQL cluster when DATABASE_URL is not set and the binaries are here (as in .ci/run). */
function throwawayCluster(): { url: string; bin: string; stop: () => void } | null {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((dir) => existsSync(`${dir}/initdb`));
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'dc-bench-pg-'));
  const root = process.getuid?.() === 0;
  const as = (command: string) => (root ? execFileSync('su', ['postgres', '-c', command], { stdio: 'ignore' }) : execFileSync('sh', ['-c', command], { stdio: 'ignore' }));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const port = 55400 + Math.floor(Math.random() * 90);
  as(`${bin}/initdb -D ${dir}/data -A trust -U postgres`);
  as(`${bin}/pg_ctl -D ${dir}/data -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200' -l ${dir}/log -w start`);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, bin, stop: () => { as(`${bin}/pg_ctl -D ${dir}/data stop -m fast`); rmSync(dir, { recursive: true, force: true }); } };
}

/** PostgreSQL's own single-row insert rate: pgbench, 8 clients, a one-line insert script. */
function pgbenchCeiling(url: string, bin: string): number | null {
  const pgbench = existsSync(`${bin}/pgbench`) ? `${bin}/pgbench` : 'pgbench';
  const script = join(mkdtempSync(join(tmpdir(), 'dc-pgbench-')), 'insert.sql');
  writeFileSync(script, 'INSERT INTO bench_ceiling (v) VALUES (1);\n');
  const client = spawnSync(pgbench, ['-n', '-c', '8', '-j', '2', '-T', String(SECONDS), '-f', script, url], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+)/.exec(client.stdout ?? '')?.[1];
  return tps ? Number(tps) : null;
}

async function main(): Promise<void> {
  console.log(`server load: ${CONNECTIONS} connections, ${SECONDS} s per load, from a second process (autocannon); events in batches of 20; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
  const results = [];
  results.push(await run('PGlite', {}, async (runId, dataDir) => {
    // The server has stopped: its data folder can be opened to count what it stored.
    const db = await openPglite(join(dataDir, 'pgdata'));
    try {
      const [fields] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM fields WHERE key LIKE $1', [`${runId}-%`]);
      const [events] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE key LIKE $1', [`${runId}-%`]);
      return { fields: fields.n, events: events.n };
    } finally {
      await db.close();
    }
  }));
  const cluster = process.env.DATABASE_URL ? null : throwawayCluster();
  const url = process.env.DATABASE_URL ?? cluster?.url;
  let ceiling: number | null = null;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const database = `dc_bench_${Date.now()}`;
    await client.query(`CREATE DATABASE ${database}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${database}`;
    results.push(await run('PostgreSQL', { DATABASE_URL: dbUrl.toString() }, async (runId) => {
      const db = new pg.Client({ connectionString: dbUrl.toString() });
      await db.connect();
      const fields = (await db.query('SELECT count(*)::int AS n FROM fields WHERE key LIKE $1', [`${runId}-%`])).rows[0].n as number;
      const events = (await db.query('SELECT count(*)::int AS n FROM events WHERE key LIKE $1', [`${runId}-%`])).rows[0].n as number;
      await db.query('CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, v int, at timestamptz DEFAULT now())');
      await db.end();
      ceiling = pgbenchCeiling(dbUrl.toString(), cluster?.bin ?? '/usr/lib/postgresql/15/bin');
      return { fields, events };
    }));
    await client.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await client.end();
  }
  cluster?.stop();
  for (const r of results) {
    console.log(r.name);
    console.log(line('fields', r.fields, 'fields'));
    console.log(line('event batches', r.events, 'events', 20));
    if (r.stored.fields >= 0) {
      // Requests still in flight when a load ends are stored but not counted as answered: stored may exceed answered, never the reverse.
      const lost = Math.max(0, r.fields.ok + r.warmFields - r.stored.fields) + Math.max(0, r.events.ok * 20 - r.stored.events);
      console.log(`  stored (rows counted): ${r.stored.fields} fields, ${r.stored.events} events; ${lost === 0 ? 'nothing lost (every 2xx answer is a stored row)' : `${lost} answered 2xx but MISSING`}`);
    }
  }
  const postgres = results.find((r) => r.name === 'PostgreSQL');
  if (postgres && ceiling) {
    const f = postgres.fields;
    console.log(`pgbench ceiling (8 clients, one-line INSERT): ${(ceiling as number).toFixed(0)} inserts/s`);
    console.log(`PostgreSQL vs ceiling: ${f.rate.toFixed(0)} fields/s ÷ ${(ceiling as number).toFixed(0)} inserts/s = ${(f.rate / ceiling).toFixed(2)} (aim ≥ 0.30), p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms (aim < 25 ms)`);
  } else if (!url) console.log('PostgreSQL: skipped (no DATABASE_URL and no PostgreSQL binaries in /usr/lib/postgresql)');
  // The machine's load says how far these figures can be compared with another run's.
  console.log(`load average at the end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
