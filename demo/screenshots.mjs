// Screenshots of the previewer at 1280×800 and 375×667 into .tmp/screens/demo-*.png:
// `node --import tsx demo/screenshots.mjs` (starts the demo as `npm run demo` does, on its own
// port and temporary database; needs /usr/bin/chromium or CHROME_PATH).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemo } from '../scripts/demo.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.env.SCREENS_DIR || `${root}.tmp/screens`;
mkdirSync(out, { recursive: true });
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const demo = await startDemo({ port: 0 });
const base = demo.url;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', ...(asRoot || process.env.CI ? ['--no-sandbox'] : [])],
});
const troubles = [];

async function session(viewport, path) {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => troubles.push(`pageerror: ${e.message}`));
  // "Down" mode answers with network errors on purpose, and Chromium logs each failed request.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('net::ERR_FAILED')) troubles.push(`console: ${m.text()}`); });
  await page.goto(base + path);
  await page.locator('#status').getByText(/Playing|Nothing/).waitFor({ state: 'attached' });
  return page;
}
const shot = async (page, name) => { await page.screenshot({ path: `${out}/demo-${name}.png` }); console.log(`${out}/demo-${name}.png`); };
const tab = (page, name) => page.getByRole('tab', { name }).click();

// Desktop: the newcomer's first minute on the pricing page, then every tab.
const desk = await session({ width: 1280, height: 800 }, '/pricing');
await desk.locator('dynamic-chat').getByText('Comparing plans?').first().waitFor({ timeout: 10_000 });
await shot(desk, 'desktop-poke');
await tab(desk, 'Look');
await desk.getByRole('button', { name: /instant/ }).click();
await shot(desk, 'desktop-look');
await tab(desk, 'Flow');
const editor = desk.getByRole('textbox', { name: 'Flow JSON' });
const valid = await editor.inputValue();
await editor.fill(valid.replace('"start": "welcome"', '"start": "nowhere"').replace('"next": "size"', '"next": "sizes"'));
await desk.locator('#problems li').first().waitFor();
await shot(desk, 'desktop-errors');
await editor.fill(valid);
await tab(desk, 'Visit');
await desk.getByRole('radio', { name: 'Known lead' }).check();
await desk.locator('#status').getByText('known leads').waitFor();
await shot(desk, 'desktop-visit');
await desk.getByRole('button', { name: /open chat/i }).click();
const slot = desk.getByRole('dialog').getByRole('button', { name: /\d{1,2}:\d{2}/ }).first();
await slot.waitFor({ timeout: 15_000 });
await tab(desk, 'Graph');
await shot(desk, 'desktop-graph-meeting');
await slot.click();
await desk.getByRole('dialog').getByText(/Booked with/).waitFor();
// The booking as the server stored it.
await tab(desk, 'Data');
await desk.locator('#meetings').getByText('dana@acme.example').waitFor();
await desk.locator('dd[data-metric="meetings"]').getByText('1').first().waitFor({ timeout: 15_000 });
await shot(desk, 'desktop-data-booked');
await tab(desk, 'Log');
await desk.getByRole('radio', { name: /Down/ }).check();
await desk.getByRole('navigation', { name: 'Northwind' }).getByRole('link', { name: 'Blog' }).click();
await desk.waitForTimeout(300);
await desk.mouse.move(300, 400);
await desk.mouse.wheel(0, 3000);
await desk.locator('dynamic-chat').getByText('Enjoying the article?').first().waitFor({ timeout: 10_000 });
await desk.locator('dynamic-chat').getByText('Enjoying the article?').first().click();
await desk.getByRole('dialog').getByRole('button', { name: 'Sign me up' }).click();
await tab(desk, 'Log');
await desk.waitForTimeout(3000);
await shot(desk, 'desktop-log-down');
await tab(desk, 'Data');
await desk.waitForTimeout(500);
await shot(desk, 'desktop-data');
await tab(desk, 'Share');
await shot(desk, 'desktop-share');

// Phone: the site with the launcher, the previewer overlay, and the chat open full-screen.
const phone = await session({ width: 375, height: 667 }, '/pricing');
await phone.locator('dynamic-chat').getByText('Comparing plans?').first().waitFor({ timeout: 10_000 });
await shot(phone, 'phone-site');
await phone.getByRole('button', { name: 'Previewer' }).click();
await shot(phone, 'phone-panel');
await tab(phone, 'Graph');
await shot(phone, 'phone-graph');
// The same server: the desktop's booking is in the phone's Data tab too.
await tab(phone, 'Data');
await phone.locator('#meetings').getByText('dana@acme.example').waitFor();
await shot(phone, 'phone-data-booked');
await phone.getByRole('button', { name: 'Close previewer' }).click();
await phone.getByRole('button', { name: /open chat/i }).click();
await phone.getByRole('dialog').getByRole('button', { name: 'Talk to sales' }).waitFor({ timeout: 10_000 });
await shot(phone, 'phone-chat');

await browser.close();
await demo.close();
if (troubles.length) { console.error(troubles.join('\n')); process.exitCode = 1; }
