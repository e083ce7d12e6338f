// React 19, Vue 3.5 and Svelte 5 apps, written the way their developers write them, built against
// the packed tarball: each type-checks with its own tool (and a file of deliberate mistakes must
// not), and in Chromium `<dynamic-chat open>` opens the panel, a dc-ready handler that sets state
// runs once, and a finished dialogue survives the parent's re-renders. Needs `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type PluginOption } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startServer, type Route, type StaticServer } from '../../scripts/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'dc-frameworks-'));
const apps = join(work, 'apps');
const bin = (file: string) => join(root, 'node_modules', file);

/** Runs a Node CLI without blocking the event loop (the checks overlap); resolves with its exit code and output. */
function check(script: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin(script), ...args], { cwd });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The lines with an error, by file name: `file(line,col): error` (tsc, vue-tsc) or `ERROR "file" line:col` (svelte-check). */
function errorsByFile(out: string): Record<string, number[]> {
  const found: Record<string, number[]> = {};
  const add = (file: string, line: string) => {
    const lines = (found[file.split(/[\\/]/).pop()!] ??= []);
    if (!lines.includes(Number(line))) lines.push(Number(line));
  };
  for (const m of out.matchAll(/^(\S+?)\((\d+),\d+\): error/gm)) add(m[1], m[2]);
  for (const m of out.matchAll(/ERROR "([^"]+)" (\d+):\d+/g)) add(m[1], m[2]);
  return found;
}

/** Every file of a built app, served under `/<app>/`. */
function routesOf(app: string, dir: string): Record<string, Route> {
  const routes: Record<string, Route> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const file = join(at, name);
      if (statSync(file).isDirectory()) walk(file);
      else routes[`/${app}/${relative(dir, file).split('\\').join('/')}`] = { file };
    }
  };
  walk(dir);
  routes[`/${app}/`] = routes[`/${app}/index.html`];
  return routes;
}

const PLUGINS: Record<string, PluginOption[]> = {
  react: [],
  // Vue's template compiler must be told which tags are custom elements (README, Frameworks).
  vue: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'dynamic-chat' } } })],
  svelte: [svelte({ configFile: false })],
};

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/frameworks/react-jsx.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first');
  // The tarball a user installs, unpacked where npm would put it; its dependencies and the
  // frameworks come from this workspace's node_modules, so nothing is fetched.
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const tarball = join(work, (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string }>)[0].filename);
  const modules = join(work, 'node_modules');
  mkdirSync(join(modules, 'dynamic-chat'), { recursive: true });
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', join(modules, 'dynamic-chat'), '--strip-components=1']);
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (!name.startsWith('.') && name !== 'dynamic-chat') symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  cpSync(join(root, 'tests/e2e/frameworks'), apps, { recursive: true });

  const routes: Record<string, Route> = {};
  for (const app of ['react', 'vue', 'svelte']) {
    const outDir = join(work, 'out', app);
    await build({ root: join(apps, app), base: `/${app}/`, configFile: false, logLevel: 'silent', plugins: PLUGINS[app], build: { outDir } });
    Object.assign(routes, routesOf(app, outDir));
  }
  server = await startServer({ routes });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

// One run per tool over the app and its file of mistakes: the app must be clean, and every line of
// the mistakes file must fail (flow={42}, mode="sideways", a wrong event detail).
describe.concurrent('typed templates from the packed package', () => {
  it('React (tsc): the app, the @lit/react wrapper, a document listener, Preact and Solid pass; bad.tsx fails on every line', async () => {
    const { code, out } = await check('typescript/bin/tsc', ['-p', 'tsconfig.json'], join(apps, 'react'));
    expect(errorsByFile(out), out).toEqual({ 'bad.tsx': [5, 6, 7, 8, 9, 10] });
    expect(code).not.toBe(0);
  }, 150_000);

  it('Vue (vue-tsc): App.vue passes; Bad.vue fails on every line', async () => {
    const { code, out } = await check('vue-tsc/bin/vue-tsc.js', ['-p', 'tsconfig.json'], join(apps, 'vue'));
    expect(errorsByFile(out), out).toEqual({ 'Bad.vue': [4, 5, 6] });
    expect(code).not.toBe(0);
  }, 150_000);

  it('Svelte (svelte-check): App.svelte passes with no warning; Bad.svelte fails on every line', async () => {
    const { code, out } = await check('svelte-check/bin/svelte-check', ['--workspace', join(apps, 'svelte'), '--output', 'machine'], apps);
    expect(errorsByFile(out), out).toEqual({ 'Bad.svelte': [5, 6, 7] });
    expect(out).toMatch(/COMPLETED \d+ FILES 3 ERRORS 0 WARNINGS 1 FILES_WITH_PROBLEMS/);
    expect(code).not.toBe(0);
  }, 150_000);
});

/** Opens an app; collects uncaught errors and console errors. */
async function openApp(path: string): Promise<{ tab: Page; errors: string[] }> {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await tab.goto(server.url + path);
  return { tab, errors };
}

const text = (tab: Page, selector: string) => tab.locator(selector).textContent();

describe('the apps in Chromium', () => {
  it.each([
    ['React, the bare tag', '/react/'],
    ['React, the dynamic-chat/react wrapper', '/react/?wrapper'],
    ['Vue', '/vue/'],
    ['Svelte', '/svelte/'],
  ])('%s: <dynamic-chat open> opens the panel; dc-ready runs its handler once; a finished dialogue survives re-renders', async (_name, path) => {
    const { tab, errors } = await openApp(path);
    const panel = tab.getByRole('dialog', { name: 'Ava' });
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    // The lead the app passes reached the element.
    await panel.getByText('Hi Ada!').waitFor({ timeout: 10_000 });

    await panel.getByRole('button', { name: 'Pricing' }).click();
    await panel.getByText('Thanks, we will be in touch.').waitFor({ timeout: 10_000 });
    // The app's own dc-field handler set state, so the parent re-rendered with a fresh lead.
    await tab.waitForFunction(() => document.querySelector('#fields')?.textContent === 'topic=pricing', undefined, { timeout: 5_000 });
    const reRender = tab.getByRole('button', { name: 'Re-render' });
    await reRender.click();
    await reRender.click();
    await tab.waitForFunction(() => document.querySelector('#renders')?.textContent === '2', undefined, { timeout: 5_000 });
    // Long enough for a re-targeting or a dc-ready loop to show (React's ran at ~700 a second).
    await tab.waitForTimeout(500);

    expect(await panel.isVisible(), 'the panel is still open').toBe(true);
    const log = panel.getByRole('log');
    for (const line of ['Hi Ada!', 'What brings you here?', 'Pricing', 'Thanks, we will be in touch.']) {
      expect(await log.getByText(line, { exact: true }).count(), `the transcript still has "${line}"`).toBeGreaterThan(0);
    }
    expect(await text(tab, '#ready'), 'dc-ready events the app counted').toBe('1');
    expect(await text(tab, '#fields')).toBe('topic=pricing');
    expect(errors).toEqual([]);
    await tab.close();
  });

  it('React: a dc-field listener on the document hears the event (typed through GlobalEventHandlersEventMap)', async () => {
    const { tab, errors } = await openApp('/react/');
    await tab.getByRole('button', { name: 'Pricing' }).click();
    await tab.waitForFunction(() => document.title === 'field: topic', undefined, { timeout: 10_000 });
    expect(errors).toEqual([]);
    await tab.close();
  });
});
