/** What the browser bench loads: the widgets compared, the three pages, their flows, and the files the server holds. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Served } from './serve.js';

/** One widget under comparison: the files served under `/<id>/` and the script tag that loads it. */
export interface Widget {
  id: 'floor' | 'reference' | 'loader';
  /** What the column is, for the printout. */
  label: string;
  /** Served path → file on disk. */
  files: Map<string, string>;
  /** The script tag pasted into the page, for a flow URL. */
  tag(flow: string): string;
}

/** One page of the comparison: which flow it is given, and what ends a measurement on it. */
export interface Page {
  id: 'none' | 'later' | 'load';
  label: string;
  /** `ready`: dc-ready has fired (the widgets' own work is done); `poke`: the poke is visible. */
  until: 'ready' | 'poke';
  flow: unknown;
}

/** Every file under `dir`, served under `prefix`. */
function folder(dir: string, prefix: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(`${prefix}/${relative(dir, path).split('\\').join('/')}`, path);
  }
  return files;
}

/**
 * The three widgets. `loaderDir` holds the script-tag build under test: `dynamic-chat.js` and,
 * once the widget is split, its `chunks/` (source maps and the npm entries are not served).
 */
export function widgets(benchDir: string, loaderDir: string): Widget[] {
  const tag = (src: string) => (flow: string) => `<script src="${src}" data-flow="${flow}" defer></script>`;
  const loader = new Map([['/loader/dynamic-chat.js', join(loaderDir, 'dynamic-chat.js')]]);
  if (existsSync(join(loaderDir, 'chunks'))) {
    for (const [path, file] of folder(join(loaderDir, 'chunks'), '/loader/chunks')) if (!path.endsWith('.map')) loader.set(path, file);
  }
  return [
    { id: 'floor', label: 'floor: bench/floor/floor-widget.js', files: new Map([['/floor/floor-widget.js', join(benchDir, 'floor/floor-widget.js')]]), tag: tag('/floor/floor-widget.js') },
    {
      id: 'reference', label: 'reference: bench/reference/dynamic-chat.single.js (the single file of 22ece63)',
      files: new Map([['/reference/dynamic-chat.js', join(benchDir, 'reference/dynamic-chat.single.js')]]), tag: tag('/reference/dynamic-chat.js'),
    },
    {
      id: 'loader',
      label: `loader: ${loaderDir === join(benchDir, '../dist') ? 'dist/dynamic-chat.js' : 'dynamic-chat.js built from the working tree into a temporary folder'}`
        + `${loader.size > 1 ? ` + ${loader.size - 1} files in chunks/` : ' (no chunks/ beside it)'}`,
      files: loader, tag: tag('/loader/dynamic-chat.js'),
    },
  ];
}

/** The flows of the three pages, made from the Northwind fixture so that each is a realistic document. */
export function pages(fixture: string): Page[] {
  const northwind = JSON.parse(readFileSync(fixture, 'utf8')) as { dialogues: Array<Record<string, unknown>> };
  /** Northwind with its dialogues aimed at `path`, for any visitor, with `trigger`. */
  const aimed = (path: string, trigger: unknown) => ({
    ...northwind,
    dialogues: northwind.dialogues.map((d) => ({
      ...d, trigger, audience: { ...(d.audience as object), pages: [{ match: 'startsWith', value: path }], visitor: 'any' },
    })),
  });
  return [
    { id: 'none', label: '1 · no dialogue targets the page', until: 'ready', flow: aimed('/careers', { on: 'load' }) },
    { id: 'later', label: '2 · trigger timeOnPage 60 s (not reached)', until: 'ready', flow: aimed('/pricing', { on: 'timeOnPage', seconds: 60 }) },
    { id: 'load', label: '3 · trigger on load (poke appears)', until: 'poke', flow: aimed('/pricing', { on: 'load' }) },
  ];
}

/** Where a page is served: `/pricing/<page>/<widget>`, or `/pricing/<page>/none` without any widget. */
export const pageUrl = (page: Page['id'], widget: Widget['id'] | 'none') => `/pricing/${page}/${widget}`;

const paragraph = 'Northwind helps teams plan, track and ship their work. Every plan includes unlimited projects, '
  + 'guest access, single sign-on on request and support from people who use the product every day. ';

/** A pricing page with no script of its own: nothing else competes for the main thread. */
export const hostPage = (snippet: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pricing · Northwind</title>
<style>body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #222 } header, footer { padding: 16px 24px; background: #243b53; color: #fff }
main { max-width: 960px; margin: 0 auto; padding: 24px } section { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px }
article { border: 1px solid #ddd; border-radius: 8px; padding: 16px }</style></head>
<body><header><strong>Northwind</strong> <nav><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/blog">Blog</a></nav></header>
<main><h1>Plans and pricing</h1><p>${paragraph.repeat(3)}</p><section>
${['Starter', 'Team', 'Business', 'Enterprise'].map((plan) => `<article><h2>${plan}</h2><p>${paragraph}</p><ul><li>Projects</li><li>Reports</li><li>Support</li></ul></article>`).join('\n')}
</section><h2>Questions</h2>${`<details><summary>Can I change plans later?</summary><p>${paragraph}</p></details>`.repeat(6)}</main>
<footer>© Northwind</footer>${snippet}</body></html>`;

/** Everything the server holds: each page with each widget and without any, the flows, the widgets' files. */
export function site(allPages: Page[], allWidgets: Widget[]): Map<string, Served> {
  // `/blank`: where a traced load starts (see measure.ts).
  const files = new Map<string, Served>([['/blank', { body: '<!doctype html><title>blank</title>' }]]);
  for (const page of allPages) {
    const flow = `/flows/${page.id}.json`;
    files.set(flow, { body: JSON.stringify(page.flow) });
    files.set(pageUrl(page.id, 'none'), { body: hostPage('') });
    for (const widget of allWidgets) files.set(pageUrl(page.id, widget.id), { body: hostPage(widget.tag(flow)) });
  }
  for (const widget of allWidgets) for (const [path, file] of widget.files) files.set(path, { body: readFileSync(file) });
  return files;
}
