// `npm run build`: the npm entries, the script-tag file, types, the flow schema, the
// custom-elements manifest (contract §6) and the framework template types generated from it.
// Prints each file's size; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { writeFrameworkTypes } from './framework-types.mjs';
import { minifyCssLiterals } from './minify-css-literals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const at = (...parts) => join(root, ...parts);

/** Packages the npm entries leave to the consumer's bundler (`dependencies`, and the React peers of `dynamic-chat/react`). */
const external = [/^lit(\/|$)/, /^@lit\//, /^lit-html(\/|$)/, /^lit-element(\/|$)/, /^@floating-ui\//, /^nanostores(\/|$)/, /^react(\/|$)/];

/** Settings both vite builds share: no config file, no public dir, the project root, minified CSS literals. */
const base = { root, configFile: false, publicDir: false, logLevel: 'warn', clearScreen: false, plugins: [minifyCssLiterals()] };

async function buildModules() {
  await build({
    ...base,
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      lib: {
        entry: { index: at('src/index.ts'), define: at('src/define.ts'), engine: at('src/engine.ts'), react: at('src/react.ts') },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: { external, output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  });
}

/** Builds the script-tag file (`dynamic-chat.js`) into `outDir`; `npm run size` adds a source map. */
export async function scriptTagBuild(outDir, { sourcemap = false } = {}) {
  await build({
    ...base,
    // nanostores reads process.env.NODE_ENV; lib mode does not replace it on its own.
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap,
      copyPublicDir: false,
      lib: {
        entry: at('src/embed.ts'),
        name: 'DynamicChatEmbed',
        formats: ['iife'],
        fileName: () => 'dynamic-chat.js',
      },
    },
  });
}

/** Runs a node CLI from node_modules; throws with its output on failure. */
function run(label, script, args) {
  const result = spawnSync(process.execPath, [at('node_modules', script), ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${label} failed:\n${result.stdout}${result.stderr}`);
  }
}

function report(files) {
  for (const file of files) {
    const bytes = readFileSync(file);
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`  ${relative(root, file).padEnd(28)} ${kib(statSync(file).size).padStart(10)}   gzip ${kib(gzipSync(bytes, { level: 9 }).length)}`);
  }
}

async function main() {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  await buildModules();
  await scriptTagBuild(dist);
  run('tsc (declarations)', 'typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  const schema = at('src/engine/flow.schema.json');
  if (!existsSync(schema)) throw new Error('src/engine/flow.schema.json is missing');
  copyFileSync(schema, join(dist, 'flow.schema.json'));
  run('custom-elements manifest', '@custom-elements-manifest/analyzer/cem.js', ['analyze', '--globs', 'src/ui/**/*.ts', '--litelement']);
  writeFrameworkTypes(at('custom-elements.json'), join(dist, 'frameworks'));
  for (const name of ['index', 'define', 'engine', 'react']) {
    if (!existsSync(join(dist, `${name}.d.ts`))) throw new Error(`dist/${name}.d.ts was not written`);
  }
  report([...['dynamic-chat.js', 'index.js', 'define.js', 'engine.js', 'react.js', 'flow.schema.json'].map((f) => join(dist, f)), at('custom-elements.json')]);
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Run as `npm run build`; imported by scripts/size-report.mjs for the script-tag build alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
