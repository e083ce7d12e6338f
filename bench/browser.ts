/** `npm run bench`, second part: what pasting the script tag costs a page, measured in headless Chromium; prints figures. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { scriptTagBuild } from '../scripts/build.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer } from '../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(root, 'dist/dynamic-chat.js');
const RUNS = 15;
const THROTTLES = [1, 4]; // 4x is Lighthouse's "mid-range phone" CPU
const SETTLE_MS = 250; // after dc-ready, so the first render of the launcher is in the trace
const LONG_TASK_MS = 50;
// RunTask needs the disabled-by-default timeline; the heavier 'v8' category is left out to keep tracing's own cost down.
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

const TAG = '<script src="/dynamic-chat.js" data-flow="/flow.json" defer></script>';
const paragraph = 'Northwind helps teams plan, track and ship their work. Every plan includes unlimited projects, '
  + 'guest access, single sign-on on request and support from people who use the product every day. ';
/** A pricing page with no script of its own: nothing else competes for the main thread. */
const hostPage = (snippet: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pricing · Northwind</title>
<style>body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #222 } header, footer { padding: 16px 24px; background: #243b53; color: #fff }
main { max-width: 960px; margin: 0 auto; padding: 24px } section { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px }
article { border: 1px solid #ddd; border-radius: 8px; padding: 16px }</style></head>
<body><header><strong>Northwind</strong> <nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/blog">Blog</a></nav></header>
<main><h1>Plans and pricing</h1><p>${paragraph.repeat(3)}</p><section>
${['Starter', 'Team', 'Business', 'Enterprise'].map((plan) => `<article><h2>${plan}</h2><p>${paragraph}</p><ul><li>Projects</li><li>Reports</li><li>Support</li></ul></article>`).join('\n')}
</section><h2>Questions</h2>${`<details><summary>Can I change plans later?</summary><p>${paragraph}</p></details>`.repeat(6)}</main>
<footer>© Northwind</footer>${snippet}</body></html>`;

/** When the page's load event and dc-ready happened, in ms since navigation start. */
interface Timing { load: number; ready: number }

/** What our file cost the main thread in one traced load, in milliseconds. */
interface Cost {
  parseOffThread: number; evaluate: number; oursBeforeLoad: number; oursTotal: number;
  longTasks: number; longest: number; longSources: string[];
}

/** A Chrome trace event, as much of it as the analysis reads. */
interface TraceEvent {
  name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; id2?: { local?: string };
  args?: { frame?: string; data?: { url?: string; documentLoaderURL?: string; functionName?: string };
    animation_frame_script_timing_info?: { source_location_url: string; invoker_type: string; class_like_name: string; property_like_name: string } };
}

/** A stretch of main-thread time in microseconds of the trace clock, with what ran in it. */
interface Span { start: number; end: number; label: string }

/**
 * Reads one load's trace. Main-thread time is "ours" when Chrome attributes it to our URL: the
 * script's evaluation, callbacks into it (FunctionCall) and the script executions the Long
 * Animation Frame instrumentation tags with our URL (this covers promise continuations such as
 * the flow arriving), plus the microtask checkpoints of tasks that ran our code.
 */
function analyse(events: TraceEvent[], pageUrl: string, scriptUrl: string): Cost {
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === pageUrl);
  if (!nav) throw new Error(`no navigation to ${pageUrl} in the trace`);
  const loadMark = events.find((e) => e.name === 'loadEventStart' && e.args?.frame === nav.args?.frame);
  if (!loadMark) throw new Error('no load event in the trace');
  const t0 = nav.ts;
  const tLoad = loadMark.ts;
  const main = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid).sort((a, b) => a.ts - b.ts);
  const ms = (us: number) => us / 1000;

  // Top-level tasks only: a nested run loop would count its time twice.
  const tasks: Span[] = [];
  for (const e of main) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.ts < t0) continue;
    const last = tasks[tasks.length - 1];
    if (!last || e.ts >= last.end) tasks.push({ start: e.ts, end: e.ts + (e.dur ?? 0), label: '' });
  }

  const spans: Span[] = [];
  const open = new Map<string, Span>();
  for (const e of main) {
    const url = e.args?.data?.url;
    if ((e.name === 'EvaluateScript' || e.name === 'FunctionCall') && e.ph === 'X' && url === scriptUrl) {
      const label = e.name === 'EvaluateScript' ? 'evaluating the file' : `callback ${e.args?.data?.functionName || '(anonymous)'}`;
      spans.push({ start: e.ts, end: e.ts + (e.dur ?? 0), label });
    } else if (e.name === 'AnimationFrame::Script::Execute') {
      const id = e.id2?.local ?? '';
      const info = e.args?.animation_frame_script_timing_info;
      if (e.ph === 'b' && info?.source_location_url === scriptUrl) {
        const member = [info.class_like_name, info.property_like_name].filter(Boolean).join('.');
        const label = info.invoker_type === 'CLASSIC_SCRIPT' ? 'evaluating the file' : `${info.invoker_type.toLowerCase()} ${member}`.trim();
        open.set(id, { start: e.ts, end: e.ts, label });
      } else if (e.ph === 'e' && open.has(id)) {
        spans.push({ ...open.get(id)!, end: e.ts });
        open.delete(id);
      }
    }
  }
  const inTask = (task: Span) => spans.filter((s) => s.start < task.end && s.end > task.start);
  for (const e of main) {
    if (e.name !== 'RunMicrotasks' || e.ph !== 'X') continue;
    const task = tasks.find((t) => e.ts >= t.start && e.ts < t.end);
    if (task && inTask(task).length) spans.push({ start: e.ts, end: e.ts + (e.dur ?? 0), label: 'microtasks' });
  }

  // Spans nest and overlap (an evaluation inside a script execution): count each microsecond once.
  const sumUntil = (list: Span[], until: number) => {
    let total = 0;
    let reached = -Infinity;
    for (const s of [...list].sort((a, b) => a.start - b.start)) {
      const start = Math.max(s.start, reached);
      const end = Math.min(s.end, until);
      if (end > start) total += end - start;
      reached = Math.max(reached, s.end);
    }
    return total;
  };
  const long = tasks.filter((t) => t.end - t.start > LONG_TASK_MS * 1000 && inTask(t).length);
  const ours = tasks.map((t) => t.end - t.start).filter((_, i) => inTask(tasks[i]).length);
  return {
    parseOffThread: ms(events.filter((e) => e.name === 'v8.parseOnBackground' && e.args?.data?.url === scriptUrl).reduce((sum, e) => sum + (e.dur ?? 0), 0)),
    evaluate: ms(main.filter((e) => e.name === 'EvaluateScript' && e.args?.data?.url === scriptUrl).reduce((sum, e) => sum + (e.dur ?? 0), 0)),
    oursBeforeLoad: ms(sumUntil(spans, tLoad)),
    oursTotal: ms(sumUntil(spans, Infinity)),
    longTasks: long.length,
    longest: ms(Math.max(0, ...ours)),
    // Named after the longest piece of our code inside the task.
    longSources: long.map((t) => `${inTask(t).sort((a, b) => (b.end - b.start) - (a.end - a.start))[0].label}${t.start < tLoad ? ' (before load)' : ''}`),
  };
}

/**
 * Loads the host page once in a fresh context (a first-time visitor: empty cache and storage).
 * Tracing slows the page by a third or more, so a traced load gives the cost and an untraced one the timing.
 */
async function loadOnce(browser: Browser, base: string, throttle: number, withSnippet: boolean, traced = false): Promise<Timing & { cost?: Cost }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    // A console message, not polling from outside, says dc-ready happened: polling would run script in the page.
    await page.addInitScript(() => document.addEventListener('dc-ready', () => {
      (window as unknown as { dcReady: number }).dcReady = performance.now();
      console.debug('dc-ready');
    }));
    const ready = withSnippet ? page.waitForEvent('console', { predicate: (m) => m.text() === 'dc-ready', timeout: 20_000 }) : null;
    const url = `${base}/${withSnippet ? 'pricing' : 'pricing-without-chat'}`;
    if (traced) await browser.startTracing(undefined, { categories: CATEGORIES });
    await page.goto(url, { waitUntil: 'load' });
    if (ready) {
      await ready;
      await page.waitForTimeout(SETTLE_MS);
    }
    const trace = traced ? JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } : null;
    const timing = await page.evaluate(() => ({
      load: performance.getEntriesByType('navigation')[0]?.toJSON().loadEventStart as number,
      ready: (window as unknown as { dcReady?: number }).dcReady ?? NaN,
    }));
    return { ...timing, cost: trace ? analyse(trace.traceEvents, url, `${base}/dynamic-chat.js`) : undefined };
  } finally {
    await context.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Builds the script-tag file as `npm run build` would, into a temporary folder; returns its path. */
async function buildNow(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'dc-bench-'));
  await scriptTagBuild(out);
  return join(out, 'dynamic-chat.js');
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

if (!existsSync(CHROMIUM_PATH)) {
  console.log(`\nBrowser load: skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROME_PATH).`);
  process.exit(0);
}
// Without a build, the script-tag file is built from the sources into a temporary folder.
const SCRIPT = existsSync(BUILT) ? BUILT : await buildNow();
const code = readFileSync(SCRIPT);
const server = await startServer({
  routes: {
    '/pricing': { body: hostPage(TAG), type: 'text/html; charset=utf-8' },
    '/pricing-without-chat': { body: hostPage(''), type: 'text/html; charset=utf-8' },
    '/dynamic-chat.js': { file: SCRIPT },
    '/flow.json': { file: join(root, 'demo/flows/northwind.json') },
  },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const head = ['cpu run', 'load', 'base', 'Δload', 'ready', 'parse', 'eval', 'ours<load', 'ours', 'long', 'longest'];
const rows: string[][] = [];
const sources = new Map<string, number>();
try {
  for (const throttle of THROTTLES) {
    // One unrecorded round first: the first navigations of a browser pay for process and server start-up.
    await loadOnce(browser, server.url, throttle, false);
    await loadOnce(browser, server.url, throttle, true, true);
    const columns: number[][] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate which variant goes first, so a drifting machine favours neither.
      const withFirst = i % 2 === 0;
      const first = await loadOnce(browser, server.url, throttle, withFirst);
      const second = await loadOnce(browser, server.url, throttle, !withFirst);
      const [w, b] = withFirst ? [first, second] : [second, first];
      const cost = (await loadOnce(browser, server.url, throttle, true, true)).cost!;
      columns.push([w.load, b.load, w.load - b.load, w.ready, cost.parseOffThread, cost.evaluate,
        cost.oursBeforeLoad, cost.oursTotal, cost.longTasks, cost.longest]);
      for (const source of cost.longSources) {
        const key = `${throttle}x: ${source}`;
        sources.set(key, (sources.get(key) ?? 0) + 1);
      }
    }
    const cells = (values: number[]) => values.map((v, k) => (k === 8 ? String(v) : fmt(v)));
    columns.forEach((c, i) => rows.push([`${throttle}x #${i + 1}`, ...cells(c)]));
    for (const p of [50, 90]) {
      rows.push([`${throttle}x ${p === 50 ? 'median' : 'p90'}`, ...cells(columns[0].map((_, k) => percentile(columns.map((c) => c[k]), p)))]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nBrowser load: Chromium ${browser.version()} headless, Node ${process.version}; per CPU rate, ${RUNS} runs of three`);
  console.log('loads in fresh contexts: the host page with the snippet and without it (not traced, so timed fairly), then with it traced.');
  console.log(`dist/dynamic-chat.js: ${code.length} bytes raw, ${gzipSync(code, { level: 9 }).length} bytes gzip; flow: demo/flows/northwind.json (a dialogue targets /pricing).`);
  console.log('Times in ms since navigation start, or ms of main thread; "ours" = the main thread running dist/dynamic-chat.js.');
  console.log('  load / base: the load event with / without the snippet.  Δload: their difference, paired per run.');
  console.log('  ready: dc-ready fired (flow fetched and validated, targeting resolved).');
  console.log('  parse: V8 parsing the file off the main thread while it downloads.  eval: the main thread evaluating it (defines the element).');
  console.log(`  ours<load / ours: main-thread time in our code before the load event / until dc-ready + ${SETTLE_MS} ms (traced: tracing adds to it).`);
  console.log(`  long: tasks over ${LONG_TASK_MS} ms that ran our code.  longest: the longest task that ran our code.\n`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  if (sources.size) {
    console.log('\nLong tasks running our code, by what Chrome says started them:');
    for (const [source, count] of sources) console.log(`  ${count}× ${source}`);
  }
} finally {
  await browser.close();
  await server.close();
}
