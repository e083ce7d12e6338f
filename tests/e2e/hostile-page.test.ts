// The hostile-page suite (issue 9): the script-tag build on pages that redefine built-ins, lock
// their custom element registry, tamper with the widget's storage, or send a crafted link to a
// flow with catastrophic-backtracking patterns. Every case asserts what a visitor or the site's
// owner would notice: no uncaught error, no frozen main thread (no task over 200 ms, read from a
// DevTools trace of the whole visit), and nothing lost (a field typed in the chat reaches the
// site's backend exactly once, reloads included).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer, type StaticServer } from '../../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The longest main-thread task a visitor may sit through. */
const FROZEN_MS = 200;
const EMAIL = 'ada@example.com';
/** A crafted link: 30 `a`s and a `!` make `(a+)+$` try about 2^30 ways before failing. */
const CRAFTED = `${'a'.repeat(30)}!`;

const html = (body: string) => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title></head>
<body><main><h1>Welcome</h1><a href="/somewhere">A page link</a></main>
${body}</body></html>`,
});
const js = (body: string) => ({ type: 'text/javascript; charset=utf-8', body });
const TAG = (flow = '/flow.json') => `<script src="/dynamic-chat.js" data-flow="${flow}" data-endpoint="/api/chat" defer></script>`;

/** Two slots the day after tomorrow, in UTC, when the agent works all day. */
const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const SLOTS = [
  { start: `${day}T10:00:00.000Z`, end: `${day}T10:30:00.000Z`, agentIds: ['ana'] },
  { start: `${day}T11:00:00.000Z`, end: `${day}T11:30:00.000Z`, agentIds: ['ana'] },
];
const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '23:59']]]));

/** A lead dialogue on every page: markdown, a choice, an email, a meeting. */
const FLOW = {
  version: 1,
  settings: { botName: 'Test Bot', responseDelayMs: 0 },
  agents: [{ id: 'ana', name: 'Ana', timeZone: 'UTC', weekly: ALL_DAY }],
  dialogues: [{
    id: 'welcome',
    trigger: { on: 'load' },
    frequency: 'always',
    start: 'hi',
    cards: {
      hi: { type: 'message', text: 'Hello from the **test** bot, see [the docs](https://example.com/docs).', next: 'ask' },
      ask: { type: 'choice', text: 'Shall we continue?', field: 'interest', options: [{ label: 'Yes please', value: 'yes', next: 'email' }] },
      email: { type: 'input', kind: 'email', field: 'email', text: 'Your work email?', next: 'meet' },
      meet: { type: 'meeting', text: 'Pick a time:', durationMinutes: 30, daysAhead: 7, next: 'booked', fallback: 'none' },
      none: { type: 'end', text: 'Nobody is free.' },
      booked: { type: 'end', text: 'All set!' },
    },
  }],
};

/** Crafted links, and links the same rules match, with the dialogue each one targets. */
const REDOS_PAGES: Array<[string, string | null]> = [
  [`/${CRAFTED}`, null], [`/blog/${CRAFTED}`, null], [`/${'a'.repeat(30)}`, 'aaa'], ['/blog/hello-world', 'blog'],
];

/** Page rules that backtrack catastrophically on a crafted path (issue 9's two examples). */
const REDOS_PAGES_FLOW = {
  ...FLOW,
  dialogues: [
    { ...FLOW.dialogues[0], id: 'aaa', audience: { pages: [{ match: 'matches', value: '(a+)+$' }] } },
    { ...FLOW.dialogues[0], id: 'blog', audience: { pages: [{ match: 'matches', value: '^/blog/([a-z0-9]+-?)+$' }] } },
  ],
};

/** One dialogue on /pricing, another on /about: a route change must re-target. */
const ROUTES_FLOW = {
  ...FLOW,
  dialogues: [
    { ...FLOW.dialogues[0], id: 'pricing-help', audience: { pages: [{ match: 'startsWith', value: '/pricing' }] } },
    { ...FLOW.dialogues[0], id: 'about-help', audience: { pages: [{ match: 'startsWith', value: '/about' }] } },
  ],
};

/** A `matches` condition on what the visitor types: the crafted text is an answer here. */
const REDOS_ANSWER_FLOW = {
  ...FLOW,
  dialogues: [{
    ...FLOW.dialogues[0],
    start: 'word',
    cards: {
      word: { type: 'input', field: 'word', text: 'Say a word', next: 'check' },
      check: { type: 'branch', rules: [{ when: { field: 'answers.word', op: 'matches', value: '(a+)+$' }, next: 'yes' }], otherwise: 'no' },
      yes: { type: 'end', text: 'All a, to the end.' },
      no: { type: 'end', text: 'Not only a.' },
    },
  }],
};

/**
 * The page's own scripts, run before the widget: Prototype.js's Array#toJSON, a JSON.parse that
 * revives dates, a pretty-printing JSON.stringify, an enumerable property on every object, and a
 * monitoring fetch wrapper that passes everything through.
 */
const HOSTILE_GLOBALS = `
Array.prototype.toJSON = function () { return '[' + Array.prototype.map.call(this, function (x) { return JSON.stringify(x); }).join(', ') + ']'; };
(function () {
  var parse = JSON.parse, stringify = JSON.stringify, fetch = window.fetch;
  var iso = /^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d/;
  JSON.parse = function (text, reviver) {
    return parse(text, function (key, value) {
      if (typeof value === 'string' && iso.test(value)) value = new Date(value);
      return reviver ? reviver.call(this, key, value) : value;
    });
  };
  JSON.stringify = function (value, replacer, space) { return stringify(value, replacer, space === undefined ? 2 : space); };
  window.fetch = function (input, init) { return fetch(input, init); };
})();
Object.defineProperty(Object.prototype, 'polluted', { value: 'yes', enumerable: true, writable: true, configurable: true });
`;

/** A lead an earlier page left waiting in the outbox. */
const KEPT = 'kept@example.com';
/** The page's script, once per tab: garbage around one good entry in the widget's outbox. */
const GARBAGE_OUTBOX = `if (!sessionStorage.getItem('tampered')) {
  sessionStorage.setItem('tampered', '1');
  var body = { sessionId: 's-1', dialogueId: 'welcome', fields: { email: '${KEPT}' }, page: '/plain.html', at: new Date().toISOString(), key: 'hostile-kept' };
  localStorage.setItem('dc-outbox:/api/chat', JSON.stringify([null, 42, 'junk', { kind: 'fields' }, { kind: 'fields', key: 'hostile-kept', body: body, addedAt: Date.now() }]));
}`;

let server: StaticServer;
let browser: Browser;
/** The tab open now and whether its trace still runs, so a failed case leaves neither behind. */
let current: { tab: Page; tracing: boolean } | null = null;

beforeAll(async () => {
  server = await startServer({
    routes: {
      '/dynamic-chat.js': { file: join(root, 'dist/dynamic-chat.js') },
      '/chunks/': { dir: join(root, 'dist/chunks') },
      '/flow.json': { body: JSON.stringify(FLOW), type: 'application/json' },
      '/redos-pages.json': { body: JSON.stringify(REDOS_PAGES_FLOW), type: 'application/json' },
      '/api/chat/events': { body: '{}', type: 'application/json' },
      '/api/chat/fields': { body: '{}', type: 'application/json' },
      '/api/chat/slots': { body: JSON.stringify({ slots: SLOTS }), type: 'application/json' },
      '/api/chat/meetings': {
        body: JSON.stringify({ booking: { id: 'm1', agent: { id: 'ana', name: 'Ana' }, start: SLOTS[0]!.start, end: SLOTS[0]!.end } }),
        type: 'application/json',
      },
      '/hostile-globals.js': js(HOSTILE_GLOBALS),
      '/lock-registry.js': js("customElements.define = function () { throw new Error('locked'); };"),
      '/plain.html': html(TAG()),
      '/routes.json': { body: JSON.stringify(ROUTES_FLOW), type: 'application/json' },
      // A router that keeps the native pushState from startup, before the widget loads.
      '/router.js': js('window.routerPush = history.pushState.bind(history);'),
      '/pricing': html(`<script src="/router.js"></script>\n${TAG('/routes.json')}`),
      '/garbage-outbox.js': js(GARBAGE_OUTBOX),
      '/garbage-outbox.html': html(`<script src="/garbage-outbox.js"></script>\n${TAG()}`),
      '/globals.html': html(`<script src="/hostile-globals.js"></script>\n${TAG()}`),
      '/locked.html': html(`<script src="/hostile-globals.js"></script><script src="/lock-registry.js"></script>\n${TAG()}`),
      '/redos-answer.json': { body: JSON.stringify(REDOS_ANSWER_FLOW), type: 'application/json' },
      '/answer.html': html(TAG('/redos-answer.json')),
      ...Object.fromEntries(REDOS_PAGES.map(([path]) => [path, html(TAG('/redos-pages.json'))])),
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

afterEach(async () => {
  if (current?.tracing) await browser.stopTracing();
  await current?.tab.close();
  current = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What a page showed: uncaught errors, console warnings. */
interface Trouble { errors: string[]; warnings: string[] }

/** Opens `path` in a new traced tab that records the widget's dc-ready and dc-error events. */
async function open(path: string): Promise<{ tab: Page; trouble: Trouble }> {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const trouble: Trouble = { errors: [], warnings: [] };
  tab.on('pageerror', (error) => trouble.errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') trouble.warnings.push(message.text());
  });
  // Runs before the page's first script, on every load of the tab.
  await tab.addInitScript(() => {
    const w = window as unknown as { __dc: Array<{ type: string; detail: unknown }> };
    w.__dc = [];
    for (const type of ['dc-ready', 'dc-error']) {
      window.addEventListener(type, (e) => w.__dc.push({ type, detail: (e as CustomEvent).detail }), true);
    }
  });
  await browser.startTracing(tab, { categories: ['disabled-by-default-devtools.timeline'] });
  current = { tab, tracing: true };
  await tab.goto(server.url + path);
  return { tab, trouble };
}

/**
 * Ends the tab's trace and answers the longest main-thread task of the visit, in ms of the main
 * thread's own CPU time: on a shared test machine a task's wall time also counts the time other
 * processes held the CPU, which would fail a page our code never froze. A regex that backtracks
 * for seconds is seconds of CPU time, whatever the machine's load.
 */
async function longestTask(): Promise<number> {
  current!.tracing = false;
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: Array<{ name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }>;
  };
  const main = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = trace.traceEvents.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  // A trace without thread times would measure nothing and pass every page.
  if (!tasks.some((e) => e.tdur !== undefined)) throw new Error('the trace has no main-thread task with a CPU time');
  return tasks.reduce((longest, e) => Math.max(longest, (e.tdur ?? 0) / 1000), 0);
}

/** The dc-ready and dc-error events the page heard. */
async function dcEvents(tab: Page): Promise<Array<{ type: string; detail: { code?: string; path?: string; dialogueId?: string | null } }>> {
  return tab.evaluate(() => (window as unknown as { __dc: Array<{ type: string; detail: never }> }).__dc);
}

/** The bodies of the POSTs to `path` the backend received, parsed as JSON. */
function posted(path: string): unknown[] {
  return server.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as unknown);
}

/**
 * How many times the backend took a field: the distinct idempotency keys of the submissions that
 * carried it. A backend dedupes on the key (contract §3), so a page that resends under the same
 * key (a keepalive send on unload whose answer the page never saw) delivers it once.
 */
function fieldReceived(field: string, value: string): number {
  const keys = server.received
    .filter((r) => r.path === '/api/chat/fields' && (JSON.parse(r.body) as { fields?: Record<string, unknown> }).fields?.[field] === value)
    .map((r) => r.headers['idempotency-key']);
  return new Set(keys).size;
}
const emailsReceived = (email: string) => fieldReceived('email', email);

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Plays the lead dialogue: opens the launcher, says yes, types the email, books the first slot. */
async function playLeadDialogue(tab: Page, email: string): Promise<void> {
  const launcher = tab.getByRole('button', { name: /open chat/i });
  await launcher.waitFor({ state: 'visible', timeout: 15_000 });
  await launcher.click();
  const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
  await dialog.getByText('Hello from the test bot').waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name: 'Yes please' }).click();
  const box = dialog.getByRole('textbox', { name: 'Your work email?' });
  await box.fill(email);
  await box.press('Enter');
  const slots = dialog.getByRole('group', { name: 'Available times' }).getByRole('button');
  await slots.first().waitFor({ state: 'visible' });
  await slots.first().click();
  await dialog.getByText('All set!').waitFor({ state: 'visible' });
}

describe('dist/dynamic-chat.js on a hostile page', () => {
  it('with redefined built-ins (Array#toJSON, a reviving JSON.parse, a wrapped JSON.stringify and fetch, a polluted Object.prototype) plays the dialogue, books, and delivers the email exactly once', async () => {
    const fieldsBefore = emailsReceived(EMAIL);
    const meetingsBefore = posted('/api/chat/meetings').length;
    const batchesBefore = posted('/api/chat/events').length;
    const { tab, trouble } = await open('/globals.html');
    await playLeadDialogue(tab, EMAIL);

    await waitFor(() => emailsReceived(EMAIL) > fieldsBefore, 'the email at the backend');
    // Every event batch is a real array of events, whatever the page did to Array#toJSON.
    await waitFor(() => posted('/api/chat/events').length > 0, 'an event batch');
    for (const batch of posted('/api/chat/events')) expect(Array.isArray(batch)).toBe(true);
    const meetings = posted('/api/chat/meetings').slice(meetingsBefore) as Array<{ slot?: { start?: unknown } }>;
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.slot?.start).toBe(SLOTS[0]!.start);

    // A reload resumes the finished conversation and sends nothing twice.
    await tab.reload();
    await tab.getByRole('button', { name: /chat/i }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 2500));
    expect(emailsReceived(EMAIL) - fieldsBefore).toBe(1);
    expect(posted('/api/chat/meetings').length - meetingsBefore).toBe(1);
    const types = new Set((posted('/api/chat/events').slice(batchesBefore) as Array<Array<{ type: string }>>).flat().map((e) => e.type));
    expect([...types].sort()).toEqual(expect.arrayContaining(['acquired', 'completed', 'engaged', 'meeting', 'triggered']));

    expect(trouble.errors).toEqual([]);
    expect(await longestTask()).toBeLessThanOrEqual(FROZEN_MS);
  });

  it('with a locked registry and redefined built-ins: no error, window.DynamicChat is set, one warning, no long task', async () => {
    const { tab, trouble } = await open('/locked.html');
    await tab.waitForLoadState('load');
    await new Promise((r) => setTimeout(r, 500));
    expect(trouble.errors).toEqual([]);
    expect(await tab.evaluate(async () => typeof (await (window as unknown as { DynamicChat: { load(): Promise<{ validateFlow?: unknown }> } }).DynamicChat.load()).validateFlow)).toBe('function');
    expect(trouble.warnings.filter((w) => /dynamic-chat/.test(w))).toHaveLength(1);
    expect(await longestTask()).toBeLessThanOrEqual(FROZEN_MS);
  });

  it.each(REDOS_PAGES)('a link to %s, with (a+)+$ and ^/blog/([a-z0-9]+-?)+$ page rules: no freeze, no error, dc-ready names %s', async (path, dialogueId) => {
    const { tab, trouble } = await open(path);
    await tab.waitForLoadState('load');
    // The widget starts its work when the page is idle: an interaction starts it at once.
    await tab.mouse.move(10, 10);
    await tab.waitForFunction(() => (window as unknown as { __dc: unknown[] }).__dc.length > 0, undefined, { timeout: 15_000 });
    expect(await dcEvents(tab)).toEqual([{ type: 'dc-ready', detail: { dialogueId } }]);
    expect(trouble.errors).toEqual([]);
    expect(await longestTask()).toBeLessThanOrEqual(FROZEN_MS);
  });

  it('a router that saved pushState before the widget loaded: its route change re-targets (dc-ready names the new page\'s dialogue)', async () => {
    const { tab, trouble } = await open('/pricing');
    await tab.getByRole('button', { name: /open chat/i }).waitFor({ state: 'visible', timeout: 15_000 });
    await tab.evaluate(() => (window as unknown as { routerPush: History['pushState'] }).routerPush(null, '', '/about'));
    await tab.waitForFunction(() => (window as unknown as { __dc: unknown[] }).__dc.length > 1, undefined, { timeout: 15_000 });
    expect(await dcEvents(tab)).toEqual([
      { type: 'dc-ready', detail: { dialogueId: 'pricing-help' } },
      { type: 'dc-ready', detail: { dialogueId: 'about-help' } },
    ]);
    expect(trouble.errors).toEqual([]);
    expect(await longestTask()).toBeLessThanOrEqual(FROZEN_MS);
  });

  it('a crafted answer to a flow with a (a+)+$ condition: no freeze, no error, the branch taken, the answer delivered once', async () => {
    const { tab, trouble } = await open('/answer.html');
    const word = `${'a'.repeat(40)}!`;
    await tab.getByRole('button', { name: /open chat/i }).click({ timeout: 15_000 });
    const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
    const box = dialog.getByRole('textbox', { name: 'Say a word' });
    await box.fill(word);
    await box.press('Enter');
    await dialog.getByText('Not only a.').waitFor({ state: 'visible' });
    const words = () => fieldReceived('word', word);
    await waitFor(() => words() > 0, 'the answer at the backend');
    await new Promise((r) => setTimeout(r, 1500));
    expect(words()).toBe(1);
    expect(trouble.errors).toEqual([]);
    expect(await longestTask()).toBeLessThanOrEqual(FROZEN_MS);
  });
});

describe('dist/dynamic-chat.js with tampered storage', () => {
  /** Plays up to the email card on /plain.html and hands back the saved conversation to tamper with. */
  async function savedMidDialogue(): Promise<{ tab: Page; trouble: Trouble; saved: { state: { transcript: Array<Record<string, unknown> | null> } } }> {
    const { tab, trouble } = await open('/plain.html');
    await tab.getByRole('button', { name: /open chat/i }).click({ timeout: 15_000 });
    const dialog = tab.getByRole('dialog', { name: /Test Bot/ });
    await dialog.getByRole('button', { name: 'Yes please' }).click();
    await dialog.getByRole('textbox', { name: 'Your work email?' }).waitFor({ state: 'visible' });
    const saved = JSON.parse(await tab.evaluate(() => sessionStorage.getItem('dc:conversation') ?? 'null'));
    expect(saved?.state?.transcript?.length).toBeGreaterThan(2);
    return { tab, trouble, saved };
  }

  /** After a reload with bad state: a console warning, a fresh start, and the email still delivered once. */
  async function startsAfresh(tab: Page, trouble: Trouble, email: string): Promise<void> {
    await tab.reload();
    const fieldsBefore = emailsReceived(email);
    await playLeadDialogue(tab, email);
    await waitFor(() => emailsReceived(email) > fieldsBefore, 'the email at the backend');
    await new Promise((r) => setTimeout(r, 1500));
    expect(emailsReceived(email) - fieldsBefore).toBe(1);
    expect(trouble.errors).toEqual([]);
    expect(trouble.warnings.some((w) => /dynamic-chat/.test(w))).toBe(true);
    expect(await longestTask()).toBeLessThanOrEqual(FROZEN_MS);
  }

  it('a null transcript entry in dc:conversation is dropped with a warning and the visitor starts afresh', async () => {
    const { tab, trouble, saved } = await savedMidDialogue();
    saved.state.transcript[1] = null;
    await tab.evaluate((text) => sessionStorage.setItem('dc:conversation', text), JSON.stringify(saved));
    await startsAfresh(tab, trouble, 'null-entry@example.com');
  });

  it('a markdown node without children in dc:conversation is dropped with a warning and the visitor starts afresh', async () => {
    const { tab, trouble, saved } = await savedMidDialogue();
    const line = saved.state.transcript.find((entry) => Array.isArray(entry?.tree) && (entry.tree as unknown[]).length > 1)!;
    line.tree = [{ type: 'bold' }];
    await tab.evaluate((text) => sessionStorage.setItem('dc:conversation', text), JSON.stringify(saved));
    await startsAfresh(tab, trouble, 'no-children@example.com');
  });

  it('a garbage outbox entry is dropped with a warning; the good entry beside it reaches the backend exactly once', async () => {
    const { tab, trouble } = await open('/garbage-outbox.html');
    await waitFor(() => emailsReceived(KEPT) === 1, 'the good outbox entry at the backend');
    await startsAfresh(tab, trouble, 'after-garbage@example.com');
    expect(emailsReceived(KEPT)).toBe(1);
  });

});
