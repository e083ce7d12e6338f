/**
 * `npm run demo`: the reference server (embedded PostgreSQL in a temporary folder) and the demo's
 * vite dev server in one process, so stopping the demo stops the server and removes its data.
 *
 * The dev server forwards `/api/chat/*` to the server's protocol and `/api/admin/*` to its admin
 * API, adding the admin token on the way: the token never reaches the browser. The page learns it
 * runs against a server from the `__DEMO_SERVER__` define; a plain `vite` or a static build keeps
 * the in-memory mock backend.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { readJsonFile, startServer, type RunningServer } from '../server/src/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** How to start the demo. */
export interface DemoOptions {
  /** The dev server's port (0: any free one). */
  port?: number;
  /** Server log lines (never personal data); silent when omitted. */
  log?: (line: string) => void;
  /** vite's own logging. */
  logLevel?: 'info' | 'silent';
}

/** A running demo: the page's URL, the server behind it, and one call to stop both. */
export interface RunningDemo {
  url: string;
  vite: ViteDevServer;
  /** The server currently behind the page (a reset replaces it). */
  api(): RunningServer;
  /** The server's admin token (the dashboard's sign-in). */
  adminToken: string;
  close(): Promise<void>;
}

// Headers that belong to one hop, or that would make the server treat the dev server as another site.
const DROPPED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'origin', 'referer', 'cookie', 'accept-encoding', 'authorization']);

/** Starts the server on a fresh temporary database with the Northwind sample flow published. */
async function freshServer(adminToken: string, log: (line: string) => void): Promise<{ api: RunningServer; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dynamic-chat-demo-'));
  const api = await startServer({
    dataDir: dir,
    adminToken,
    flow: readJsonFile(join(root, 'demo/flows/northwind.json')),
    // Every request arrives from 127.0.0.1 through the dev server; the demo is one visitor clicking fast.
    rateLimitPerMinute: 10_000,
    log,
  });
  return { api, dir };
}

/** Sends a dev-server request on to the server and its answer back. */
async function forward(req: IncomingMessage, res: ServerResponse, target: string, extra: Record<string, string>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers(extra);
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && !DROPPED.has(name)) headers.set(name, value);
  }
  try {
    const answer = await fetch(target, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined, redirect: 'manual' });
    res.statusCode = answer.status;
    answer.headers.forEach((value, name) => { if (!DROPPED.has(name) && name !== 'content-encoding') res.setHeader(name, value); });
    res.end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    res.statusCode = 502;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: { message: 'The demo server is not reachable.', path: '' } }));
  }
}

/** Starts the server and the demo's dev server in front of it. */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => {});
  const adminToken = randomBytes(24).toString('base64url');
  let current = await freshServer(adminToken, log);
  const folders = [current.dir];
  // Whoever ends the process (vite's own SIGTERM handler exits at once), the temporary databases go with it.
  const removeFolders = (): void => { for (const dir of folders) rmSync(dir, { recursive: true, force: true }); };
  process.once('exit', removeFolders);

  const plugin: Plugin = {
    name: 'dynamic-chat-demo-server',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (url.startsWith('/api/chat/')) return void forward(req, res, current.api.url + url.slice('/api/chat'.length), {});
        if (url.startsWith('/api/admin/')) {
          return void forward(req, res, `${current.api.url}/admin/api/${url.slice('/api/admin/'.length)}`, { Authorization: `Bearer ${adminToken}` });
        }
        if (url === '/api/demo/reset' && req.method === 'POST') {
          // "Erase the backend's data": a new empty database, the old one closed and deleted.
          void (async () => {
            const old = current;
            current = await freshServer(adminToken, log);
            folders.push(current.dir);
            await old.api.close();
            rmSync(old.dir, { recursive: true, force: true });
            res.setHeader('Content-Type', 'application/json');
            res.end('{"ok":true}');
          })().catch(next);
          return;
        }
        next();
      });
    },
  };

  let vite: ViteDevServer;
  try {
    vite = await createServer({
      configFile: join(root, 'vite.config.ts'),
      logLevel: options.logLevel ?? 'silent',
      define: { __DEMO_SERVER__: 'true' },
      plugins: [plugin],
      server: { port: options.port ?? 5173, strictPort: false, hmr: options.port === 0 ? false : undefined },
    });
    await vite.listen();
  } catch (error) {
    await current.api.close();
    rmSync(current.dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: vite.resolvedUrls!.local[0].replace(/\/$/, ''),
    vite,
    api: () => current.api,
    adminToken,
    async close() {
      await vite.close();
      await current.api.close();
      removeFolders();
      process.off('exit', removeFolders);
    },
  };
}

// Run as `node --import tsx scripts/demo.ts [--port 5173]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--port');
  const demo = await startDemo({
    port: at > 0 ? Number(process.argv[at + 1]) : undefined,
    log: (line) => console.log(`[server] ${line}`),
    logLevel: 'info',
  });
  demo.vite.printUrls();
  console.log(`  ➜  Server:  ${demo.api().url} (embedded PostgreSQL in a temporary folder, removed on exit)`);
  console.log(`  ➜  Dashboard: ${demo.api().url}/admin (admin token ${demo.adminToken}; "Erase the backend's data" starts a new server)`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
