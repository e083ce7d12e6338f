// `npm run screenshots [outDir]`: photographs the built script-tag widget (it builds nothing; run
// `npm run build` first) at 1280×800 and 375×667, light and dark, in four states: poke, open,
// meeting, closed; and twice more for low vision: under forced colors (Windows High Contrast) at
// 1280×800, and at 400 % zoom (320×256 CSS px drawn at 4×), where the meeting is also shown
// scrolled to its end. Files go to .tmp/screens/widget-<viewport>-<scheme>-<state>.png by default.
// DC_SCRIPT=<path> photographs another build of the script-tag file instead of dist/.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, '.tmp/screens');
const script = process.env.DC_SCRIPT ?? join(root, 'dist/dynamic-chat.js');

const WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['08:00', '18:00']]]));
const FIRST = 'Hi there! Looking for a demo?';
/** A flow that reaches every state quickly: a poke, a choice, a meeting with slots every day. */
const flow = {
  version: 1,
  settings: {
    botName: 'Northwind Bot', responseDelayMs: 300, privacyUrl: 'https://northwind.example/privacy',
    theme: { fontFamily: 'inherit', radius: 14, position: 'bottom-right' },
    meetings: { minNoticeHours: 2, bufferMinutes: 15 },
  },
  agents: [
    { id: 'maria', name: 'Maria Lopez', timeZone: 'UTC', weekly: WEEK },
    { id: 'kenji', name: 'Kenji Sato', timeZone: 'UTC', weekly: WEEK },
  ],
  dialogues: [{
    id: 'demo', name: 'Everyone', trigger: { on: 'load' }, frequency: 'always', start: 'hi',
    cards: {
      hi: { type: 'message', text: FIRST, next: 'ask' },
      ask: { type: 'choice', text: 'What would help most? **Pick one** below.', options: [
        { label: 'Book a demo', value: 'demo', next: 'meet' },
        { label: 'Just looking', value: 'browsing', next: 'bye' },
      ] },
      meet: { type: 'meeting', text: 'Pick a time for a 30-minute call:', durationMinutes: 30, daysAhead: 7, next: 'bye', fallback: 'bye' },
      bye: { type: 'end', text: 'Thanks!' },
    },
  }],
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/page.css"></head>
<body><header>Northwind</header><main><h1>Plans and pricing</h1>
<p>Everything your team needs to ship faster. Compare plans below, or ask the bot in the corner.</p>
<section><article><h2>Starter</h2><p>$9 per seat</p></article><article><h2>Team</h2><p>$29 per seat</p></article>
<article><h2>Enterprise</h2><p>Talk to us</p></article></section></main>
<script src="/dynamic-chat.js" data-flow="/flow.json" data-theme="auto" defer></script></body></html>`;

const CSS = `body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #222; background: #fafafa; }
header { padding: 16px 24px; background: #243b53; color: #fff; font-weight: 700; }
main { max-width: 900px; margin: 0 auto; padding: 24px; }
section { display: flex; flex-wrap: wrap; gap: 16px; }
article { flex: 1 1 200px; background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 16px; }
@media (prefers-color-scheme: dark) { body { background: #111; color: #ddd; } article { background: #1c1c1c; border-color: #333; } }`;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** Each set of pictures: a name for the files, the scheme, and the browser context's options. */
const SETS = [
  ['desktop', 'light', { viewport: DESKTOP }],
  ['desktop', 'dark', { viewport: DESKTOP }],
  ['phone', 'light', PHONE],
  ['phone', 'dark', PHONE],
  ['desktop', 'forced', { viewport: DESKTOP, forcedColors: 'active' }],
  // 400 % zoom of a 1280×1024 screen: the page lays out in 320×256 CSS px (WCAG 1.4.10's reflow size).
  ['zoom400', 'light', { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 }],
];

async function shoot(browser, server, [viewportName, scheme, options]) {
  const context = await browser.newContext({ colorScheme: scheme === 'dark' ? 'dark' : 'light', ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  const save = async (state) => {
    const file = join(outDir, `widget-${viewportName}-${scheme}-${state}.png`);
    await page.waitForTimeout(400); // let transitions settle before the picture
    await page.screenshot({ path: file });
    console.log(`  ${relative(root, file)}`);
  };

  await page.goto(`${server.url}/`);
  const launcher = page.getByRole('button', { name: /open chat/i });
  await launcher.waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByText(FIRST).first().waitFor({ state: 'visible', timeout: 10_000 })
    .catch(() => problems.push('no poke with the first message appeared'));
  await save('poke');

  // Opened from the keyboard, so the 'open' pictures show the focus ring on the first option.
  await launcher.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Book a demo' }).waitFor({ state: 'visible', timeout: 15_000 });
  await save('open');

  await dialog.getByRole('button', { name: 'Book a demo' }).click();
  await dialog.getByRole('button', { name: /\d{1,2}:\d{2}/ }).first().waitFor({ state: 'visible', timeout: 15_000 })
    .catch(() => problems.push('no meeting slot button appeared'));
  await save('meeting');
  if (viewportName === 'zoom400') {
    // What is below the fold when zoomed in: the last slots and the privacy link, scrolled to.
    await dialog.getByRole('link', { name: 'Privacy' }).scrollIntoViewIfNeeded();
    await save('meeting-end');
  }

  await dialog.getByRole('button', { name: /close chat/i }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => problems.push('the panel did not close'));
  await save('closed');

  for (const problem of problems) console.warn(`  ! ${viewportName}/${scheme}: ${problem}`);
  await context.close();
}

async function main() {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  mkdirSync(outDir, { recursive: true });
  const server = await startServer({
    headers: { 'content-security-policy': "default-src 'self'; style-src 'self'; script-src 'self'" },
    routes: {
      '/': { body: PAGE, type: 'text/html; charset=utf-8' },
      '/page.css': { body: CSS, type: 'text/css' },
      '/flow.json': { body: JSON.stringify(flow), type: 'application/json' },
      '/dynamic-chat.js': { file: script },
      // The loader imports the chat from the chunks beside it.
      '/chunks/': { dir: join(dirname(script), 'chunks') },
    },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    for (const set of SETS) await shoot(browser, server, set);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
