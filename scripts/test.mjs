// `npm test`: builds, then runs every suite (vitest in Node, @web/test-runner in Chromium, the
// end-to-end files, the reference server's tests). A failing suite does not hide the others: all run, a summary is printed, and
// the exit code is non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

const steps = [
  ['build', [join(root, 'scripts/build.mjs')]],
  ['node (vitest)', [bin('vitest', 'vitest.mjs'), 'run']],
  ['browser (web-test-runner)', [bin('@web/test-runner', 'dist/bin.js')]],
  ['end-to-end (vitest + playwright)', [bin('vitest', 'vitest.mjs'), 'run', '--config', 'tests/e2e/vitest.config.ts']],
  // PGlite always; PostgreSQL too (and two server processes) when DATABASE_URL is set, as .ci/run does.
  ['server (vitest)', [bin('vitest', 'vitest.mjs'), 'run', '--config', 'server/vitest.config.ts']],
];

const results = [];
for (const [name, args] of steps) {
  console.log(`\n::: ${name}`);
  const started = Date.now();
  const { status } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  // Nothing else can run against a missing or stale build.
  if (name === 'build' && status !== 0) break;
}

console.log('\n::: summary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? 'pass' : 'FAIL'}  ${name}  (${seconds.toFixed(1)} s)`);
process.exitCode = results.length === steps.length && results.every((r) => r.ok) ? 0 : 1;
