// axe on every page of the dashboard, light at 1280 px and dark at 375 px, with data on each page:
// sign-in, overview, leads, a lead with the erase question open, upcoming and past meetings,
// routing, flow (with problems, warnings and changes listed) and settings. The dashboard's CSP
// refuses injected scripts, so the browser context bypasses it to run axe.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookMeetings, sendDashboardData } from '../../scripts/dashboard-data.js';
import { DAY, TOKEN, bookingFlow, open, startRig, type DashboardRig } from './dashboard-rig.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeResult { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }

/** axe's violations on the page as it is now, one line each. */
async function violations(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => (window as unknown as { axe: { run(context: Document): Promise<AxeResult> } }).axe.run(document)) as AxeResult;
  return result.violations.map((v) => `${where}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the dashboard under axe', () => {
  let rig: DashboardRig;

  beforeAll(async () => {
    rig = await startRig();
    const base = rig.server.url;
    const leads = await sendDashboardData(base, { sessions: 60, meetings: 2, dialogues: ['book'], agentIds: ['ana', 'ben'] });
    rig.shift(-3 * DAY);
    await bookMeetings(base, { agentIds: ['ana', 'ben'] }, leads.slice(2, 3), new Date(Date.now() - 3 * DAY));
    rig.shift(0);
    await fetch(`${base}/admin/api/webhooks`, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-some-length', events: ['lead.captured', 'meeting.booked'] }),
    });
  }, 240_000);

  afterAll(async () => {
    await rig?.close();
  });

  for (const [scheme, viewport] of [['light', { width: 1280, height: 800 }], ['dark', { width: 375, height: 667 }]] as const) {
    it(`finds no violation on any page (${scheme}, ${viewport.width} px)`, async () => {
      const context = await rig.browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${error}`));
      const found: string[] = [];
      await page.goto(`${rig.server.url}/admin`);
      await page.getByLabel('Admin token').waitFor();
      found.push(...await violations(page, 'sign-in'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The error state of the form too.
      await page.getByRole('alert').waitFor();
      found.push(...await violations(page, 'sign-in with an error'));
      await page.getByLabel('Admin token').fill(TOKEN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('dl.figures').waitFor();
      found.push(...await violations(page, 'overview'));

      await open(page, 'Leads');
      await page.getByRole('region', { name: 'Leads' }).waitFor();
      found.push(...await violations(page, 'leads'));
      await page.getByRole('region', { name: 'Leads' }).getByRole('button').first().click();
      await page.getByRole('heading', { name: 'Fields' }).waitFor();
      found.push(...await violations(page, 'lead'));
      await page.getByRole('button', { name: /^Erase / }).click();
      await page.getByRole('dialog').waitFor();
      found.push(...await violations(page, 'erase question'));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });

      await open(page, 'Meetings');
      await page.getByRole('region', { name: 'Upcoming meetings' }).getByRole('button', { name: /^Cancel/ }).first().waitFor();
      found.push(...await violations(page, 'upcoming meetings'));
      await page.getByRole('button', { name: 'Past' }).click();
      await page.getByRole('region', { name: 'Past meetings' }).getByRole('button', { name: /held$/ }).first().waitFor();
      found.push(...await violations(page, 'past meetings'));

      await open(page, 'Routing');
      await page.getByRole('list', { name: 'Agents in routing order' }).waitFor();
      found.push(...await violations(page, 'routing'));

      await open(page, 'Flow');
      const invalid = bookingFlow('Hi!') as { dialogues: Array<{ cards: Record<string, unknown> }> };
      invalid.dialogues[0].cards.bye = { type: 'end', text: 'Bye', next: 'nowhere' };
      await page.getByLabel('Or paste the flow (JSON)').fill(JSON.stringify(invalid));
      await page.getByRole('button', { name: 'Check' }).click();
      await page.getByRole('heading', { name: /^Problems|^Warnings|^Changes/ }).first().waitFor();
      found.push(...await violations(page, 'flow'));

      await open(page, 'Settings');
      await page.getByRole('region', { name: 'Webhooks' }).waitFor();
      found.push(...await violations(page, 'settings'));

      expect(found).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
