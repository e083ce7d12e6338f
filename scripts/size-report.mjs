// `npm run size`: where the bytes of the script-tag file go. Builds `src/embed.ts` exactly as
// `npm run build` does (plus a source map) into a temporary folder, gives every byte of the
// minified file to the source it came from, and prints each file's and each area's share of the
// gzip size. A share is an estimate: one file's bytes are gzipped alone, then scaled so the
// shares add up to the real total (gzip finds repeats across files too).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import { scriptTagBuild } from './build.mjs';
import { reportDashboardSize } from './dashboard-size.mjs';

const gzip = (text) => gzipSync(text, { level: 9 }).length;

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

const out = mkdtempSync(join(tmpdir(), 'dc-size-'));
try {
  await scriptTagBuild(out, { sourcemap: true });
  const code = readFileSync(join(out, 'dynamic-chat.js'), 'utf8');
  const map = JSON.parse(readFileSync(join(out, 'dynamic-chat.js.map'), 'utf8'));
  const total = gzip(code);
  const rows = [...textBySource(code, map)].map(([name, text]) => ({ name, raw: text.length, alone: gzip(text) }));
  const scale = total / rows.reduce((sum, row) => sum + row.alone, 0);
  const areas = new Map();
  for (const row of rows) {
    row.share = row.alone * scale;
    const area = row.name.startsWith('src/') ? row.name.split('/').slice(0, row.name.split('/').length > 2 ? 2 : 1).join('/') : 'dependencies';
    areas.set(area, (areas.get(area) ?? 0) + row.share);
  }
  const kib = (n) => `${(n / 1024).toFixed(2)} KiB`;
  console.log(`dist/dynamic-chat.js: ${code.length} bytes minified, ${total} bytes gzip (${kib(total)})\n`);
  console.log('by area (gzip share):');
  for (const [area, share] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`  ${area.padEnd(16)} ${kib(share).padStart(10)}`);
  console.log('\nby file (minified bytes, gzip share):');
  for (const row of rows.sort((a, b) => b.share - a.share)) {
    console.log(`  ${row.name.padEnd(40)} ${String(row.raw).padStart(7)} ${String(Math.round(row.share)).padStart(7)}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

await reportDashboardSize();
