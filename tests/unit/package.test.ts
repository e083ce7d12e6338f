// The npm package as a user meets it: `npm pack`, install the tarball into a throwaway project,
// type-check and bundle a TypeScript file that imports every entry (the bundler splits the chat
// view into a chunk of its own), and run the engine entry in plain Node. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const work = mkdtempSync(join(tmpdir(), 'dc-package-'));
const consumer = join(work, 'consumer');
let packed: string[] = [];

/** Runs a command; fails the test with its output when it exits non-zero. */
function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const tsc = (project: string) => run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], consumer);

const CONSUMER_TS = `
import { DynamicChat, defineDynamicChat, httpAdapter, localAdapter, validateFlow } from 'dynamic-chat';
import 'dynamic-chat/define';
import { resolveDialogue, roundRobin, start, step, validateFlow as validateOnServer } from 'dynamic-chat/engine';
import type { Flow } from 'dynamic-chat/engine';

defineDynamicChat();
const element: DynamicChat = document.createElement('dynamic-chat');
element.setAttribute('page-url', '/pricing');
const flow: Flow = { version: 1, dialogues: [] };
const checked = validateFlow(flow);
if (checked.ok) element.flow = checked.flow;
const server = validateOnServer({});
const errors: string[] = server.ok ? [] : server.errors.map((problem) => problem.path + ': ' + problem.message);
element.adapter = location.search ? httpAdapter({ endpoint: '/api/chat' }) : localAdapter({ agents: [] });
const picked: string | null = roundRobin(['a', 'b'], 'a', ['a']);
const resolved: string | null = resolveDialogue(flow, { url: location.href }).dialogueId;
element.addEventListener('dc-ready', (event) => {
  const dialogueId: string | null = event.detail.dialogueId;
  console.log(dialogueId);
});
element.addEventListener('dc-error', (event) => console.log(event.detail.code, event.detail.message));
document.body.append(element);
element.show();
console.log(errors, picked, resolved, typeof start, typeof step);
`;

