// `npm run size`: where the bytes of the script-tag files go, stage by stage. Builds the loader and
// its chunks exactly as `npm run build` does (plus source maps) into a temporary folder, gives every
// byte of each minified file to the source it came from, and prints each file's and each area's
// share of the gzip size. A share is an estimate: one source's bytes are gzipped alone, then scaled
// so the shares add up to the real total (gzip finds repeats across sources too).
//
// Stage 1 is `dynamic-chat.js`, what every page view pays. Stage 2 is what a page pays when a
// dialogue triggers: the `stage` chunk and the chunks it imports. The other chunks (the adapters
// alone, the validator's messages, `load()`'s exports) are listed with their sizes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import { scriptTagBuild } from './build.mjs';

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(2)} KiB`;

/** `src/ui/cards.ts`, or the package name for a dependency. */
function sourceName(source) {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = source.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const src = source.lastIndexOf('src/');
  return src >= 0 ? source.slice(src) : source || '(unmapped)';
}

/** The minified text each source produced, from the source map's segments. */
function textBySource(code, map) {
  const lines = code.split('\n');
  const segments = [];
  new SourceMapConsumer(map).eachMapping((m) => segments.push(m));
  segments.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  const texts = new Map();
  segments.forEach((m, i) => {
    const next = segments[i + 1];
    const line = lines[m.generatedLine - 1] ?? '';
    const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
    const name = sourceName(m.source ?? '');
    texts.set(name, (texts.get(name) ?? '') + line.slice(m.generatedColumn, end));
  });
  return texts;
}

/** The static imports of an ES chunk (`./x-hash.js`), to follow stage 2's graph. */
const importsOf = (code) => [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+)["']/g)].map((m) => m[1]);

/** Prints one stage: its total gzip size, then the shares by area and by source file. */
function printStage(title, files) {
  let total = 0;
  const rows = new Map();
  for (const { path, name } of files) {
    const code = readFileSync(path, 'utf8');
    const size = gzip(code);
    total += size;
    const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
    const texts = [...textBySource(code, map)];
    const scale = size / texts.reduce((sum, [, text]) => sum + gzip(text), 0);
    for (const [source, text] of texts) {
      const row = rows.get(source) ?? { raw: 0, share: 0 };
      row.raw += text.length;
      row.share += gzip(text) * scale;
      rows.set(source, row);
    }
    console.log(`  ${name.padEnd(34)} ${String(code.length).padStart(7)} bytes minified ${String(size).padStart(7)} gzip`);
  }
  console.log(`${title}: ${total} bytes gzip (${kib(total)})\n`);
  const areas = new Map();
  for (const [name, row] of rows) {
    const parts = name.split('/');
    const area = name.startsWith('src/') ? parts.slice(0, parts.length > 2 ? 2 : 1).join('/') : 'dependencies';
    areas.set(area, (areas.get(area) ?? 0) + row.share);
  }
  console.log('  by area (gzip share):');
  for (const [area, share] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`    ${area.padEnd(16)} ${kib(share).padStart(10)}`);
  console.log('  by file (minified bytes, gzip share):');
  for (const [name, row] of [...rows].sort((a, b) => b[1].share - a[1].share)) {
    console.log(`    ${name.padEnd(40)} ${String(row.raw).padStart(7)} ${String(Math.round(row.share)).padStart(7)}`);
  }
  console.log('');
  return total;
}

const out = mkdtempSync(join(tmpdir(), 'dc-size-'));
try {
  const chunks = await scriptTagBuild(out, { sourcemap: true });
  const chunk = (file) => ({ path: join(out, 'chunks', file), name: `chunks/${file}` });
  // Stage 2: the stage entry and everything it imports, transitively.
  const stage = [];
  const queue = [chunks.stage];
  while (queue.length > 0) {
    const file = queue.shift();
    if (stage.includes(file)) continue;
    stage.push(file);
    queue.push(...importsOf(readFileSync(join(out, 'chunks', file), 'utf8')));
  }
  const loader = printStage('stage 1, the loader (dist/dynamic-chat.js)', [{ path: join(out, 'dynamic-chat.js'), name: 'dynamic-chat.js' }]);
  const chat = printStage('stage 2, the chat (loaded when a dialogue triggers)', stage.map(chunk));
  console.log('other chunks (gzip, each with every chunk it imports):');
  for (const name of ['adapters', 'validate', 'targeting', 'rest']) {
    const files = [];
    const next = [chunks[name]];
    while (next.length > 0) {
      const file = next.shift();
      if (files.includes(file)) continue;
      files.push(file);
      next.push(...importsOf(readFileSync(join(out, 'chunks', file), 'utf8')));
    }
    const bytes = files.reduce((sum, file) => sum + gzip(readFileSync(join(out, 'chunks', file))), 0);
    console.log(`  ${name.padEnd(10)} ${String(bytes).padStart(6)} bytes (${files.join(', ')})`);
  }
  console.log(`\nloader ${kib(loader)} + stage 2 ${kib(chat)} = ${kib(loader + chat)} for a visitor who chats`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
