/** Prints the browser bench: one Markdown table of medians, the files each widget fetched, and whether issue 10's aims hold. */
import { LONG_TASK_MS, type Cost } from './trace.js';
import type { Page, Widget } from './pages.js';

/** One measured run of a page with a widget: its untraced timings, the base page's load of the same round, its traced cost. */
export interface Run {
  load: number; base: number; ready: number; poke: number;
  files: Array<{ path: string; bytes: number }>;
  cost: Cost;
}

/** Runs per CPU rate, page and widget. */
export type Results = Map<string, Run[]>;
/** The key of one cell of the comparison. */
export const cell = (throttle: number, page: Page['id'], widget: Widget['id']) => `${throttle}|${page}|${widget}`;

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : Math.abs(ms) < 10 ? ms.toFixed(1) : ms.toFixed(0));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const bytesOf = (run: Run, scripts = false) => run.files.filter((f) => !scripts || !f.path.startsWith('/flows/')).reduce((sum, f) => sum + f.bytes, 0);

/** The medians of one cell. */
function summary(runs: Run[]) {
  const m = (pick: (run: Run) => number) => median(runs.map(pick));
  return {
    bytes: m((r) => bytesOf(r)), files: m((r) => r.files.length), delta: m((r) => r.load - r.base), ready: m((r) => r.ready), poke: m((r) => r.poke),
    parse: m((r) => r.cost.parseOffThread), evaluate: m((r) => r.cost.evaluate), beforeLoad: m((r) => r.cost.oursBeforeLoad),
    ours: m((r) => r.cost.oursTotal), long: m((r) => r.cost.longTasks), longest: m((r) => r.cost.longest),
    worst: runs.length ? Math.max(...runs.map((r) => r.cost.longest)) : NaN,
  };
}

const HEAD = ['page', 'CPU', 'widget', 'bytes', 'files', 'Δload', 'ready', 'poke', 'parse', 'eval', 'ours<load', 'ours', 'long', 'longest', 'worst'];

/** The legend, the table, the file lists and the aims. */
export function report(
  results: Results, pages: Page[], widgets: Widget[], throttles: number[], runs: number, sourceOf: (at: string) => string,
): void {
  console.log(`\nSide by side, medians of ${runs} runs (fresh context each: a first-time visitor). Times in ms since navigation start, or ms of main thread.`);
  for (const w of widgets) console.log(`  ${w.label}`);
  console.log('  bytes / files: our files fetched (scripts and the flow), body bytes as transferred (gzip -9, as a CDN would send).');
  console.log('  Δload: the load event minus that of the same page without any widget, paired in each round.');
  console.log('  ready: dc-ready (the floor fires it after rendering its button).  poke: the poke first visible (page 3).');
  console.log('  parse: V8 parsing our scripts off the main thread.  eval: the main thread evaluating our classic scripts.');
  console.log('  ours<load / ours: main-thread time in our code (V8 samples with our script on the stack) before load / until the end');
  console.log('  (dc-ready, or the poke on page 3, + 300 ms).  long: tasks over 50 ms that ran our code; longest: the longest such task');
  console.log('  (median), worst: the longest over all runs. Costs come from traced loads (tracing and sampling slow them) and count');
  console.log('  time on a core: each task\'s thread time, not the stretches a busy machine gave the core to another process.\n');
  const rows: string[][] = [];
  for (const page of pages) {
    for (const throttle of throttles) {
      for (const widget of widgets) {
        const s = summary(results.get(cell(throttle, page.id, widget.id)) ?? []);
        rows.push([page.label.split(' ·')[0], `${throttle}×`, widget.id, kb(s.bytes), String(Math.round(s.files)), fmt(s.delta), fmt(s.ready), fmt(s.poke),
          fmt(s.parse), fmt(s.evaluate), fmt(s.beforeLoad), fmt(s.ours), fmt(s.long), fmt(s.longest), fmt(s.worst)]);
      }
    }
  }
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(pages.map((p) => `Page ${p.label}`).join('; '));
  console.log(line(HEAD));
  console.log(`|${widths.map((w, i) => (i < 3 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));

  console.log('\nFiles fetched (gzip bytes; "n/N" when not in every run):');
  for (const page of pages) {
    for (const widget of widgets) {
      const all = throttles.flatMap((t) => results.get(cell(t, page.id, widget.id)) ?? []);
      const seen = new Map<string, { bytes: number; runs: number }>();
      for (const run of all) for (const f of run.files) seen.set(f.path, { bytes: Math.max(f.bytes, seen.get(f.path)?.bytes ?? 0), runs: (seen.get(f.path)?.runs ?? 0) + 1 });
      const list = [...seen].map(([path, f]) => `${path} ${f.bytes}${f.runs < all.length ? ` (${f.runs}/${all.length})` : ''}`);
      console.log(`  page ${page.id.padEnd(5)} ${widget.id.padEnd(9)} ${list.join(', ') || '(none)'}`);
    }
  }
  console.log(`\nLong tasks running our code, in all ${runs} runs, by the script of ours they spent most time in:`);
  for (const [key, list] of results) {
    const by = new Map<string, { all: number; early: number }>();
    for (const source of list.flatMap((r) => r.cost.longSources)) {
      const [path, early] = [source.replace(' (before load)', ''), source.endsWith('(before load)')];
      by.set(path, { all: (by.get(path)?.all ?? 0) + 1, early: (by.get(path)?.early ?? 0) + (early ? 1 : 0) });
    }
    if (!by.size) continue;
    const [throttle, page, widget] = key.split('|');
    console.log(`  ${throttle}× page ${page.padEnd(5)} ${widget.padEnd(9)} ${[...by].map(([path, n]) => `${path} ${n.all} (${n.early} before load)`).join(', ')}`);
  }
  const late = [...results.values()].flat().filter((r) => r.cost.late).length;
  if (late) console.log(`  note: in ${late} traced loads the profiler started after the page began parsing, three times in a row: their costs miss the start`);
  const missed = [...results].filter(([, list]) => list.some((r) => Number.isNaN(r.ready)));
  for (const [key, list] of missed) console.log(`  note: ${key.replaceAll('|', ' / ')}: no dc-ready in ${list.filter((r) => Number.isNaN(r.ready)).length} of ${list.length} runs`);

  whereTimeGoes(results, pages, throttles[0], sourceOf);
  aims(results, pages, throttles);
}

/** The loader's main-thread time by the source file of the innermost function of ours, mean per run, the largest first. */
function whereTimeGoes(results: Results, pages: Page[], throttle: number, sourceOf: (at: string) => string): void {
  console.log(`\nWhere the loader's main-thread time goes at ${throttle}×, ms per run by source file (of the innermost function of ours on the stack):`);
  for (const page of pages) {
    const list = results.get(cell(throttle, page.id, 'loader')) ?? [];
    const by = new Map<string, number>();
    for (const run of list) for (const [at, ms] of run.cost.byFunction) by.set(sourceOf(at), (by.get(sourceOf(at)) ?? 0) + ms / list.length);
    const top = [...by].sort((a, b) => b[1] - a[1]);
    const shown = top.slice(0, 8).map(([file, ms]) => `${file} ${fmt(ms)}`);
    const rest = top.slice(8).reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`  page ${page.id.padEnd(5)} ${shown.join(', ')}${rest ? `, others ${fmt(rest)}` : ''}`);
  }
}

