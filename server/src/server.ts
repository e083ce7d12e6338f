/** Starting and stopping a server: database, migrations, first flow, HTTP listener, retention. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Db } from './db/db.js';
import { lockPublishing } from './db/flows.js';
import { migrate } from './db/migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { createApp } from './http/app.js';
import type { PrivateAgent } from './services/agents.js';
import { createCalendars, type CalendarOptions } from './services/calendars.js';
import type { ServerContext } from './services/context.js';
import { startDelivery, type DeliveryOptions } from './services/delivery.js';
import { createMailer, redactSmtpUrl } from './services/mailer.js';
import { eventsWriter, startRetention } from './services/events.js';
import { fieldsWriter } from './services/leads.js';
import { currentFlow, publishFlow } from './services/flows.js';

/** What `startServer` needs. */
export interface StartOptions {
  port?: number;
  host?: string;
  /** PGlite's folder (the database lives in `<dataDir>/pgdata`); unused with `databaseUrl`. */
  dataDir?: string;
  /** A PostgreSQL connection string; without it the embedded database is used. */
  databaseUrl?: string;
  /** Embedded database in memory (tests). */
  inMemory?: boolean;
  allowedOrigins?: string[];
  adminToken: string;
  /** A flow document published on first start (when the database has none). */
  flow?: unknown;
  agents?: PrivateAgent[];
  rateLimitPerMinute?: number;
  /** Wrong admin tokens allowed per address in 15 minutes before sign-in answers 429 (default 10). */
  signInFailures?: number;
  trustProxy?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
  accessLog?: boolean;
  calendars?: Partial<CalendarOptions>;
  /** Where emails go out (SMTP_URL); without it they stay queued. */
  smtpUrl?: string;
  /** The sender address of emails (SMTP_FROM); the agent's own address when unset. */
  smtpFrom?: string;
  /** The outbox worker's pacing (tests shorten it); `smtpTimeoutMs` bounds each SMTP exchange. */
  delivery?: DeliveryOptions & { smtpTimeoutMs?: number };
}

/** A running server. */
export interface RunningServer {
  url: string;
  db: Db;
  ctx: ServerContext;
  /** Whether this start published the given flow (a fresh database). */
  published: number | null;
  close(): Promise<void>;
}

/** Opens the database, migrates, publishes the first flow if none, and listens. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  let db: Db;
  if (options.databaseUrl) db = await openPostgres(options.databaseUrl);
  else if (options.inMemory) db = await openPglite();
  else {
    mkdirSync(options.dataDir!, { recursive: true });
    db = await openPglite(join(options.dataDir!, 'pgdata'));
  }
  await migrate(db);
  let published: number | null = null;
  if (options.flow !== undefined) {
    // Two instances starting on an empty database publish the flow once.
    const result = await db.transaction(async (tx) => {
      await lockPublishing(tx);
      return (await currentFlow(tx)) ? null : publishFlow(tx, options.flow);
    });
    if (result && !result.ok) {
      await db.close();
      throw new Error(`The flow is invalid:\n${result.errors.map((e) => `  ${e.path || '/'}: ${e.message}`).join('\n')}`);
    }
    published = result?.version ?? null;
  }
  const agents = options.agents ?? [];
  const calendars = createCalendars({ now, log, ...options.calendars });
  // PGlite runs one statement at a time, so one group in flight; PostgreSQL overlaps a few (its own group commit) without taking the whole pool.
  const grouping = { concurrency: db.kind === 'pglite' ? 1 : 2, maxBatch: 200 };
  const mailer = options.smtpUrl ? createMailer({ url: options.smtpUrl, from: options.smtpFrom, timeoutMs: options.delivery?.smtpTimeoutMs }) : null;
  const delivery = startDelivery(db, () => mailer, log, options.delivery);
  const nudge = () => delivery.nudge();
  const writes = { fields: fieldsWriter(db, grouping, nudge), events: eventsWriter(db, { ...grouping, maxBatch: 20 }, nudge) };
  const notify = { nudge, mailer, smtpUrl: options.smtpUrl ? redactSmtpUrl(options.smtpUrl) : null };
  const ctx: ServerContext = { db, now, agents, calendars, log, writes, notify };
  const app = createApp(ctx, {
    allowedOrigins: options.allowedOrigins ?? ['*'],
    adminToken: options.adminToken,
    rateLimit: { max: options.rateLimitPerMinute ?? 300, windowMs: 60_000, trustProxy: options.trustProxy ?? false },
    accessLog: options.accessLog,
    signInFailures: options.signInFailures,
  });
  const stopRetention = startRetention(db, now, log);
  // Feeds are fetched ahead, so the first visitor's /slots already knows the busy times.
  void calendars.busy(agents);
  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: options.host ?? '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = !options.host || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    db,
    ctx,
    published,
    async close() {
      stopRetention();
      // Attempts in flight are handed back before the database closes; another instance (or the next start) sends them.
      await delivery.stop();
      mailer?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await db.close();
    },
  };
}

/** Reads a JSON file, naming the file in the error. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
