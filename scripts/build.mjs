// `npm run build`: the npm entries, the script-tag file, types, the flow schema, the
// custom-elements manifest (contract §6) and the framework template types generated from it.
// Prints each file's size; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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
      // The script-tag build owns chunks/; the npm entries' own chunks (the view behind import()) go to lib/.
      rolldownOptions: { external, output: { chunkFileNames: 'lib/[name]-[hash].js' } },
    },
  });
}

/** Stage 2 and the other chunks the loader imports on demand, by name (see src/page/chunk-types.ts). */
const CHUNK_ENTRIES = {
  stage: 'src/ui/stage.ts', adapters: 'src/page/http-wiring.ts', validate: 'src/page/flow-verdict.ts', targeting: 'src/targeting/resolve.ts', rest: 'src/lazy-exports.ts',
};

/**
 * What the loader build swaps: the chunks' importers for the script tag's; the pattern engine and
 * schedules for stand-ins (a flow that needs them loads the targeting chunk first; see
 * src/page/lite/); globs for the loader's own matcher without that engine; and the reasons
 * resolveDialogue gives, which the loader never reads.
 */
const LOADER_SWAPS = {
  'src/page/chunks.ts': 'src/page/chunks-script.ts',
  'src/engine/pattern.ts': 'src/page/lite/pattern.ts', 'src/targeting/schedule.ts': 'src/page/lite/schedule.ts',
  'src/targeting/glob.ts': 'src/page/lite/glob.ts',
  'src/targeting/explain.ts': 'src/page/lite/explain.ts', 'src/targeting/reasons.ts': 'src/page/lite/reasons.ts',
};

/**
 * Builds the script-tag files into `outDir`: first the chunks (ES modules with every dependency
 * inside, content-hashed names, in `chunks/`), then the loader `dynamic-chat.js`, a classic script
 * that knows their names and imports them from its own URL. Returns the chunks' file names by
 * entry, plus `shared` (the chunks the entries share). `npm run size` adds source maps.
 */
export async function scriptTagBuild(outDir, { sourcemap = false } = {}) {
  // nanostores reads process.env.NODE_ENV; lib mode does not replace it on its own.
  const define = { 'process.env.NODE_ENV': '"production"' };
  /** One ES build of some entries into chunks/; its chunk files. */
  const chunkBuild = async (entries) => {
    const output = await build({
      ...base,
      define,
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap,
        copyPublicDir: false,
        modulePreload: false,
        rolldownOptions: {
          input: Object.fromEntries(entries.map((name) => [name, at(CHUNK_ENTRIES[name])])),
          // The loader calls these entries' exports by name.
          preserveEntrySignatures: 'exports-only',
          output: { format: 'es', entryFileNames: 'chunks/[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    });
    return (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((file) => file.type === 'chunk');
  };
  // Stage 2 is one file with everything inside: one request when a dialogue triggers (no waterfall of
  // shared chunks before the poke), and a retry that asks for all of it afresh. The rarer chunks
  // share their code among themselves.
  const files = [...await chunkBuild(['stage']), ...await chunkBuild(['adapters', 'validate', 'targeting', 'rest'])];
  const names = Object.fromEntries(Object.keys(CHUNK_ENTRIES).map((name) => [name, files.find((file) => file.isEntry && file.name === name).fileName.slice('chunks/'.length)]));
  await build({
    ...base,
    define: { ...define, __DC_CHUNKS__: JSON.stringify(names) },
    plugins: [...base.plugins, {
      name: 'loader-swaps',
      enforce: 'pre',
      resolveId(source, importer) {
        if (!importer || !source.startsWith('.')) return null;
        const target = relative(root, join(dirname(importer), source)).replace(/\.js$/, '.ts').split(sep).join('/');
        return LOADER_SWAPS[target] ? at(LOADER_SWAPS[target]) : null;
      },
    }],
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
  return { ...names, shared: files.filter((file) => !file.isEntry).map((file) => file.fileName.slice('chunks/'.length)) };
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
  const chunks = await scriptTagBuild(dist);
  run('tsc (declarations)', 'typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  const schema = at('src/engine/flow.schema.json');
  if (!existsSync(schema)) throw new Error('src/engine/flow.schema.json is missing');
  copyFileSync(schema, join(dist, 'flow.schema.json'));
  run('custom-elements manifest', '@custom-elements-manifest/analyzer/cem.js', ['analyze', '--globs', 'src/page/**/*.ts']);
  writeFrameworkTypes(at('custom-elements.json'), join(dist, 'frameworks'));
  for (const name of ['index', 'define', 'engine', 'react']) {
    if (!existsSync(join(dist, `${name}.d.ts`))) throw new Error(`dist/${name}.d.ts was not written`);
  }
  report([...['dynamic-chat.js', 'index.js', 'define.js', 'engine.js', 'react.js', 'flow.schema.json'].map((f) => join(dist, f)), at('custom-elements.json')]);
  console.log('  script-tag chunks:');
  report([chunks.stage, chunks.adapters, chunks.validate, chunks.targeting, chunks.rest, ...chunks.shared].map((f) => join(dist, 'chunks', f)));
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Run as `npm run build`; imported by scripts/size-report.mjs for the script-tag build alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
