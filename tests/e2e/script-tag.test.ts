// The script-tag build on hostile pages: page CSS that hides every button and forces a font, a
// strict Content-Security-Policy, the file loaded twice, and a flow embedded in the page. And the
// loader's two stages: what it fetches when nothing plays, chunks that fail, two versions on a page.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer, type StaticServer } from '../../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name: string) => join(root, 'tests/e2e/fixtures', name);
const CSP = "default-src 'self'; style-src 'self'; script-src 'self'";

const page = (body: string) => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page</title>
<link rel="stylesheet" href="/hostile.css"></head><body><main><h1>Welcome</h1><div><button>Host button</button></div></main>
${body}</body></html>`,
});
const TAG = '<script src="/dynamic-chat.js" data-flow="/flow.json" defer></script>';
const dist = join(root, 'dist');
/** The page's `dc-error` events, kept by an init script (they bubble and are composed). */
const ERRORS = '<script src="/record-errors.js"></script>';

let server: StaticServer;
let browser: Browser;
const hostLitDir = mkdtempSync(join(tmpdir(), 'dc-host-lit-'));

/** What went wrong on a page: CSP violations, uncaught errors, console errors and warnings. */
interface Trouble { violations: string[]; errors: string[]; consoleErrors: string[]; warnings: string[] }

async function open(path: string, phone = false): Promise<{ tab: Page; trouble: Trouble }> {
  const tab = await browser.newPage(phone
    ? { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true }
    : { viewport: { width: 1280, height: 800 } });
  const trouble: Trouble = { violations: [], errors: [], consoleErrors: [], warnings: [] };
  tab.on('pageerror', (error) => trouble.errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'error') trouble.consoleErrors.push(message.text());
    if (message.type() === 'warning') trouble.warnings.push(message.text());
  });
  // Init scripts run through the DevTools protocol, outside the page's CSP.
  await tab.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await tab.goto(server.url + path);
  return { tab, trouble };
}

async function violations(tab: Page): Promise<string[]> {
  return tab.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

beforeAll(async () => {
  const flow = readFileSync(fixture('flow.json'), 'utf8');
  // The same dialogue where nothing plays: targeted elsewhere, or triggered after a minute on the page.
  const variant = (change: (dialogue: Record<string, unknown>) => void) => {
    const doc = JSON.parse(flow) as { dialogues: Array<Record<string, unknown>> };
    change(doc.dialogues[0]);
    return { body: JSON.stringify(doc), type: 'application/json' };
  };
  // The host's own copy of lit, as a page built with another version or bundle would have.
  await build({
    root, configFile: false, logLevel: 'silent', publicDir: false,
    build: { outDir: hostLitDir, lib: { entry: fixture('host-lit.ts'), formats: ['es'], fileName: () => 'host-lit.js' } },
  });
  server = await startServer({
    headers: { 'content-security-policy': CSP },
    routes: {
      '/dynamic-chat.js': { file: join(dist, 'dynamic-chat.js') },
      '/chunks/': { dir: join(dist, 'chunks') },
      '/flow.json': { file: fixture('flow.json') },
      '/flow-elsewhere.json': variant((d) => { d.audience = { pages: [{ match: 'startsWith', value: '/pricing' }] }; }),
      '/flow-in-a-minute.json': variant((d) => { d.trigger = { on: 'timeOnPage', seconds: 60 }; }),
      // A glob the loader judges alone; then audiences it cannot: it imports the full targeting chunk first.
      '/flow-glob.json': variant((d) => { d.audience = { pages: [{ match: 'glob', value: '/pricing/*' }] }; }),
      '/flow-pattern.json': variant((d) => { d.audience = { pages: [{ match: 'matches', value: '^/pric(e|ing)/' }], conditions: [{ field: 'page.path', op: 'matches', value: 'pat+ern' }] }; }),
      '/flow-schedule.json': variant((d) => { d.audience = { schedule: { days: [1, 2, 3, 4, 5, 6, 7], hours: ['00:00', '24:00'], timeZone: 'Europe/Rome' } }; }),
      '/flow-closed.json': variant((d) => { d.audience = { schedule: { until: '2001-01-01' } }; }),
      '/pricing/plans.html': page('<script src="/dynamic-chat.js" data-flow="/flow-glob.json" defer></script>'),
      '/pricing/pattern.html': page('<script src="/dynamic-chat.js" data-flow="/flow-pattern.json" defer></script>'),
      '/blog/glob.html': page('<script src="/dynamic-chat.js" data-flow="/flow-glob.json" defer></script>'),
      '/scheduled.html': page('<script src="/dynamic-chat.js" data-flow="/flow-schedule.json" defer></script>'),
      '/closed.html': page('<script src="/dynamic-chat.js" data-flow="/flow-closed.json" defer></script>'),
      '/outbox-waiting.html': page('<script src="/dynamic-chat.js" data-flow="/flow-elsewhere.json" data-endpoint="/api/chat" defer></script>'),
      '/nothing-targets.html': page('<script src="/dynamic-chat.js" data-flow="/flow-elsewhere.json" defer></script>'),
      '/in-a-minute.html': page('<script src="/dynamic-chat.js" data-flow="/flow-in-a-minute.json" defer></script>'),
      '/record-errors.js': {
        body: "window.__dcErrors = []; document.addEventListener('dc-error', (e) => window.__dcErrors.push(e.detail));",
        type: 'text/javascript',
      },
      // The same build in folders whose chunks fail: stage 2 once (then it loads), or every chunk always.
      '/flaky/': { dir: dist, failFirst: 1, failMatch: /^chunks\/stage-/ },
      '/broken/': { dir: dist, failFirst: Infinity, failMatch: /^chunks\// },
      '/flaky.html': page(`${ERRORS}<script src="/flaky/dynamic-chat.js" data-flow="/flow.json" defer></script>`),
      '/broken.html': page(`${ERRORS}<script src="/broken/dynamic-chat.js" data-flow="/flow.json" defer></script>`),
      '/broken-pattern.html': page(`${ERRORS}<script src="/broken/dynamic-chat.js" data-flow="/flow-pattern.json" defer></script>`),
      // Two copies of the loader from two folders, as two versions on one page would be.
      '/v1/': { dir: dist },
      '/v2/': { dir: dist },
      '/two-copies.html': page(`<script src="/v1/dynamic-chat.js" data-flow="/flow.json" defer></script>
