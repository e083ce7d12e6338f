// The size budget of the script-tag file (issue 3): at most 25 KB gzip, with every dependency inside.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const file = new URL('../../dist/dynamic-chat.js', import.meta.url);
/** 25 KB, the budget a page owner is promised. */
const BUDGET = 25 * 1024;

describe('dist/dynamic-chat.js', () => {
  it('exists (run `npm run build` first)', () => {
    expect(existsSync(file), 'dist/dynamic-chat.js is missing: run `npm run build`').toBe(true);
  });

  it(`is at most ${BUDGET} bytes gzipped`, () => {
    const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
    console.log(`dist/dynamic-chat.js: ${gzipped} bytes gzip (${(gzipped / 1024).toFixed(1)} KiB of ${BUDGET / 1024} KiB)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);
  });

  it('is one self-contained classic script: no imports, no require, no process.env left', () => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/^\s*import[\s{*]/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toContain('process.env');
  });
});
