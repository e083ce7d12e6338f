/** The bench's one static server: every page, flow and widget file from one origin, gzipped as a CDN would send them. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css; charset=utf-8',
};

/** A file to serve at one path. */
export interface Served { body: Buffer | string; type?: string }

/** Serves `files` (path → body) on 127.0.0.1; bodies are gzipped once, up front, and sent gzipped to clients that accept it. */
export function serve(files: Map<string, Served>): Promise<{ url: string; close(): Promise<void> }> {
  const ready = new Map([...files].map(([path, file]) => {
    const raw = Buffer.from(file.body);
    return [path, { raw, gzip: gzipSync(raw, { level: 9 }), type: file.type ?? TYPES[extname(path)] ?? 'text/html; charset=utf-8' }];
  }));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = ready.get(path);
    if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzip : file.raw;
    res.writeHead(200, {
      'content-type': file.type, 'content-length': body.length, 'cache-control': 'no-store', vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
