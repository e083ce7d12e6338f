/**
 * `npm run screenshots:dashboard [outDir]`: the reference server in this process (embedded
 * PostgreSQL in memory, the Northwind flow, demo data sent through the protocol: 2,000 visits over
 * 90 days, upcoming and past meetings), then every dashboard page photographed at 1280×800 and
 * 375×667, light and dark (whole pages, cut at 2,400 CSS px), into .tmp/screens/dashboard-<viewport>-<scheme>-<page>.png. Prints how
 * long the overview took to show its figures (a fresh load, no cache) and any console error.
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { readJsonFile, startServer } from '../server/src/server.js';
import { bookMeetings, sendDashboardData } from './dashboard-data.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, '.tmp/screens');
const TOKEN = 'dashboard-screenshots-token-0123456789';
const DAY = 86_400_000;

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const SETS: Array<[string, 'light' | 'dark', object]> = [['desktop', 'light', DESKTOP], ['desktop', 'dark', DESKTOP], ['phone', 'light', PHONE], ['phone', 'dark', PHONE]];

/** Each page: its path, a name for the file, and what to do before the picture. */
const PAGES: Array<[string, string, (page: Page) => Promise<unknown>]> = [
  ['overview', 'overview', async (page) => { await page.locator('dl.figures').waitFor(); }],
  ['leads', 'leads', async (page) => { await page.getByRole('table').waitFor(); }],
  ['leads', 'lead', async (page) => {
    await page.getByRole('table').getByRole('button').first().click();
    await page.getByRole('heading', { name: 'Fields' }).waitFor();
  }],
  ['meetings', 'meetings', async (page) => { await page.getByRole('region', { name: 'Upcoming meetings' }).waitFor(); }],
  ['meetings', 'meetings-past', async (page) => {
    await page.getByRole('button', { name: 'Past' }).click();
    await page.getByRole('button', { name: /held$/ }).first().waitFor();
  }],
  ['routing', 'routing', async (page) => { await page.getByRole('list', { name: 'Agents in routing order' }).waitFor(); }],
  ['flow', 'flow', async (page) => {
    await page.getByLabel('Or paste the flow (JSON)').fill(JSON.stringify({ version: 1, dialogues: [{ id: 'x', cards: {} }] }));
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByRole('heading', { name: /Problems/ }).waitFor();
  }],
  ['settings', 'settings', async (page) => { await page.getByRole('heading', { name: 'Email' }).waitFor(); }],
];

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  let shift = 0;
  const flow = readJsonFile(join(root, 'demo/flows/northwind.json')) as { dialogues: Array<{ id: string }>; agents: Array<{ id: string }> };
  const server = await startServer({ inMemory: true, adminToken: TOKEN, flow, rateLimitPerMinute: 1_000_000, now: () => new Date(Date.now() + shift), log: () => {} });
  const started = Date.now();
  // A webhook to a port where nothing listens: its failed attempts show on the settings page.
  await fetch(`${server.url}/admin/api/webhooks`, {
    method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: 'http://127.0.0.1:9/crm-hook', secret: 'screenshot-secret', events: ['meeting.booked'] }),
  });

  const data = { dialogues: flow.dialogues.map((d) => d.id), agentIds: flow.agents.map((a) => a.id) };
  const leads = await sendDashboardData(server.url, { ...data, sessions: 2000, meetings: 8 });
  // Meetings booked "two weeks ago" (the server's clock moved back), so the past tab has some.
  shift = -15 * DAY;
  await bookMeetings(server.url, data, leads.slice(8, 14), new Date(Date.now() + shift));
  shift = 0;
  console.log(`demo data: 2000 visits, ${leads.length} leads, in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    for (const [viewportName, scheme, options] of SETS) {
      const context = await browser.newContext({ colorScheme: scheme, ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e}`));
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
      await page.goto(`${server.url}/admin`);
      await page.getByLabel('Admin token').fill(TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('dl.figures').waitFor();
      if (viewportName === 'desktop' && scheme === 'light') {
        // A first visit of the overview (an empty cache, the session's cookie): page, script and report, until the figures show.
        for (let run = 1; run <= 3; run++) {
          const fresh = await browser.newContext({ storageState: await context.storageState(), viewport: DESKTOP.viewport });
          const tab = await fresh.newPage();
          const t0 = Date.now();
          await tab.goto(`${server.url}/admin/overview`, { waitUntil: 'commit' });
          await tab.locator('dl.figures').waitFor();
          const ms = Date.now() - t0;
          const timing = await tab.evaluate(() => performance.getEntriesByType('resource').map((e) => `${e.name.replace(location.origin, '').replace(/\?.*/, '')} ${Math.round(e.duration)} ms`).join(', '));
          console.log(`overview, empty cache, run ${run}: figures shown ${ms} ms after navigation (${timing}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
          await fresh.close();
        }
      }
      for (const [path, name, ready] of PAGES) {
        await page.goto(`${server.url}/admin/${path}`);
        // A page that does not get ready is still photographed (the picture shows why), and named below.
        await ready(page).catch((error: Error) => problems.push(`${name} was not ready: ${error.message.split('\n')[0]}`));
        await page.waitForTimeout(150);
        const file = join(outDir, `dashboard-${viewportName}-${scheme}-${name}.png`);
        // The whole page, cut at 2,400 CSS px (a page of 100 leads is longer).
        const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()!.width, height }, timeout: 60_000 });
        console.log(`  ${relative(root, file)}`);
      }
      for (const problem of problems) console.warn(`  ! ${viewportName}/${scheme}: ${problem}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
