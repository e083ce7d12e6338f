// The widget (script-tag build) against the reference server running as its own process: a field
// captured while the server is down arrives exactly once after it restarts and the page reloads,
// and a meeting booked through the widget lands in the database with its agent.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer, type StaticServer } from '../../scripts/static-server.mjs';
import { openPglite } from '../../server/src/db/pglite.js';
import { shopRoutes } from './shop-site.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));
const FLOW = {
  version: 1,
  settings: { botName: 'Server Bot', responseDelayMs: 0, meetings: { minNoticeHours: 1, bufferMinutes: 0 } },
  agents: [{ id: 'ana', name: 'Ana Agent', email: 'ana@example.com', timeZone: 'UTC', weekly: everyDay }],
  dialogues: [{
    id: 'book', name: 'Book a call', trigger: { on: 'load' }, frequency: 'always', start: 'email',
    cards: {
      email: { type: 'input', text: 'Your work email?', field: 'email', kind: 'email', next: 'meet' },
      meet: { type: 'meeting', text: 'Pick a time', durationMinutes: 30, daysAhead: 3, next: 'bye' },
      bye: { type: 'end', text: 'See you then.' },
    },
  }],
};

/** A free TCP port, so the server comes back on the same address after a restart. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the widget against the reference server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dc-server-e2e-'));
  const flowFile = join(dataDir, 'flow.json');
  let port: number;
  let api: string;
  let page: StaticServer;
  let browser: Browser;
  let server: ChildProcess | null = null;

  async function startApi(): Promise<void> {
    const child = spawn(process.execPath, [join(root, 'server/bin/dynamic-chat-server.mjs'), '--flow', flowFile, '--data', dataDir, '--port', String(port)], {
      env: { ...process.env, HOST: '127.0.0.1', ALLOWED_ORIGINS: page.url, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        if (out.includes('admin token:')) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => { out += chunk; });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    });
  }

  async function stopApi(): Promise<void> {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }

  beforeAll(async () => {
    writeFileSync(flowFile, JSON.stringify(FLOW));
    port = await freePort();
    api = `http://127.0.0.1:${port}`;
    page = await startServer({ routes: shopRoutes(api) });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    await startApi();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopApi();
    await page?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a field captured while the server was down exactly once, and books a meeting with an agent', async () => {
    const tab = await browser.newPage();
    await tab.goto(page.url + '/');
    const chat = tab.getByRole('region', { name: /Server Bot/ });
    const email = chat.getByRole('textbox');
    await email.waitFor({ state: 'visible', timeout: 30_000 });

    await stopApi();
    await email.fill('pat@example.com');
    await chat.getByRole('button', { name: 'Send' }).click();
    // The server is down: the field waits in the outbox.
    await chat.getByText('pat@example.com').waitFor({ state: 'visible' });

    await startApi();
    await tab.reload();
    const slot = chat.getByRole('button', { name: /\d{1,2}:\d{2}/ }).first();
    const retry = chat.getByRole('button', { name: /try again/i });
    await slot.or(retry).first().waitFor({ state: 'visible', timeout: 30_000 });
    if (await retry.isVisible()) await retry.click();
    await slot.click();
    await chat.getByText(/Ana Agent/).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Let the outbox deliver the events that followed.
    await tab.waitForTimeout(1500);
    await tab.close();

    await stopApi();
    const db = await openPglite(join(dataDir, 'pgdata'));
    try {
      const fields = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM fields WHERE fields->>'email' = 'pat@example.com'");
      expect(fields[0].n).toBe(1);
      const meetings = await db.query<{ agent_id: string; lead_email: string }>('SELECT agent_id, lead_email FROM meetings');
      expect(meetings).toEqual([{ agent_id: 'ana', lead_email: 'pat@example.com' }]);
    } finally {
      await db.close();
    }
  });
});