<script src="/v2/dynamic-chat.js" data-flow="/flow.json" defer></script>`),
      '/hostile.css': { file: fixture('hostile.css') },
      '/hostile.html': page(TAG),
      '/twice.html': page(`${TAG}\n${TAG.replace(' defer', '')}`),
      '/host-lit.js': { file: join(hostLitDir, 'host-lit.js') },
      '/next-to-lit.html': page(`<host-greeting></host-greeting><script type="module" src="/host-lit.js"></script>\n${TAG}`),
      '/own-markup.html': page(`<dynamic-chat flow="/flow.json" mode="inline"></dynamic-chat>\n${TAG}`),
      '/define-only.html': page('<script src="/dynamic-chat.js" defer></script>'),
      '/with-endpoint.html': page('<script src="/dynamic-chat.js" data-flow="/flow.json" data-endpoint="/api/chat" defer></script>'),
      '/api/chat/events': { body: '{}', type: 'application/json' },
      '/api/chat/fields': { body: '{}', type: 'application/json' },
      // A page that locks its custom element registry before our script runs.
      '/lock-registry.js': { body: "customElements.define = () => { throw new Error('locked'); };", type: 'text/javascript' },
      '/locked-registry.html': page(`<script src="/lock-registry.js"></script>\n${TAG}`),
      '/locked-own-markup.html': page(`<dynamic-chat flow="/flow.json" mode="inline"></dynamic-chat><script src="/lock-registry.js"></script>\n${TAG}`),
      // A page whose own component already holds the tag name.
      '/take-tag.js': {
        body: "customElements.define('dynamic-chat', class extends HTMLElement { connectedCallback() { this.textContent = 'The page\\'s own chat'; } });",
        type: 'text/javascript',
      },
      '/taken-tag.html': page(`<dynamic-chat></dynamic-chat><script src="/take-tag.js"></script>\n${TAG}`),
      // A page that adds an enumerable property to every object, as old libraries did.
      '/pollute.js': { body: "Object.prototype.polluted = 'yes';", type: 'text/javascript' },
      '/polluted.html': page(`<script src="/pollute.js"></script>\n${TAG}`),
      '/inline-flow.html': page(`<script type="application/json" id="my-flow">${flow}</script>
