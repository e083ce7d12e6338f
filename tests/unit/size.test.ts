// The size budget of the script-tag loader, what every page view pays: issue 10 split the widget into
// this loader and the chunks it imports when a dialogue triggers (see the README's "Size" section).
// The budget is 10 KB gzip (10,240 bytes); the aim is 8. `npm run size` shows where the bytes go.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const file = new URL('../../dist/dynamic-chat.js', import.meta.url);
const chunks = new URL('../../dist/chunks/', import.meta.url);
/** 10 KB: the loader's budget. */
const BUDGET = 10 * 1024;
/** Texts only stage 2 holds: lit's template marker, its adopted styles, the interpreter's booking line, the HTTP adapter's header, Floating UI's layout reads. */
const MARKERS = ['lit$', 'adoptedStyleSheets', 'Booked with {agent}', 'Idempotency-Key', 'offsetParent'];

describe('dist/dynamic-chat.js, the loader', () => {
  it('exists with its chunks (run `npm run build` first)', () => {
    expect(existsSync(file), 'dist/dynamic-chat.js is missing: run `npm run build`').toBe(true);
    expect(readdirSync(chunks).some((name) => /^stage-[\w-]+\.js$/.test(name)), 'dist/chunks/stage-*.js').toBe(true);
  });

  it(`is at most ${BUDGET} bytes gzipped`, () => {
    const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
    console.log(`dist/dynamic-chat.js: ${gzipped} bytes gzip (${(gzipped / 1024).toFixed(1)} KiB of ${BUDGET / 1024} KiB)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('is a classic script: no static import, no require, no process.env; its only import() is of its own content-hashed chunks', () => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/^\s*import[\s{*]/m);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toContain('process.env');
    // The chunk names are in the file, each one present in dist/chunks/.
    const names = [...code.matchAll(/["'`]((?:stage|adapters|validate|targeting|rest)-[\w-]+\.js)["'`]/g)].map((m) => m[1]);
    expect(new Set(names.map((name) => name.split('-')[0]))).toEqual(new Set(['stage', 'adapters', 'validate', 'targeting', 'rest']));
    for (const name of names) expect(existsSync(new URL(name, chunks)), name).toBe(true);
  });

  it('leaves lit, the interpreter, the adapters and Floating UI to the chunks', () => {
    const code = readFileSync(file, 'utf8');
    for (const marker of MARKERS) expect(code.includes(marker), marker).toBe(false);
  });

  it('stage 2 carries them, in one file', () => {
    const stage = readdirSync(chunks).find((name) => /^stage-[\w-]+\.js$/.test(name))!;
    const code = readFileSync(new URL(stage, chunks), 'utf8');
    for (const marker of MARKERS) expect(code.includes(marker), marker).toBe(true);
    expect(code, 'no static import: one request').not.toMatch(/^import|[;}]import[\s{*"']/m);
  });
});
