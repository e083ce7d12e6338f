// A tiny static server for end-to-end tests and screenshots: fixed routes, optional extra headers
// (a strict CSP), and a quiet /favicon.ico so Chromium logs no 404.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * Serves `routes` (`{ '/path': { file } | { body, type } }`) on 127.0.0.1 at a free port.
 * @param {{ routes: Record<string, { file?: string; body?: string; type?: string }>; headers?: Record<string, string> }} options
 * @returns {Promise<{ url: string; requests: string[]; received: Array<{ method: string; path: string; headers: Record<string, unknown>; body: string }>; close(): Promise<void> }>}
 */
export function startServer({ routes, headers = {} }) {
  const requests = [];
  const received = [];
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
    const route = routes[path];
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const body = route.file ? readFileSync(route.file) : route.body ?? '';
    const type = route.type ?? TYPES[extname(route.file ?? path)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
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
