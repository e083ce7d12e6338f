// The dashboard at /admin in Chromium against the reference server (in this process, embedded
// PostgreSQL in memory), found by role and accessible name as a person would: sign in; a lead the
// widget captured in the same test; the CSV export; erasing the person (checked in the
// database); marking a past meeting held; cancelling an upcoming one; reordering agents, then
// booking through the widget (the agent shown as next gets it); a webhook added and its failed
// delivery redelivered; publishing an invalid flow (problems with paths), then a valid one the
// widget plays, and restoring the first. The axe pass over every page is in dashboard-a11y.test.ts.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookMeetings } from '../../scripts/dashboard-data.js';
import { DAY, TOKEN, bookingFlow, giveEmail, open, signedIn, startRig, type DashboardRig } from './dashboard-rig.js';

describe('the dashboard', () => {
  let rig: DashboardRig;

  beforeAll(async () => {
    rig = await startRig();
  }, 180_000);

  afterEach(() => {
    const errors = rig.errors.splice(0);
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await rig?.close();
  });

  it('refuses a wrong token with a message, and signs in with the admin token', async () => {
    const context = await rig.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${rig.server.url}/admin/leads`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('That is not the admin token.');
    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in where the person was going.
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    const cookies = await context.cookies(`${rig.server.url}/admin`);
    expect(cookies.find((cookie) => cookie.name === 'dc_admin_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // A reload keeps the session; signing out ends it.
    await page.reload();
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    await page.reload();
    await page.getByLabel('Admin token').waitFor();
    await context.close();
  });

  it('shows a lead the widget captured, exports it as CSV, and erases the person everywhere', async () => {
    // A CRM webhook where nothing answers: the lead's delivery stays queued until the erase.
    await fetch(`${rig.server.url}/admin/api/webhooks`, {
      method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/crm', secret: 'a-secret-of-some-length', events: ['lead.captured'] }),
    });
    const visitor = await giveEmail(rig, 'pat.lee@example.com');
    // A second person whose name a spreadsheet would run as a formula.
    await fetch(`${rig.server.url}/fields`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sessionId: 's-formula', dialogueId: 'book', fields: { email: 'eve@example.com', firstName: '=HYPERLINK("http://x.example")' }, page: 'https://shop.example/', at: new Date().toISOString(), key: 'formula-1' }),
    });
    const { context, page } = await signedIn(rig);
    await open(page, 'Leads');
    await page.getByLabel('Search by email or name').fill('pat.lee');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    const lead = page.getByRole('button', { name: 'pat.lee@example.com' });
    // The widget's outbox may still be sending: search again until the lead is there.
    await expect.poll(async () => {
      if (await lead.isVisible()) return true;
      await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
      return false;
    }, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('#dc-status').textContent()).toBe('1 lead found.');

    await lead.click();
    await page.getByRole('heading', { name: 'pat.lee@example.com', level: 1 }).waitFor();
    const fields = page.getByRole('region', { name: 'Fields' });
    await expect.poll(() => fields.getByRole('row', { name: /email pat\.lee@example\.com/ }).count()).toBe(1);
    expect(await fields.getByRole('cell', { name: 'book' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Back to leads' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const rows = parse(readFileSync(await download.path()), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.email).sort()).toEqual(['eve@example.com', 'pat.lee@example.com']);
    // The formula arrives as text, not as something a spreadsheet runs.
    expect(rows.find((row) => row.email === 'eve@example.com')!.firstName).not.toMatch(/^[=+\-@]/);

    await page.getByLabel('Search by email or name').fill('pat.lee');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await lead.click();
    await page.getByRole('button', { name: 'Erase pat.lee@example.com' }).click();
    const confirm = page.getByRole('dialog', { name: 'Erase pat.lee@example.com?' });
    await confirm.getByRole('button', { name: 'Erase this person' }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/^Erased pat\.lee@example\.com: 1 field value, 0 meetings, .*1 queued webhook/);
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();

    const db = rig.server.db;
    expect(await db.query("SELECT 1 FROM leads WHERE email = 'pat.lee@example.com'")).toEqual([]);
    expect(await db.query("SELECT 1 FROM fields WHERE fields::text LIKE '%pat.lee@example.com%'")).toEqual([]);
    expect(await db.query("SELECT 1 FROM outbox WHERE email = 'pat.lee@example.com' OR payload LIKE '%pat.lee@example.com%'")).toEqual([]);
    // The other lead is still there.
    expect(await db.query("SELECT 1 FROM leads WHERE email = 'eve@example.com'")).toHaveLength(1);
    await context.close();
    await visitor.context.close();
  });

  it('marks a past meeting held', async () => {
    // Booked while the server's clock said three days ago, so it is over now.
    rig.shift(-3 * DAY);
    await bookMeetings(rig.server.url, { agentIds: ['ana', 'ben'] }, [{ sessionId: 's-past', dialogueId: 'book', email: 'sam@example.com', firstName: 'Sam', lastName: 'Po' }], new Date(Date.now() - 3 * DAY));
    rig.shift(0);
    const { context, page } = await signedIn(rig);
    await open(page, 'Meetings');
    await page.getByRole('button', { name: 'Past' }).click();
    const table = page.getByRole('region', { name: 'Past meetings' });
    const row = table.getByRole('row', { name: /sam@example\.com/ });
    await row.waitFor();
    // The agent's own time zone is named beside the viewer's time.
    expect(await row.textContent()).toMatch(/GMT|WET|WEST|EST|EDT|UTC/);
    await row.getByRole('button', { name: 'Mark the meeting with sam@example.com held' }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/The meeting with sam@example\.com on .* is now held\./);
    expect(await rig.server.db.query("SELECT status FROM meetings WHERE lead_email = 'sam@example.com'")).toEqual([{ status: 'held' }]);
    await context.close();
  });

  it('cancels an upcoming meeting after asking: the slot is free again and the visitor gets a cancellation', async () => {
    await bookMeetings(rig.server.url, { agentIds: ['ana', 'ben'] }, [{ sessionId: 's-soon', dialogueId: 'book', email: 'kim@example.com', firstName: 'Kim', lastName: 'Lo' }]);
    const { context, page } = await signedIn(rig);
    await open(page, 'Meetings');
    const row = page.getByRole('region', { name: 'Upcoming meetings' }).getByRole('row', { name: /kim@example\.com/ });
    await row.getByRole('button', { name: 'Cancel the meeting with kim@example.com' }).click();
    const question = page.getByRole('dialog', { name: 'Cancel the meeting with kim@example.com?' });
    // Escape keeps it.
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    expect(await rig.server.db.query("SELECT status FROM meetings WHERE lead_email = 'kim@example.com'")).toEqual([{ status: 'upcoming' }]);
    await row.getByRole('button', { name: 'Cancel the meeting with kim@example.com' }).click();
    await question.getByRole('button', { name: 'Cancel the meeting' }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/with kim@example\.com .* is now cancelled\./);
    expect(await rig.server.db.query("SELECT status FROM meetings WHERE lead_email = 'kim@example.com'")).toEqual([{ status: 'cancelled' }]);
    expect(await rig.server.db.query("SELECT type FROM outbox WHERE channel = 'email' AND type = 'cancellation' AND email = 'kim@example.com'")).toHaveLength(1);
    const [{ start, agent }] = await rig.server.db.query<{ start: Date; agent: string }>("SELECT lower(during) AS start, agent_id AS agent FROM meetings WHERE lead_email = 'kim@example.com'");
    const query = new URLSearchParams({ dialogueId: 'book', agentIds: agent, durationMinutes: '30', from: new Date(Date.now() + 3_600_000).toISOString(), to: new Date(Date.now() + 3 * DAY).toISOString(), timeZone: 'UTC' });
    const { slots } = await (await fetch(`${rig.server.url}/slots?${query}`)).json() as { slots: Array<{ start: string }> };
    expect(slots.map((slot) => slot.start)).toContain(new Date(start).toISOString());
    await context.close();
  });

  it('reorders agents and pauses one: each time, the agent shown as next gets the booking made through the widget', async () => {
    const { context, page } = await signedIn(rig);
    await open(page, 'Routing');
    const list = page.getByRole('list', { name: 'Agents in routing order' });
    const nextName = async () => (await page.getByText(/^Next booking: /).textContent())!.replace('Next booking: ', '');
    await list.getByRole('listitem').first().waitFor();
    // Swap the two: the order changes, and what "next" says may change with it.
    const top = (await list.getByRole('listitem').first().textContent())!.includes('Ana Agent') ? 'Ana Agent' : 'Ben Agent';
    await page.getByRole('button', { name: `Move ${top} down` }).click();
    await expect.poll(() => list.getByRole('listitem').first().textContent()).not.toContain(top);
    // Focus stays on the moved agent's controls, for keyboard users.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Move (Ana|Ben) Agent (up|down)$/);

    const book = async (email: string): Promise<string> => {
      const shown = await nextName();
      const visitor = await giveEmail(rig, email);
      await visitor.chat.getByRole('button', { name: /\d{1,2}:\d{2}/ }).first().click({ timeout: 30_000 });
      // The visitor is told who they meet.
      await visitor.chat.getByText(shown).first().waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await rig.server.db.query<{ agent_id: string }>('SELECT agent_id FROM meetings WHERE lead_email = $1', [email])).length, { timeout: 20_000 }).toBe(1);
      const [{ agent_id: agent }] = await rig.server.db.query<{ agent_id: string }>('SELECT agent_id FROM meetings WHERE lead_email = $1', [email]);
      await visitor.context.close();
      expect(agent).toBe(shown === 'Ana Agent' ? 'ana' : 'ben');
      return shown;
    };
    const firstBooked = await book('first.booker@example.com');
    await page.reload();
    await list.getByRole('listitem').first().waitFor();
    // Round-robin: the other agent is next now.
    expect(await nextName()).not.toBe(firstBooked);
    await book('second.booker@example.com');

    // Pausing the agent who is next hands the next booking to the other.
    await page.reload();
    const paused = await nextName();
    await page.getByRole('button', { name: `Pause ${paused}` }).click();
    await expect.poll(nextName).not.toBe(paused);
    await page.getByRole('button', { name: `Resume ${paused}` }).waitFor();
    await book('third.booker@example.com');
    await context.close();
  });

  it('adds a webhook, shows its failed delivery and redelivers it; says that email is not set up', async () => {
    const received: number[] = [];
    const receiver = createServer((req, res) => {
      received.push(Date.now());
      req.resume();
      res.writeHead(received.length === 1 ? 500 : 204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const { context, page } = await signedIn(rig);
    await open(page, 'Settings');
    await page.getByLabel('URL').fill(hookUrl);
    await page.getByLabel('Secret').fill('short');
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('(/secret)');
    await page.getByLabel('Secret').fill('a-long-enough-secret');
    for (const event of ['meeting.booked', 'meeting.cancelled', 'dialogue.goal', 'dialogue.completed']) await page.getByLabel(event).uncheck();
    await page.getByRole('button', { name: 'Add the webhook' }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toBe(`Webhook added: ${hookUrl}.`);
    await page.getByRole('region', { name: 'Webhooks' }).getByRole('row', { name: /lead\.captured/ }).filter({ hasText: hookUrl }).waitFor();

    const visitor = await giveEmail(rig, 'hook.person@example.com');
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await visitor.context.close();
    await open(page, 'Overview');
    await open(page, 'Settings');
    const attempt = page.getByRole('region', { name: 'Recent deliveries' }).getByRole('row', { name: /HTTP 500/ });
    await attempt.waitFor();
    await attempt.getByRole('button', { name: /^Redeliver lead\.captured / }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/^lead\.captured .* queued again\.$/);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(1);

    await page.getByLabel('Send a test message to').fill('me@example.com');
    await page.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email is not set up');
    await context.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('shows the problems of an invalid flow with their paths and publishes nothing, then publishes a valid one that the widget plays', async () => {
    const { context, page } = await signedIn(rig);
    await open(page, 'Flow');
    const text = page.getByLabel('Or paste the flow (JSON)');
    const invalid = bookingFlow('Hi again!') as { dialogues: Array<{ cards: Record<string, { next?: string }> }> };
    invalid.dialogues[0].cards.email.next = 'nowhere';
    await text.fill(JSON.stringify(invalid));
    await page.getByRole('button', { name: 'Check' }).click();
    const problems = page.getByRole('list', { name: /Problems/ });
    await expect.poll(() => problems.textContent()).toContain('/dialogues/0/cards/email/next');
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/problems? found; nothing was published/);

    await text.fill(JSON.stringify(bookingFlow('Hi again!')));
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.getByRole('list', { name: /Changes against the live version/ }).textContent()).toContain('/dialogues/0/cards/email/text');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/^Published as version \d+/);
    const visitor = await giveEmail(rig, 'new.flow@example.com', 'Hi again!');
    await visitor.context.close();

    // The first version comes back from the history, after a question.
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('dialog', { name: 'Restore version 1?' }).getByRole('button', { name: 'Restore version 1' }).click();
    await expect.poll(() => page.locator('#dc-status').textContent()).toMatch(/^Version 1 restored as version \d+\./);
    const again = await giveEmail(rig, 'old.flow@example.com', 'Hello!');
    await again.context.close();
    await context.close();
  });
});