<script src="/dynamic-chat.js" data-flow="#my-flow" defer></script>`),
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(hostLitDir, { recursive: true, force: true });
});

describe('dist/dynamic-chat.js on a hostile page under a strict CSP', () => {
  it('shows a visible, clickable launcher and plays the dialogue, with no CSP violation and no error', async () => {
    const served = server.requests.length;
    const { tab, trouble } = await open('/hostile.html');
    // The page's own CSS really is hostile: its button is gone.
    expect(await tab.getByText('Host button').isVisible()).toBe(false);

    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    const box = await launcher.boundingBox();
    expect(box && box.width >= 24 && box.height >= 24).toBe(true);
    await launcher.click();

    const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
    await dialog.waitFor({ state: 'visible' });
    const greeting = dialog.getByText('Hello from the test bot');
    await greeting.waitFor({ state: 'visible' });
    // The flow's font wins over the page's `* { font-family: … !important }`.
    expect(await greeting.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/comic/i);

    const yes = dialog.getByRole('button', { name: 'Yes please' });
    await yes.waitFor({ state: 'visible' });
    await yes.click();
    await dialog.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    expect(await dialog.getByRole('log').innerText()).toContain('Yes please');

    expect(await violations(tab)).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    expect(trouble.warnings.filter((w) => /content security policy/i.test(w))).toEqual([]);
    // Nothing is fetched but the page, its CSS, the loader, the flow and the loader's own chunks.
    const fetched = server.requests.slice(served).filter((r) => r !== '/favicon.ico');
    expect(new Set(fetched.filter((r) => !r.startsWith('/chunks/'))))
      .toEqual(new Set(['/hostile.html', '/hostile.css', '/dynamic-chat.js', '/flow.json']));
    expect(fetched.some((r) => /^\/chunks\/stage-[\w-]+\.js$/.test(r)), 'stage 2 came from chunks/ beside the loader').toBe(true);
    await tab.close();
  });

  it('on a 375×667 phone, opens full screen over the hostile page, hides the launcher, and Escape brings it back', async () => {
    const { tab, trouble } = await open('/hostile.html', true);
    const launcher = tab.getByRole('button', { name: /open chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.tap();
    const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
    await dialog.getByRole('button', { name: 'Yes please' }).waitFor({ state: 'visible' });
    const box = await dialog.boundingBox();
    expect(box && box.width >= 374 && box.height >= 600).toBe(true);
    expect(await launcher.isVisible()).toBe(false);
    await tab.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await launcher.waitFor({ state: 'visible' });
    expect(await launcher.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    expect(trouble.errors).toEqual([]);
    expect(await violations(tab)).toEqual([]);
    await tab.close();
  });

  it('does no harm when the script is loaded twice: one element, one launcher, at most one warning', async () => {
    const { tab, trouble } = await open('/twice.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await tab.locator('dynamic-chat').count()).toBe(1);
    expect(await launcher.count()).toBe(1);
    const api = await tab.evaluate(async () => {
      const global = (window as unknown as { DynamicChat?: { DynamicChat: unknown; load(): Promise<Record<string, unknown>> } }).DynamicChat;
      const all = await global?.load();
      return {
        validateFlow: typeof all?.validateFlow,
        registered: customElements.get('dynamic-chat') === global?.DynamicChat && all?.DynamicChat === global?.DynamicChat,
      };
    });
    expect(api).toEqual({ validateFlow: 'function', registered: true });
    await launcher.click();
    await tab.getByRole('dialog', { name: /Test Bot/ }).getByText('Hello from the test bot').waitFor({ state: 'visible' });
    expect(trouble.warnings.filter((w) => /dynamic-chat/i.test(w)).length).toBeLessThanOrEqual(1);
    expect(trouble.errors).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    expect(await violations(tab)).toEqual([]);
    await tab.close();
  });

  it('works next to the page\'s own copy of lit, and both components render', async () => {
    const { tab, trouble } = await open('/next-to-lit.html');
    await tab.getByText('Host component says hi').waitFor({ state: 'visible', timeout: 15_000 });
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.click();
    await tab.getByRole('dialog', { name: /Test Bot/ }).getByRole('button', { name: 'Yes please' }).click();
    await tab.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    expect(trouble.errors).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    expect(await violations(tab)).toEqual([]);
    await tab.close();
  });

  it('leaves a page that places its own <dynamic-chat> alone, and only defines the tag without data-flow', async () => {
    const own = await open('/own-markup.html');
    await own.tab.getByRole('region', { name: /Test Bot/ }).getByText('Hello from the test bot').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await own.tab.locator('dynamic-chat').count()).toBe(1);
    expect(own.trouble.errors).toEqual([]);
    await own.tab.close();

    const bare = await open('/define-only.html');
    await bare.tab.waitForFunction(() => customElements.get('dynamic-chat') !== undefined);
    expect(await bare.tab.evaluate(() => typeof (window as unknown as { DynamicChat?: unknown }).DynamicChat)).toBe('object');
    expect(await bare.tab.locator('dynamic-chat').count()).toBe(0);
    expect(bare.trouble.errors).toEqual([]);
    await bare.tab.close();
  });

  it('sends events to data-endpoint through the HTTP adapter, with idempotency keys, under the CSP', async () => {
    const { tab, trouble } = await open('/with-endpoint.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.click();
    await tab.getByRole('dialog', { name: /Test Bot/ }).getByRole('button', { name: 'Yes please' }).click();
    await tab.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    const deadline = Date.now() + 15_000;
    const posted = () => server.received.filter((r) => r.path === '/api/chat/events');
    while (posted().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const batch = posted()[0];
    expect(batch?.method).toBe('POST');
    expect(typeof batch?.headers['idempotency-key']).toBe('string');
    const events = JSON.parse(batch!.body) as Array<{ type: string; dialogueId: string }>;
    expect(events.map((e) => e.type)).toContain('triggered');
    expect(events.every((e) => e.dialogueId === 'welcome')).toBe(true);
    expect(trouble.errors).toEqual([]);
    expect(await violations(tab)).toEqual([]);
    await tab.close();
  });

  it('plays a flow embedded in the page with data-flow="#id"', async () => {
    const { tab, trouble } = await open('/inline-flow.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.press('Enter');
    const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
    await dialog.getByText('Hello from the test bot').waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'No thanks' }).click();
    await dialog.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    expect(trouble.errors).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    expect(await violations(tab)).toEqual([]);
    await tab.close();
  });
});

describe('dist/dynamic-chat.js on a page with a polluted Object.prototype', () => {
  it('sets window.DynamicChat and plays the dialogue, with no error', async () => {
    const { tab, trouble } = await open('/polluted.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await tab.evaluate(async () => typeof (await (window as unknown as { DynamicChat: { load(): Promise<{ validateFlow?: unknown }> } }).DynamicChat.load()).validateFlow)).toBe('function');
    await launcher.click();
    const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
    await dialog.getByRole('button', { name: 'Yes please' }).click();
    await dialog.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    expect(trouble.errors).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    await tab.close();
  });
});

describe('dist/dynamic-chat.js on a page whose registry refuses it', () => {
  /** window.DynamicChat as the page sees it: the exports that matter to a page script (the rest through load()). */
  const api = (tab: Page) => tab.evaluate(async () => {
    const global = (window as unknown as { DynamicChat?: { defineDynamicChat?: unknown; load(): Promise<Record<string, unknown>> } }).DynamicChat;
    return { validateFlow: typeof (await global?.load())?.validateFlow, defineDynamicChat: typeof global?.defineDynamicChat };
  });
  const expected = { validateFlow: 'function', defineDynamicChat: 'function' };

  it('a locked registry: no uncaught error, window.DynamicChat is set, one clear warning, the page untouched', async () => {
    const { tab, trouble } = await open('/locked-registry.html');
    await tab.waitForLoadState('load');
    expect(trouble.errors).toEqual([]);
    expect(await api(tab)).toEqual(expected);
    const warnings = trouble.warnings.filter((w) => /dynamic-chat/i.test(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not define <dynamic-chat>.*locked/);
    // No inert element left behind on the page.
    expect(await tab.locator('dynamic-chat').count()).toBe(0);
    // Calling the define helper again from page code warns no more and throws nothing.
    expect(await tab.evaluate(() => {
      try { (window as unknown as { DynamicChat: { defineDynamicChat(): void } }).DynamicChat.defineDynamicChat(); return 'ok'; }
      catch (error) { return String(error); }
    })).toBe('ok');
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });

  it('a locked registry next to the page\'s own <dynamic-chat> markup: no error, the markup left as it is', async () => {
    const { tab, trouble } = await open('/locked-own-markup.html');
    await tab.waitForLoadState('load');
    expect(trouble.errors).toEqual([]);
    expect(await api(tab)).toEqual(expected);
    expect(await tab.locator('dynamic-chat').count()).toBe(1);
    expect(trouble.warnings.filter((w) => /dynamic-chat/i.test(w))).toHaveLength(1);
    await tab.close();
  });

  it('a tag name taken by the page\'s own class: no error, window.DynamicChat is set, the page\'s element still works', async () => {
    const { tab, trouble } = await open('/taken-tag.html');
    await tab.waitForLoadState('load');
    expect(trouble.errors).toEqual([]);
    expect(await api(tab)).toEqual(expected);
    await tab.getByText('The page\'s own chat').waitFor({ state: 'visible' });
    expect(await tab.locator('dynamic-chat').count()).toBe(1);
    expect(trouble.warnings.filter((w) => /dynamic-chat/i.test(w))).toHaveLength(1);
    await tab.close();
  });
});

describe('dist/dynamic-chat.js in two stages', () => {
  /** What a page fetched once the loader had time to idle, fetch the flow, target and watch the trigger. */
  async function fetchedBy(path: string): Promise<string[]> {
    const served = server.requests.length;
    const { tab, trouble } = await open(path);
    await tab.waitForLoadState('load');
    await tab.waitForFunction(() => document.querySelector('dynamic-chat') !== null);
    // The flow is fetched at idle (requestIdleCallback, 2 s at most); then a moment for anything else.
    const deadline = Date.now() + 5000;
    while (!server.requests.slice(served).some((r) => r.startsWith('/flow')) && Date.now() < deadline) await tab.waitForTimeout(50);
    await tab.waitForTimeout(1500);
    expect(trouble.errors).toEqual([]);
    expect(await violations(tab)).toEqual([]);
    await tab.close();
    return server.requests.slice(served).filter((r) => r !== '/favicon.ico');
  }

  it('a page no dialogue targets fetches the loader and the flow, nothing else', async () => {
    expect(await fetchedBy('/nothing-targets.html')).toEqual(['/nothing-targets.html', '/hostile.css', '/dynamic-chat.js', '/flow-elsewhere.json']);
  });

  it('a dialogue whose trigger has not fired (timeOnPage 60) fetches nothing but the loader and the flow', async () => {
    expect(await fetchedBy('/in-a-minute.html')).toEqual(['/in-a-minute.html', '/hostile.css', '/dynamic-chat.js', '/flow-in-a-minute.json']);
  });

  it('a glob page rule on a page it does not target: the loader and the flow, nothing else', async () => {
    expect(await fetchedBy('/blog/glob.html')).toEqual(['/blog/glob.html', '/hostile.css', '/dynamic-chat.js', '/flow-glob.json']);
  });

  it('a glob page rule on a page it targets (trigger load): the dialogue plays, with no targeting chunk', async () => {
    const served = server.requests.length;
    const { tab, trouble } = await open('/pricing/plans.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.click();
    await tab.getByRole('dialog', { name: /Test Bot/ }).getByRole('button', { name: 'Yes please' }).click();
    await tab.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    expect(server.requests.slice(served).filter((r) => r.startsWith('/chunks/')).map((r) => r.split('-')[0])).toEqual(['/chunks/stage']);
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });

  it('audiences with a pattern or a schedule are judged by the targeting chunk: they target as the engine says', async () => {
    for (const path of ['/pricing/pattern.html', '/scheduled.html']) {
      const served = server.requests.length;
      const { tab, trouble } = await open(path);
      // The loader's own targeting has no pattern engine or time zones: only the chunk's plays these.
      await tab.getByRole('button', { name: /chat/i }).waitFor({ state: 'visible', timeout: 15_000 });
      expect(server.requests.slice(served).some((r) => r.startsWith('/chunks/targeting-')), `${path} loaded the targeting chunk`).toBe(true);
      expect(trouble.errors).toEqual([]);
      await tab.close();
    }
  });

  it('a glob or a schedule that rules the page out: no launcher, and no stage 2', async () => {
    expect((await fetchedBy('/blog/glob.html')).some((r) => r.startsWith('/chunks/stage-'))).toBe(false);
    expect((await fetchedBy('/closed.html')).some((r) => r.startsWith('/chunks/stage-'))).toBe(false);
  });

  it('an outbox an earlier page left is flushed on a page nothing targets, with the adapters chunk alone', async () => {
    const served = server.requests.length;
    const posted = server.received.length;
    const tab = await browser.newPage();
    const item = {
      kind: 'fields', key: 'left-behind', addedAt: Date.now(),
      body: { sessionId: 's', visitorId: 'v', dialogueId: 'welcome', fields: { email: 'jo@acme.com' }, page: '/', at: new Date().toISOString(), key: 'left-behind' },
    };
    await tab.addInitScript((value) => localStorage.setItem('dc-outbox:/api/chat', value), JSON.stringify([item]));
    await tab.goto(`${server.url}/outbox-waiting.html`);
    const deadline = Date.now() + 15_000;
    const fields = () => server.received.slice(posted).filter((r) => r.path === '/api/chat/fields');
    while (fields().length === 0 && Date.now() < deadline) await tab.waitForTimeout(100);
    expect(fields().map((r) => JSON.parse(r.body).fields)).toEqual([{ email: 'jo@acme.com' }]);
    const chunks = server.requests.slice(served).filter((r) => r.startsWith('/chunks/'));
    expect(chunks.some((r) => r.startsWith('/chunks/adapters-'))).toBe(true);
    expect(chunks.some((r) => r.startsWith('/chunks/stage-')), 'no stage 2').toBe(false);
    await tab.close();
  });

  it('window.DynamicChat: the element, defineDynamicChat and registerLocale at once; load() gives every npm export', async () => {
    const { tab, trouble } = await open('/define-only.html');
    await tab.waitForFunction(() => customElements.get('dynamic-chat') !== undefined);
    const api = await tab.evaluate(async () => {
      const global = (window as unknown as { DynamicChat: Record<string, unknown> & { load(): Promise<Record<string, unknown>> } }).DynamicChat;
      const before = Object.keys(global).sort();
      const all = await global.load();
      return { before, all: Object.keys(all).sort(), same: all.DynamicChat === global.DynamicChat && all.registerLocale === global.registerLocale };
    });
    expect(api.before).toEqual(['DynamicChat', 'defineDynamicChat', 'load', 'registerLocale']);
    expect(api.all).toEqual(['DynamicChat', 'THEME_TOKENS', 'defineDynamicChat', 'httpAdapter', 'localAdapter', 'registerLocale', 'resolveDialogue', 'roundRobin', 'validateFlow']);
    expect(api.same).toBe(true);
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });

  it('a chunk that fails once is fetched again and the chat plays, with no dc-error', async () => {
    const served = server.requests.length;
    const { tab, trouble } = await open('/flaky.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.click();
    await tab.getByRole('dialog', { name: /Test Bot/ }).getByRole('button', { name: 'Yes please' }).click();
    await tab.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    const stage = server.requests.slice(served).filter((r) => r.startsWith('/flaky/chunks/stage-'));
    expect(stage.length, 'the stage chunk was asked for twice').toBe(2);
    expect(await tab.evaluate(() => (window as unknown as { __dcErrors: unknown[] }).__dcErrors)).toEqual([]);
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });

  it('a chunk that always fails: dc-error load-failed, nothing thrown, no launcher; show() tries again', async () => {
    const served = server.requests.length;
    const { tab, trouble } = await open('/broken.html');
    await tab.waitForFunction(() => (window as unknown as { __dcErrors: unknown[] }).__dcErrors.length > 0, undefined, { timeout: 15_000 });
    const errors = await tab.evaluate(() => (window as unknown as { __dcErrors: Array<{ code: string }> }).__dcErrors);
    expect(errors.map((e) => e.code)).toEqual(['load-failed']);
    const asked = () => server.requests.slice(served).filter((r) => r.startsWith('/broken/chunks/stage-')).length;
    expect(asked(), 'tried twice').toBe(2);
    expect(await tab.getByRole('button', { name: /chat/i }).count()).toBe(0);
    expect(trouble.errors).toEqual([]);
    // The next request to play tries again (and fails again, quietly).
    await tab.evaluate(() => document.querySelector('dynamic-chat')!.show());
    expect(asked()).toBe(4);
    expect(await tab.evaluate(() => (window as unknown as { __dcErrors: Array<{ code: string }> }).__dcErrors.map((e) => e.code))).toEqual(['load-failed', 'load-failed']);
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });

  it('a targeting chunk that always fails: dc-error load-failed, and show() loads again', async () => {
    const served = server.requests.length;
    const { tab, trouble } = await open('/broken-pattern.html');
    await tab.waitForFunction(() => (window as unknown as { __dcErrors: unknown[] }).__dcErrors.length > 0, undefined, { timeout: 15_000 });
    const asked = () => server.requests.slice(served).filter((r) => r.startsWith('/broken/chunks/targeting-')).length;
    expect(asked()).toBe(2);
    await tab.evaluate(() => document.querySelector('dynamic-chat')!.show());
    expect(asked()).toBe(4);
    expect(await tab.evaluate(() => (window as unknown as { __dcErrors: Array<{ code: string }> }).__dcErrors.map((e) => e.code))).toEqual(['load-failed', 'load-failed']);
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });

  it('two copies from two folders: the first defines the tag, the second steps aside, only the first copy\'s chunks are used', async () => {
    const served = server.requests.length;
    const { tab, trouble } = await open('/two-copies.html');
    const launcher = tab.getByRole('button', { name: /chat/i });
    await launcher.waitFor({ state: 'visible', timeout: 15_000 });
    await launcher.click();
    await tab.getByRole('dialog', { name: /Test Bot/ }).getByRole('button', { name: 'Yes please' }).click();
    await tab.getByText('Goodbye for now!').waitFor({ state: 'visible' });
    expect(await tab.locator('dynamic-chat').count()).toBe(1);
    const chunks = server.requests.slice(served).filter((r) => r.includes('/chunks/'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((r) => r.startsWith('/v1/chunks/')), chunks.join(' ')).toBe(true);
    expect(trouble.warnings.filter((w) => /dynamic-chat/i.test(w)).length).toBeLessThanOrEqual(1);
    expect(trouble.errors).toEqual([]);
    await tab.close();
  });
});
