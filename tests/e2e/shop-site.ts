/** The host page the end-to-end suites put the widget on: a shop with an inline chat against a server. */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A route of scripts/static-server.mjs: a file on disk or a body. */
export type Route = { file?: string; body?: string; type?: string };

/** The shop's routes: its page, the loader and the loader's chunks beside it, talking to `api`. */
export function shopRoutes(api: string): Record<string, Route> {
  const routes: Record<string, Route> = {
    '/dynamic-chat.js': { file: join(root, 'dist/dynamic-chat.js') },
    '/': {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script src="/dynamic-chat.js" defer></script></head><body><main><h1>Shop</h1>
<dynamic-chat mode="inline" flow="${api}/flow.json" endpoint="${api}"></dynamic-chat></main></body></html>`,
    },
  };
  for (const chunk of readdirSync(join(root, 'dist/chunks'))) routes[`/chunks/${chunk}`] = { file: join(root, 'dist/chunks', chunk) };
  return routes;
}
