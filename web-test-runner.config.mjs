// Browser tests in Debian Chromium (CHROME_PATH, else /usr/bin/chromium).
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROME_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const args = [
  '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // A test tab must never have its timers throttled, even if Chromium thinks it is in the background.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
  ...(asRoot || process.env.CI ? ['--no-sandbox'] : []),
];

/**
 * `executeServerCommand('emulate-forced-colors', { active })`: puppeteer's emulateMediaFeatures refuses
 * `forced-colors`, so this asks Chromium over the DevTools protocol (as DevTools' own rendering tab does).
 */
function forcedColorsPlugin() {
  // One DevTools session per page, kept open: Chromium drops a session's emulation when it detaches.
  const sessions = new WeakMap();
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, page.createCDPSession());
      const cdp = await sessions.get(page);
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }] });
      return true;
    },
  };
}

export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: true,
  // One tab at a time: a background tab gets no rendering updates, so media-query changes (the phone
  // panel becoming modal when the window narrows) and frame-driven work would wait on the foreground tab.
  concurrency: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 15000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), forcedColorsPlugin()],
  middleware: [
    // msw's worker is committed under public/ and must be served from the root.
    function mswWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/public/mockServiceWorker.js';
      return next();
    },
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html><head><meta charset="utf-8"><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`,
};
