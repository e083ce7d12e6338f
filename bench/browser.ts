/**
 * `npm run bench`, second part: what pasting the script tag costs a page, in headless Chromium,
 * side by side for a floor widget, the single-file reference build and the loader under test, on
 * three pages, at full speed and 4× slowed CPU; prints figures and never fails on them.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { scriptTagBuild } from '../scripts/build.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/static-server.mjs';
import { BENCH_ARGS, loadOnce, tracedLoad, type Load } from './measure.js';
import { pages, site, widgets, type Widget } from './pages.js';
import { cell, report, type Results } from './report.js';
import { serve } from './serve.js';
import { sourceNames } from './sources.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
/** Rounds per CPU rate and page; `BENCH_RUNS=9 npm run bench` for steadier medians. */
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const THROTTLES = [1, 4]; // 4× is Lighthouse's "mid-range phone" CPU
const FIXTURE = join(root, 'demo/flows/northwind.json');

/** Builds the script-tag files as `npm run build` would, with source maps (not fetched), into a temporary folder; returns the folder. */
async function buildNow(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'dc-bench-'));
  await scriptTagBuild(out, { sourcemap: true });
  return out;
}

/** The same list turned by `n` places: which widget goes first changes every round, so a drifting machine favours none. */
const turn = <T>(list: T[], n: number) => list.map((_, i) => list[(i + n) % list.length]);

if (!existsSync(CHROMIUM_PATH)) {
  console.log(`\nBrowser load: skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROME_PATH).`);
  process.exit(0);
}
// Without a build, the script-tag files are built from the sources into a temporary folder.
const loaderDir = existsSync(join(root, 'dist/dynamic-chat.js')) ? join(root, 'dist') : await buildNow();
const allWidgets = widgets(here, loaderDir);
const allPages = pages(FIXTURE);
const server = await serve(site(allPages, allWidgets));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...BENCH_ARGS], headless: true });
const results: Results = new Map();
const started = Date.now();
const load = loadavg()[0];
try {
  for (const throttle of THROTTLES) {
    // One unrecorded load of each first: the first navigations of a browser pay for process and server start-up.
    for (const widget of allWidgets) await tracedLoad(browser, server.url, allPages[2], widget, throttle);
    for (const page of allPages) {
      for (let i = 0; i < RUNS; i++) {
        const timed = new Map<Widget['id'] | 'none', Load>();
        for (const widget of turn([null, ...allWidgets], i)) timed.set(widget?.id ?? 'none', await loadOnce(browser, server.url, page, widget, throttle));
        for (const widget of turn(allWidgets, i)) {
          const { cost } = await tracedLoad(browser, server.url, page, widget, throttle);
          const { load: at, ready, poke, files } = timed.get(widget.id)!;
          const key = cell(throttle, page.id, widget.id);
          results.set(key, [...(results.get(key) ?? []), { load: at, base: timed.get('none')!.load, ready, poke, files, cost: cost! }]);
        }
      }
    }
  }
  console.log(`\nBrowser load: Chromium ${browser.version()} headless, Node ${process.version}, load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)},`
    + ` ${((Date.now() - started) / 1000).toFixed(0)} s; the Northwind flow, its dialogues aimed at each page (demo/flows/northwind.json).`);
  report(results, allPages, allWidgets, THROTTLES, RUNS, sourceNames(allWidgets, root));
} finally {
  await browser.close();
  await server.close();
}