/** Issue 10's aims for the loader, each as one "aim met / not met" line with its figures. */
function aims(results: Results, pages: Page[], throttles: number[]): void {
  const of = (t: number, page: Page['id'], widget: Widget['id']) => results.get(cell(t, page, widget)) ?? [];
  const say = (met: boolean, text: string) => console.log(`${met ? 'aim met:    ' : 'aim not met:'} ${text}`);
  console.log('\nAims (issue 10, for the loader):');
  const quiet = pages.filter((p) => p.id !== 'load');
  for (const page of quiet) {
    const runs = throttles.flatMap((t) => of(t, page.id, 'loader'));
    const extra = [...new Set(runs.flatMap((r) => r.files.map((f) => f.path)).filter((p) => p !== '/loader/dynamic-chat.js' && !p.startsWith('/flows/')))];
    say(runs.length > 0 && !extra.length, `page ${page.id}: bytes are the loader alone, ${kb(median(runs.map((r) => bytesOf(r, true))))} of script`
      + ` (+ the flow)${extra.length ? `; also fetched ${extra.join(', ')}` : ''}`);
  }
  for (const page of quiet) {
    for (const t of throttles) {
      const loader = median(of(t, page.id, 'loader').map((r) => r.cost.oursTotal));
      const floor = median(of(t, page.id, 'floor').map((r) => r.cost.oursTotal));
      const reference = median(of(t, page.id, 'reference').map((r) => r.cost.oursTotal));
      say(loader - floor <= 3, `page ${page.id} at ${t}×: our main-thread time ${fmt(loader)} ms, the floor's ${fmt(floor)} ms: ${fmt(loader - floor)} ms more`
        + ` (aim: at most 3); the reference took ${fmt(reference)} ms, ${(reference / floor).toFixed(1)}× the floor`);
    }
  }
  for (const t of throttles) {
    // Paired within each round (both loads ran back to back), which a drifting machine moves less than two medians.
    const [loader, reference] = [of(t, 'load', 'loader'), of(t, 'load', 'reference')];
    const later = loader.map((r, i) => r.poke - (reference[i]?.poke ?? NaN)).filter((d) => !Number.isNaN(d));
    const diff = median(later);
    say(diff <= 0, `page load at ${t}×: the poke at ${fmt(median(loader.map((r) => r.poke)))} ms, the reference's at ${fmt(median(reference.map((r) => r.poke)))} ms;`
      + ` paired per round ${fmt(diff)} ms (from ${fmt(Math.min(...later))} to ${fmt(Math.max(...later))})`);
  }
  const top = throttles[throttles.length - 1];
  const worst = (widget: Widget['id']) => Math.max(...pages.flatMap((p) => of(top, p.id, widget).map((r) => r.cost.longest)));
  say(worst('loader') <= LONG_TASK_MS, `no task over ${LONG_TASK_MS} ms at ${top}× on any page: the loader's longest task running our code took`
    + ` ${fmt(worst('loader'))} ms over all runs (the floor's ${fmt(worst('floor'))} ms, the reference's ${fmt(worst('reference'))} ms)`);
}
