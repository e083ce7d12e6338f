/**
 * The demo's backend: the shared mock backend (tests/mocks/handlers.ts) served by msw's service
 * worker, reached through the package's own httpAdapter, with every call and request logged.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { httpAdapter, type ChatAdapter } from 'dynamic-chat';

/** The HTTP adapter as the package builds it (outbox size, flush, dispose). */
type HttpAdapter = ReturnType<typeof httpAdapter>;
import type { Agent, Flow } from 'dynamic-chat/engine';
import { createBackend, type Backend } from '../tests/mocks/handlers.js';
import type { DataSource } from './data.js';
import { $backendMode, $dataVersion, $outbox, logLine, type BackendMode } from './store.js';

/** Where the widget's HTTP adapter sends everything (answered by msw). */
export const ENDPOINT = '/api/chat';

const SLOW_MS = 3000;

/** The running demo backend. */
export interface DemoBackend {
  /** The adapter to hand the widget: the HTTP adapter, logging every call. */
  adapter: ChatAdapter;
  /** The HTTP adapter itself (outbox size, flush). */
  http: HttpAdapter;
  /** Meetings, routing queue and report, read from the mock backend's calendar. */
  data: () => DataSource;
  /** Points the backend at a flow's agents and meeting rules (keeps its data when they did not change). */
  useFlow(flow: Flow): void;
}

const bump = (): void => $dataVersion.set($dataVersion.get() + 1);

// The log shows what a reader needs to follow the conversation; ids and keys stay out of the way.
const brief = (name: string, arg: unknown): unknown => {
  const a = arg as Record<string, unknown>;
  if (name === 'track') return `${String(a.type)} ${String(a.dialogueId)}${a.goal ? ` "${String(a.goal)}"` : ''}`;
  if (name === 'submitFields') return a.fields;
  if (name === 'bookMeeting') return { slot: a.slot, lead: (a.lead as Record<string, unknown> | undefined)?.email };
  return arg;
};

/** Wraps an adapter so every call and its answer (or failure) lands in the live log. */
export function loggingAdapter(inner: ChatAdapter): ChatAdapter {
  const call = <A, R>(name: string, fn: (arg: A) => Promise<R>) => async (arg: A): Promise<R> => {
    logLine('adapter', `${name} →`, brief(name, arg));
    try {
      const result = await fn(arg);
      logLine('adapter', `${name} ←`, result === undefined ? 'ok' : result);
      if (name === 'bookMeeting' || name === 'track') bump();
      return result;
    } catch (error) {
      logLine('adapter', `${name} ✗`, error instanceof Error ? error.message : String(error), true);
      throw error;
    }
  };
  const wrapped: ChatAdapter = {
    submitFields: call('submitFields', (s) => inner.submitFields(s)),
    findSlots: call('findSlots', (q) => inner.findSlots(q)),
    bookMeeting: call('bookMeeting', (r) => inner.bookMeeting(r)),
    track: call('track', (e) => inner.track(e)),
  };
  if (inner.onError) wrapped.onError = (listener) => inner.onError!(listener);
  return wrapped;
}

/** fetch as the HTTP adapter sees it, each request and its outcome logged (a refused request is a network error). */
const loggingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const path = url.pathname.replace(ENDPOINT, '') + url.search;
  logLine('network', `${request.method} ${path}`, `backend ${$backendMode.get()}`);
  try {
    const response = await fetch(request);
    logLine('network', `${response.status} ${request.method} ${url.pathname.replace(ENDPOINT, '')}`, response.statusText, !response.ok);
    if (response.ok) bump();
    return response;
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'AbortError';
    logLine('network', `${timedOut ? 'timed out' : 'network error'} ${request.method} ${url.pathname.replace(ENDPOINT, '')}`, String(error), true);
    throw error;
  }
};

const MODE_OF: Record<BackendMode, Parameters<Backend['setMode']>[0]> = { healthy: 'healthy', slow: 'slow', down: 'down', erroring: '500' };

/** Starts the service worker and the adapter; resolves once requests are intercepted. */
export async function startBackend(): Promise<DemoBackend> {
  let agentsKey = '';
  let backend = createBackend({ endpoint: ENDPOINT, agents: [] });
  const worker: SetupWorker = setupWorker(...backend.handlers);
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  // Created only once the worker intercepts: the adapter flushes what an earlier visit left in the outbox at once.
  const http = httpAdapter({ endpoint: ENDPOINT, timeoutMs: SLOW_MS * 3, fetch: loggingFetch });
  http.onError((error) => logLine('adapter', 'onError', error, true));
  // The outbox lives in localStorage and other tabs may share it, so its size is sampled rather than pushed.
  setInterval(() => { if ($outbox.get() !== http.pending()) $outbox.set(http.pending()); }, 500);
  const applyMode = (mode: BackendMode): void => {
    backend.setMode(MODE_OF[mode], mode === 'slow' ? { delayMs: SLOW_MS } : {});
    logLine('demo', 'backend', mode);
  };
  $backendMode.subscribe(applyMode);

  return {
    adapter: loggingAdapter(http),
    http,
    data: () => backend.calendar,
    useFlow(flow) {
      const meetings = flow.settings?.meetings ?? {};
      const key = JSON.stringify([flow.agents ?? [], meetings.minNoticeHours, meetings.bufferMinutes]);
      if (key === agentsKey) return;
      agentsKey = key;
      backend = createBackend({
        endpoint: ENDPOINT, agents: (flow.agents ?? []) as Agent[],
        minNoticeHours: meetings.minNoticeHours, bufferMinutes: meetings.bufferMinutes,
      });
      worker.resetHandlers(...backend.handlers);
      const mode = $backendMode.get();
      backend.setMode(MODE_OF[mode], mode === 'slow' ? { delayMs: SLOW_MS } : {});
      bump();
    },
  };
}
