// The demo/previewer driven in Chromium like a site owner would: break the flow, fix it, become a
// known lead, book a meeting, and find it in the meetings list and the report. It runs as
// `npm run demo` does (scripts/demo.ts): the reference server on an embedded database, msw in
// front of it as the fault injector, the Data tab read from the server's admin API.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../scripts/demo.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', ...(asRoot || process.env.CI ? ['--no-sandbox'] : [])];

let demo: RunningDemo;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Waits until `read` returns something `accept` likes; the last value is returned (and asserted by the caller). */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < until) {
    await page.waitForTimeout(100);
    value = await read();
  }
  return value;
}

const text = async (locator: Locator): Promise<string> => ((await locator.count()) ? (await locator.first().textContent()) ?? '' : '');
const tab = (name: string): Promise<void> => page.getByRole('tab', { name }).click();
const editor = (): Locator => page.getByRole('textbox', { name: 'Flow JSON' });

/** What the server itself holds, read through the demo's dev server (which adds the admin token). */
async function admin<T>(path: string): Promise<T> {
  const response = await fetch(`${demo.url}/api/admin/${path}`);
  expect(response.status).toBe(200);
  return await response.json() as T;
}

interface Lead { email: string | null; fields: Record<string, string>; meetings: number }

beforeAll(async () => {
  demo = await startDemo({ port: 0 });
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  await page.goto(`${demo.url}/pricing`);
  await page.getByText('Playing', { exact: false }).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('the demo previewer', () => {
  it('makes replies instant through the Look controls, which rewrite settings in the JSON', async () => {
    await tab('Look');
    await page.getByRole('button', { name: /instant/ }).click();
    await tab('Flow');
    expect(await editor().inputValue()).toContain('"responseDelayMs": 0');
  });

  it('lists every validateFlow error with its path, jumps to its line, and keeps the last valid flow playing', async () => {
    const valid = await editor().inputValue();
    await editor().fill(valid.replace('"start": "welcome"', '"start": "nowhere"').replace('"next": "done"', '"next": "gone"'));
    const list = page.getByRole('list', { name: 'Problems' });
    const listed = await eventually(() => text(list), (t) => t.includes('/dialogues/1/start'));
    expect(listed).toContain('/dialogues/1/start');
    expect(listed).toMatch(/\/dialogues\/1\/cards\/[a-z]+\/next/);
    expect(await text(page.locator('#problem-summary'))).toMatch(/error.*keeps playing the last valid flow/);
    expect(await text(page.locator('#status'))).toMatch(/error/);

    // Clicking the error selects the offending line in the editor.
    await list.getByRole('button', { name: /\/dialogues\/1\/start/ }).click();
    const selected = await editor().evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toContain('"start": "nowhere"');

    // A syntax error is shown at its line too.
    await editor().fill(valid.replace('"version": 1,', '"version": 1'));
    expect(await eventually(() => text(list), (t) => t.includes('Not valid JSON'))).toMatch(/Not valid JSON.*line 3/);

    // Fixed (with a visible change): the problems go away and the preview takes the new text.
    await editor().fill(valid.replace('Welcome back, {{lead.firstName | there}}!', 'Welcome back to the preview, {{lead.firstName | there}}!'));
    expect(await eventually(() => text(page.locator('#problem-summary')), (t) => t.startsWith('Valid'))).toMatch(/^Valid/);
    expect(await list.locator('li.bad').count()).toBe(0);
  });

  it('plays another dialogue for a known lead and explains why each dialogue did or did not match', async () => {
    await tab('Visit');
    expect(await text(page.locator('#verdict'))).toContain('pricing-anonymous');
    await page.getByRole('radio', { name: 'Known lead' }).check();
    expect(await eventually(() => text(page.locator('#verdict')), (t) => t.includes('pricing-known'))).toContain('pricing-known');
    const explain = page.getByRole('list', { name: /Why each dialogue/ });
    const anonymous = explain.getByRole('listitem').filter({ hasText: 'pricing-anonymous' });
    expect(await text(anonymous)).toMatch(/known/i);
    expect(await text(explain.getByRole('listitem').filter({ hasText: 'blog-newsletter' }))).toMatch(/page|blog/i);
    // The widget follows: it re-resolves for the identified lead.
    expect(await eventually(() => text(page.locator('#status')), (t) => t.includes('known leads'))).toContain('Pricing page, known leads');
  });

  it('books a meeting on the server that shows up in the leads, the meetings list and the report', async () => {
    await page.getByRole('button', { name: /open chat/i }).click();
    const chat = page.getByRole('dialog', { name: 'Northwind Bot' });
    await chat.getByText('Welcome back to the preview, Dana!').waitFor();
    const slot = chat.getByRole('button', { name: /\d{1,2}:\d{2}/ }).first();
    await slot.waitFor({ timeout: 15_000 });
    // The graph follows the conversation: the meeting card is the current one.
    await tab('Graph');
    expect(await eventually(() => page.locator('svg.graph g.node.current').getAttribute('data-card'), (id) => id === 'meet')).toBe('meet');
    await slot.click();
    await chat.getByText(/Booked with/).waitFor();

    await tab('Data');
    const meetings = page.locator('#meetings');
    const listed = await eventually(() => text(meetings), (t) => t.includes('dana@acme.example'));
    expect(listed).toContain('dana@acme.example');
    expect(listed).toMatch(/Maria Lopez|Kenji Sato|Olu Adeyemi/);
    expect(listed).toContain('upcoming');
    expect(await text(page.locator('#queue'))).toContain('next');
    // Events reach the backend through the outbox in batches, so the report catches up shortly after.
    const card = page.getByRole('article', { name: 'Pricing page, known leads' });
    const metric = (name: string) => text(card.locator(`dd[data-metric="${name}"]`));
    expect(await eventually(() => metric('meetings'), (v) => v === '1')).toBe('1');
    expect(await eventually(() => metric('completed'), (v) => v === '1')).toBe('1');
    expect(await metric('triggered')).toBe('1');
    // Picking a slot is the only interaction here, and booking counts as engaging.
    expect(await eventually(() => metric('engaged'), (v) => v === '1')).toBe('1');

    // The Data tab shows what the server stored: the lead with their meeting.
    const lead = page.locator('#leads tr').filter({ hasText: 'dana@acme.example' });
    expect(await eventually(() => text(lead), (t) => t.includes('dana@acme.example'))).toContain('dana@acme.example');
    expect(await text(lead.locator('td').nth(2))).toBe('1');
    const stored = await admin<{ meetings: Array<{ lead: { email: string }; agent: { name: string } }> }>('meetings');
    expect(stored.meetings).toHaveLength(1);
    expect(stored.meetings[0].lead.email).toBe('dana@acme.example');
    expect(listed).toContain(stored.meetings[0].agent.name);
  });

  // The widget is the element's own business (its suite runs axe on it); this is the site and the previewer.
  it('passes axe on every tab of the previewer', async () => {
    // With the chat panel open: its header and footer must not clash with the site's landmarks.
    await page.getByRole('dialog', { name: 'Northwind Bot' }).waitFor();
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    for (const name of ['Flow', 'Visit', 'Look', 'Graph', 'Log', 'Data', 'Share']) {
      await tab(name);
      const violations = await page.evaluate(async () => {
        type Axe = { run(context: { exclude: string[][] }): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> };
        const result = await (window as unknown as { axe: Axe }).axe.run({ exclude: [] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations, `${name}: ${violations.join(' | ')}`).toEqual([]);
    }
  });

  it('logs dc-* events and adapter calls, and raises no console errors', async () => {
    await tab('Log');
    const log = await text(page.locator('#log'));
    for (const line of ['dc-ready', 'dc-dialogue-start', 'dc-message', 'dc-meeting-booked', 'bookMeeting →', 'bookMeeting ←', 'POST /meetings']) {
      expect(log).toContain(line);
    }
    expect(problems).toEqual([]);
  });

  it('shares the flow in a link that opens the same draft', async () => {
    await tab('Share');
    await page.getByRole('button', { name: 'Copy a share link' }).click();
    const link = await eventually(() => page.locator('#share-link').inputValue(), (v) => v.includes('#flow='));
    const draft = await page.evaluate(() => (document.getElementById('flow-json') as HTMLTextAreaElement).value);
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await other.goto(link);
    const opened = other.getByRole('textbox', { name: 'Flow JSON' });
    await other.waitForFunction(() => (document.getElementById('flow-json') as HTMLTextAreaElement | null)?.value.includes('Welcome back to the preview'));
    expect(JSON.parse(await opened.inputValue())).toEqual(JSON.parse(draft));
    await other.close();
  });

  it('moves between tabs with the arrow keys', async () => {
    await page.getByRole('tab', { name: 'Share' }).focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Flow');
    expect(await page.getByRole('tab', { name: 'Flow' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Flow JSON' }).isVisible()).toBe(true);
  });

  // Last: "down" answers with network errors on purpose, which Chromium reports on the console.
  it('keeps events in the outbox while the backend is down and delivers them once it is back', async () => {
    await tab('Log');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('radio', { name: /Down/ }).check();
    await tab('Share');
    await page.getByRole('button', { name: 'Restart the dialogue' }).click();
    await tab('Log');
    const log = page.locator('#log');
    expect(await eventually(() => text(log), (t) => t.includes('network error POST /events'))).toContain('network error POST /events');
    expect(await eventually(() => text(page.locator('#outbox-size')), (t) => !t.includes(' 0 '))).toMatch(/Outbox: [1-9]\d* waiting/);
    await page.getByRole('radio', { name: 'Healthy' }).check();
    await page.getByRole('button', { name: 'Retry the outbox now' }).click();
    expect(await eventually(() => text(log), (t) => t.includes('200 POST /events'))).toContain('200 POST /events');
    expect(await eventually(() => text(page.locator('#outbox-size')), (t) => t === 'Outbox: 0 waiting')).toBe('Outbox: 0 waiting');
  });

  it('queues a field typed while the backend is down and delivers it to the server exactly once', async () => {
    // A new visitor (fresh storage): the anonymous pricing dialogue asks for an email.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await context.newPage();
    try {
      await visitor.goto(`${demo.url}/pricing`);
      const chat = visitor.getByRole('dialog', { name: 'Northwind Bot' });
      await visitor.locator('dynamic-chat').getByText('Comparing plans?').first().waitFor({ timeout: 15_000 });
      await visitor.getByRole('button', { name: /open chat/i }).click();
      await chat.getByRole('button', { name: 'Talk to sales' }).click();
      const email = chat.getByRole('textbox');
      await email.waitFor();

      await visitor.getByRole('tab', { name: 'Log' }).click();
      await visitor.getByRole('radio', { name: /Down/ }).check();
      await visitor.getByRole('button', { name: 'Clear' }).click();
      await email.fill('sam@queue.example');
      await chat.getByRole('button', { name: 'Send' }).click();
      const log = visitor.locator('#log');
      const logText = () => text(log);
      const outbox = () => text(visitor.locator('#outbox-size'));
      const until = async (accept: (t: string) => boolean, read: () => Promise<string>): Promise<string> => {
        const end = Date.now() + 15_000;
        let value = await read();
        while (!accept(value) && Date.now() < end) { await visitor.waitForTimeout(100); value = await read(); }
        return value;
      };
      expect(await until((t) => t.includes('network error POST /fields'), logText)).toContain('network error POST /fields');
      expect(await until((t) => !t.includes(' 0 '), outbox)).toMatch(/Outbox: [1-9]\d* waiting/);
      const leadsNow = await admin<{ leads: Lead[] }>('leads');
      expect(leadsNow.leads.filter((l) => l.email === 'sam@queue.example')).toEqual([]);

      await visitor.getByRole('radio', { name: 'Healthy' }).check();
      await visitor.getByRole('button', { name: 'Retry the outbox now' }).click();
      expect(await until((t) => t === 'Outbox: 0 waiting', outbox)).toBe('Outbox: 0 waiting');
      // Give any late retry its chance to show up before counting.
      await visitor.waitForTimeout(1500);
      expect((await logText()).match(/200 POST \/fields/g)).toHaveLength(1);
      const leads = (await admin<{ leads: Lead[] }>('leads')).leads.filter((l) => l.email === 'sam@queue.example');
      expect(leads).toHaveLength(1);
      expect(leads[0].fields).toMatchObject({ email: 'sam@queue.example', chatInterest: 'sales' });

      await visitor.getByRole('tab', { name: 'Data' }).click();
      const rows = visitor.locator('#leads tr').filter({ hasText: 'sam@queue.example' });
      expect(await until((t) => t.includes('sam@queue.example'), () => text(rows))).toContain('chatInterest: sales');
      expect(await rows.count()).toBe(1);

      // Erasing swaps in an empty database; the previewed flow is published on it again.
      await visitor.getByRole('button', { name: "Erase the backend's data" }).click();
      await visitor.locator('#leads-title + p').getByText('None yet').waitFor();
      expect((await admin<{ leads: Lead[] }>('leads')).leads).toEqual([]);
      expect((await admin<{ flows: unknown[] }>('flows')).flows.length).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('the demo on a phone (375×667)', () => {
  it('collapses the previewer behind a button that opens it over the site and closes with Escape', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 667 } });
    try {
      await phone.goto(`${demo.url}/pricing`);
      const toggle = phone.getByRole('button', { name: 'Previewer' });
      await toggle.waitFor();
      expect(await phone.getByRole('tablist').isVisible()).toBe(false);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await toggle.click();
      expect(await phone.getByRole('tab', { name: 'Visit' }).isVisible()).toBe(true);
      expect(await phone.getByRole('button', { name: 'Close previewer' }).getAttribute('aria-expanded')).toBe('true');
      await phone.keyboard.press('Escape');
      expect(await phone.getByRole('tablist').isVisible()).toBe(false);
      expect(await phone.evaluate(() => document.activeElement?.id)).toBe('panel-toggle');
    } finally {
      await phone.close();
    }
  });
});

describe('the demo built for production', () => {
  it('still defines the element and plays the sample flow', async () => {
    const outDir = join(root, '.tmp/demo-e2e-dist');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const served = await preview({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir }, preview: { port: 0 } });
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    try {
      await tab.goto(`${served.resolvedUrls!.local[0].replace(/\/$/, '')}/pricing`);
      await tab.waitForFunction(() => !!customElements.get('dynamic-chat'));
      await tab.locator('dynamic-chat').getByText('Comparing plans?').first().waitFor({ timeout: 15_000 });
      // No server behind a static build: the Data tab reads msw's in-memory backend, which received the trigger.
      await tab.getByRole('tab', { name: 'Data' }).click();
      await tab.getByRole('heading', { name: 'Leads' }).waitFor();
      await tab.getByRole('article', { name: 'Pricing page, anonymous visitors' }).locator('dd[data-metric="triggered"]').getByText('1').waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
      await new Promise<void>((done) => served.httpServer.close(() => done()));
    }
  });
});
