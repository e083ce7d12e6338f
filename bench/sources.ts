/** Names the source file of a function in a built widget, from the source map beside the file on disk. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';
import type { Widget } from './pages.js';

/**
 * Returns a lookup from a profiler position (`url line column`, 0-based, as trace.ts keys them)
 * to the source file it was built from, relative to `root`; the served path when the file has no
 * source map (the floor, the reference, or a `dist/` built without maps).
 */
export function sourceNames(widgets: Widget[], root: string): (at: string) => string {
  const consumers = new Map<string, { map: SourceMapConsumer; dir: string } | null>();
  const consumerOf = (path: string) => {
    if (!consumers.has(path)) {
      const file = widgets.map((w) => w.files.get(path)).find(Boolean);
      const map = file && `${file}.map`;
      consumers.set(path, map && existsSync(map) ? { map: new SourceMapConsumer(JSON.parse(readFileSync(map, 'utf8'))), dir: dirname(map) } : null);
    }
    return consumers.get(path)!;
  };
  return (at) => {
    const [url, line, column] = at.split(' ');
    const path = new URL(url).pathname;
    const consumer = consumerOf(path);
    const source = consumer?.map.originalPositionFor({ line: Number(line) + 1, column: Number(column) }).source;
    if (!consumer || !source) return path;
    // Sources are relative to the map; a dependency is named by its package.
    const file = relative(root, resolve(consumer.dir, source));
    return file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? file;
  };
}