const TSCONFIG = (moduleResolution: 'bundler' | 'nodenext') => JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext', moduleResolution,
    lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false, types: [],
  },
  files: ['src/main.ts'],
});

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const out = run('npm', ['pack', '--json', '--pack-destination', work], root);
  const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = info[0].files.map((f) => f.path);
  const tarball = join(work, info[0].filename);

  mkdirSync(join(consumer, 'src'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({
    name: 'consumer', private: true, type: 'module', dependencies: { [pkg.name]: `file:${tarball}` },
  }));
  writeFileSync(join(consumer, 'src/main.ts'), CONSUMER_TS);
  writeFileSync(join(consumer, 'index.html'), '<!doctype html><title>consumer</title><script type="module" src="/src/main.ts"></script>');
  writeFileSync(join(consumer, 'tsconfig.json'), TSCONFIG('bundler'));
  writeFileSync(join(consumer, 'tsconfig.node.json'), TSCONFIG('nodenext'));
  // The workspace's npm cache already holds lit & co.; the registry is only asked for what is missing.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], consumer);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('ships the built entries, types, schema, themes and manifest, and no sources or tests', () => {
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/define.js', 'dist/define.d.ts', 'dist/engine.js',
      'dist/engine.d.ts', 'dist/dynamic-chat.js', 'dist/flow.schema.json', 'custom-elements.json', 'package.json', 'README.md']) {
      expect(packed).toContain(file);
    }
    expect(packed.some((f) => f.startsWith('themes/') && f.endsWith('.css'))).toBe(true);
    expect(packed.filter((f) => /^(src|tests|scripts|demo|bench)\//.test(f))).toEqual([]);
  });

  it('ships every file that package.json "exports" points to', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const targets: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(manifest.exports);
    for (const target of targets) {
      const pattern = new RegExp(`^${target.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '.+')}$`);
      expect(packed.some((file) => pattern.test(file)), `"exports" points to ${target}`).toBe(true);
    }
  });

  it('is side-effect free: importing only validateFlow from dynamic-chat bundles no element', async () => {
    writeFileSync(join(consumer, 'src/engine-only.ts'), "import { validateFlow } from 'dynamic-chat';\nconsole.log(validateFlow({}).ok);\n");
    await build({
      root: consumer, configFile: false, logLevel: 'silent',
      build: { outDir: join(consumer, 'out-engine-only'), lib: { entry: join(consumer, 'src/engine-only.ts'), formats: ['es'], fileName: 'engine-only' } },
    });
    const code = readFileSync(join(consumer, 'out-engine-only/engine-only.js'), 'utf8');
    expect(code.includes('customElements'), 'no element registration').toBe(false);
    expect(/LitElement|ReactiveElement|attachShadow/.test(code), 'no lit').toBe(false);
  }, 60_000);

  it('type-checks a TypeScript file importing dynamic-chat, dynamic-chat/define and dynamic-chat/engine (bundler resolution)', () => {
    tsc('tsconfig.json');
  }, 60_000);

  it('type-checks the same file under NodeNext resolution (the "exports" types are right)', () => {
    tsc('tsconfig.node.json');
  }, 60_000);

  it('builds with vite into a bundle that registers <dynamic-chat>', async () => {
    await build({ root: consumer, configFile: false, logLevel: 'silent', build: { outDir: join(consumer, 'out') } });
    const assets = readdirSync(join(consumer, 'out/assets')).filter((f) => f.endsWith('.js'));
    const code = assets.map((f) => readFileSync(join(consumer, 'out/assets', f), 'utf8')).join('\n');
    // Booleans, not the strings: a failure must not print the whole bundle.
    expect(code.includes('"dynamic-chat"') || code.includes('`dynamic-chat`') || code.includes("'dynamic-chat'"), 'the tag name is in the bundle').toBe(true);
    expect(code.includes('customElements'), 'the bundle registers a custom element').toBe(true);
  }, 60_000);

  it('code-splits with no configuration: the consumer bundle loads the chat view (lit) from a chunk of its own', async () => {
    const out = join(consumer, 'out-split');
    await build({ root: consumer, configFile: false, logLevel: 'silent', build: { outDir: out } });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entry, 'the page loads one entry script').toBeTruthy();
    const chunks = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js') && f !== entry);
    const has = (file: string, text: string) => readFileSync(join(out, 'assets', file), 'utf8').includes(text);
    // lit-html marks its templates with `lit$`; the entry has the element, not the view.
    expect(has(entry!, 'lit$'), 'no lit in the entry').toBe(false);
    expect(has(entry!, 'customElements'), 'the element is in the entry').toBe(true);
    expect(chunks.filter((f) => has(f, 'lit$')), 'one chunk holds the view with lit').toHaveLength(1);
  }, 60_000);

  it('runs dynamic-chat/engine in plain Node: validates northwind, resolves a dialogue, routes round-robin', () => {
    const northwind = join(root, 'demo/flows/northwind.json');
    const script = `
      import { readFileSync } from 'node:fs';
      import { validateFlow, resolveDialogue, roundRobin } from 'dynamic-chat/engine';
      const flow = JSON.parse(readFileSync(${JSON.stringify(northwind)}, 'utf8'));
      const checked = validateFlow(flow);
      const broken = validateFlow({ version: 1, dialogues: [{ id: 'x', start: 'nowhere', cards: {} }] });
      console.log(JSON.stringify({
        dom: typeof window + '/' + typeof document + '/' + typeof HTMLElement,
        ok: checked.ok,
        brokenPaths: broken.ok ? [] : broken.errors.map((e) => e.path),
        pricing: resolveDialogue(checked.flow, { url: 'https://northwind.example/pricing' }).dialogueId,
        next: roundRobin(['maria', 'kenji', 'olu'], 'kenji', ['maria', 'kenji']),
      }));`;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], consumer));
    expect(out).toMatchObject({ dom: 'undefined/undefined/undefined', ok: true, pricing: 'pricing-anonymous', next: 'maria' });
    expect(out.brokenPaths.length).toBeGreaterThan(0);
  });

  it('keeps dynamic-chat/engine free of lit, the UI and the DOM: its whole import graph is relative', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)) {
        const spec = match[1] ?? match[2];
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\.?\//);
        visit(join(dirname(file), spec));
      }
    };
    visit(join(consumer, 'node_modules/dynamic-chat/dist/engine.js'));
    expect(seen.size).toBeGreaterThan(0);
  });
});
