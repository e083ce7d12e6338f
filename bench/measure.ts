/** One page load in headless Chromium: its timings, the files of ours it fetched, and (traced) what our code cost the main thread. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { analyse, CATEGORIES, LateProfile, type Cost, type TraceEvent } from './trace.js';
import { pageUrl, type Page, type Widget } from './pages.js';

/** After the measurement's end (dc-ready, or the poke), so that the first render and what follows it are in. */
export const SETTLE_MS = 300;
/** A widget that has not signalled by then counts as "never" (the bench prints, it does not fail). */
const TIMEOUT_MS = 20_000;
/** Between starting the trace and navigating, for the renderer's profiler to start. */
const PROFILER_START_MS = 100;
/**
 * Chromium flags for the bench: with these features on, the next page of a tab may get a new
 * document host whose profiler starts late, and a traced load would miss our first scripts.
 */
export const BENCH_ARGS = ['--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument'];

/** What one load gave, in ms since navigation start (NaN: did not happen). */
export interface Load {
  load: number; ready: number; poke: number;
  /** Our files as fetched: served path and the bytes of the (gzipped) body transferred. */
  files: Array<{ path: string; bytes: number }>;
  cost?: Cost;
}

/** Notes dc-ready and the poke's first visible frame in the page (see the file). */
const WATCH = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'page-watch.js'), 'utf8');

/**
 * Loads `page` with `widget` (null: the page without any) once, in a fresh context: a first-time
 * visitor, empty cache and storage. Tracing slows the page by a third or more, so a traced load
 * gives the cost and an untraced one the timing.
 */
export async function loadOnce(
  browser: Browser, base: string, page: Page, widget: Widget | null, throttle: number, traced = false, strict = true,
): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let tracing = false;
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await tab.addInitScript({ content: WATCH });
    const sizes: Array<Promise<{ path: string; bytes: number }>> = [];
    tab.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      if (widget && (path.startsWith(`/${widget.id}/`) || path.startsWith('/flows/'))) {
        sizes.push(request.sizes().then((s) => ({ path, bytes: s.responseBodySize })));
      }
    });
    const signal = widget ? `bench:${page.until}` : null;
    const done = signal
      ? tab.waitForEvent('console', { predicate: (m) => m.text() === signal, timeout: TIMEOUT_MS }).then(() => true, () => false)
      : null;
    const url = `${base}${pageUrl(page.id, widget?.id ?? 'none')}`;
    if (traced) {
      // A blank page of the origin first, then tracing, then the page in the same renderer: a renderer
      // starts its profiler some time after tracing reaches it, often after the page's scripts ran.
      await tab.goto(`${base}/blank`);
      await browser.startTracing(undefined, { categories: CATEGORIES });
      tracing = true;
      await tab.waitForTimeout(PROFILER_START_MS);
    }
    await tab.goto(url, { waitUntil: 'load' });
    if (done && await done) await tab.waitForTimeout(SETTLE_MS);
    tracing = false;
    const trace = traced ? JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } : null;
    const timing = await tab.evaluate(() => {
      const seen = (window as unknown as { bench: Record<string, number> }).bench;
      return {
        load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
        ready: seen.ready ?? NaN,
        poke: seen.poke ?? NaN,
      };
    });
    const files = (await Promise.all(sizes)).sort((a, b) => a.path.localeCompare(b.path));
    const ours = (scriptUrl: string) => scriptUrl.startsWith(`${base}/${widget?.id}/`);
    return { ...timing, files, cost: trace ? analyse(trace.traceEvents, url, ours, strict) : undefined };
  } finally {
    if (tracing) await browser.stopTracing();
    await context.close();
  }
}

/** A traced load, measured again when the profiler started late; the third try is kept as it is (its cost says `late`). */
export async function tracedLoad(browser: Browser, base: string, page: Page, widget: Widget, throttle: number): Promise<Load> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await loadOnce(browser, base, page, widget, throttle, true, attempt < 3);
    } catch (error) {
      if (!(error instanceof LateProfile)) throw error;
    }
  }
}
