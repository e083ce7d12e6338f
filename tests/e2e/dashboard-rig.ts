// What the dashboard's end-to-end tests share: the reference server in this process (embedded
// PostgreSQL in memory) with a booking flow, a page on another origin with the widget (the
// script-tag build in dist/: run `npm run build` first), Chromium, and signing in by the form.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer as startStatic, type StaticServer } from '../../scripts/static-server.mjs';
import { startServer, type RunningServer } from '../../server/src/server.js';
import { shopRoutes } from './shop-site.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The admin token of the rig's server. */
export const TOKEN = 'dashboard-test-token-0123456789abcdef';
/** A day in ms. */
export const DAY = 86_400_000;
const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]));

/** A flow whose one dialogue asks for an email, then offers a meeting with Ana or Ben. */
export function bookingFlow(greeting: string): object {
  return {
    version: 1,
    settings: { botName: 'Desk Bot', responseDelayMs: 0, meetings: { minNoticeHours: 1, bufferMinutes: 0 } },
    agents: [
      { id: 'ana', name: 'Ana Agent', email: 'ana@example.com', timeZone: 'Europe/Lisbon', weekly: everyDay },
      { id: 'ben', name: 'Ben Agent', email: 'ben@example.com', timeZone: 'America/New_York', weekly: everyDay },
    ],
    dialogues: [{
      id: 'book', name: 'Book a call', trigger: { on: 'load' }, frequency: 'always', start: 'email',
      cards: {
        email: { type: 'input', text: `${greeting} Your work email?`, field: 'email', kind: 'email', next: 'meet' },
        meet: { type: 'meeting', text: 'Pick a time', durationMinutes: 30, daysAhead: 3, next: 'bye' },
        bye: { type: 'end', text: 'See you then.' },
      },
    }],
  };
}

/** The server, the widget's page and a browser, for one test file. */
export interface DashboardRig {
  server: RunningServer;
  site: StaticServer;
  browser: Browser;
  /** Errors the dashboard's pages threw or logged (a test ends with none). */
  errors: string[];
  /** Moves the server's clock (ms; 0 is now). */
  shift(ms: number): void;
  close(): Promise<void>;
}

/** Starts the rig: the server on PGlite with `bookingFlow`, a page with the widget on another origin, Chromium. */
export async function startRig(): Promise<DashboardRig> {
  let offset = 0;
  const server = await startServer({
    inMemory: true, adminToken: TOKEN, flow: bookingFlow('Hello!'), rateLimitPerMinute: 100_000, now: () => new Date(Date.now() + offset), log: () => {},
  });
  const site = await startStatic({ routes: shopRoutes(server.url) });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return {
    server, site, browser, errors: [],
    shift: (ms) => { offset = ms; },
    async close() {
      await browser.close();
      await site.close();
      await server.close();
    },
  };
}

/** A new tab signed in to the dashboard through its sign-in form. */
export async function signedIn(rig: DashboardRig, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await rig.browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => rig.errors.push(`${error}`));
  // Chromium logs every 4xx answer; a refused input is the dashboard working, so those are not errors here.
  page.on('console', (message) => {
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) rig.errors.push(message.text());
  });
  await page.goto(`${rig.server.url}/admin`);
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  return { context, page };
}

/** Goes to a dashboard page by its link in the navigation. */
export async function open(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Gives `email` in the widget on the site's page (a new visitor); returns its tab and the widget's region. */
export async function giveEmail(rig: DashboardRig, email: string, greeting = 'Hello!') {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.site.url}/`);
  const chat = page.getByRole('region', { name: /Desk Bot/ });
  await chat.getByText(greeting).first().waitFor({ timeout: 30_000 });
  await chat.getByRole('textbox').fill(email);
  await chat.getByRole('button', { name: 'Send' }).click();
  return { context, page, chat };
}
