/**
 * A served route: a file on disk, or a body with its content type (and status); a key ending in `/`
 * may serve a folder (`dir`), whose files matching `failMatch` answer 503 `failFirst` times first.
 */
export interface Route { file?: string; body?: string; type?: string; status?: number; dir?: string; failFirst?: number; failMatch?: RegExp }
/** A request with a body (POST, PUT…) the server answered. */
export interface ReceivedRequest { method: string; path: string; headers: Record<string, unknown>; body: string }
/** A running server: every path asked for, and every write received. */
export interface StaticServer { url: string; requests: string[]; received: ReceivedRequest[]; close(): Promise<void> }
/** Serves fixed routes on 127.0.0.1 at a free port, adding `headers` to every answer. */
export function startServer(options: { routes: Record<string, Route>; headers?: Record<string, string> }): Promise<StaticServer>;
/** Chromium flags that work as root and in CI. */
export const CHROMIUM_ARGS: string[];
/** The Chromium executable to drive. */
export const CHROMIUM_PATH: string;
