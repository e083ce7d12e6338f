// A tiny static server for end-to-end tests and screenshots: fixed routes, optional extra headers
// (a strict CSP), and a quiet /favicon.ico so Chromium logs no 404.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * The route for `path`: an exact one, else a folder route (a key ending in `/` with `{ dir }`) that
 * holds the file. A folder route's `failFirst` answers each of its files with 503 that many times
 * first (Infinity: always), for the files whose path matches `failMatch` (all by default).
 */
function routeOf(routes, path, failures) {
  if (routes[path]) return routes[path];
  const prefix = Object.keys(routes).find((key) => key.endsWith('/') && routes[key].dir && path.startsWith(key));
  if (!prefix) return undefined;
  const { dir, failFirst = 0, failMatch } = routes[prefix];
  const rest = normalize(path.slice(prefix.length));
  const file = join(dir, rest);
  if (rest.startsWith('..') || !existsSync(file)) return undefined;
  if ((!failMatch || failMatch.test(rest)) && (failures.get(path) ?? 0) < failFirst) {
    failures.set(path, (failures.get(path) ?? 0) + 1);
    return { status: 503, body: 'unavailable', type: 'text/plain' };
  }
  return { file };
}

/**
 * Serves `routes` (`{ '/path': { file } | { body, type } }`, and folders: `{ '/dir/': { dir } }`) on 127.0.0.1 at a free port.
 * @param {{ routes: Record<string, { file?: string; body?: string; type?: string }>; headers?: Record<string, string> }} options
 * @returns {Promise<{ url: string; requests: string[]; received: Array<{ method: string; path: string; headers: Record<string, unknown>; body: string }>; close(): Promise<void> }>}
 */
export function startServer({ routes, headers = {} }) {
  const requests = [];
  const received = [];
  const failures = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // Writes (an adapter posting to an endpoint) are kept with their headers and body for tests.
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => received.push({ method: req.method, path, headers: req.headers, body }));
    }
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const route = routeOf(routes, path, failures);
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const body = route.file ? readFileSync(route.file) : route.body ?? '';
    const type = route.type ?? TYPES[extname(route.file ?? path)] ?? 'application/octet-stream';
    res.writeHead(route.status ?? 200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        received,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done(undefined)); }),
      });
    });
  });
}

/** Chromium flags that work as root and in CI (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  ...((typeof process.getuid === 'function' && process.getuid() === 0) || process.env.CI ? ['--no-sandbox'] : [])];

/** The Chromium to drive: CHROME_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
