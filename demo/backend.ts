/**
 * The demo's backend, reached through the package's own httpAdapter with every call and request
 * logged. msw's service worker runs the shared handlers of tests/mocks/handlers.ts: under
 * `npm run demo` they only inject faults and pass healthy requests on to the reference server
 * (scripts/demo.ts); in a plain `vite` or a static build they are the in-memory mock backend.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { httpAdapter, type ChatAdapter } from 'dynamic-chat';

/** The HTTP adapter as the package builds it (outbox size, flush, dispose). */
type HttpAdapter = ReturnType<typeof httpAdapter>;
import type { Agent, Flow } from 'dynamic-chat/engine';
import { createBackend, type Backend } from '../tests/mocks/handlers.js';
import type { DataSource, LeadRow } from './data.js';
import { publishOnServer, serverData } from './server-data.js';
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
  /** Leads, meetings, routing queue and report: from the server, or the mock backend's calendar. */
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

/** The mock backend's leads: its field submissions merged per session, newest first. */
function mockLeads(backend: Backend): LeadRow[] {
  const bySession = new Map<string, LeadRow>();
  for (const f of backend.state.fields) {
    const lead = bySession.get(f.sessionId) ?? { email: null, fields: {}, lastSeen: f.at, meetings: 0 };
    Object.assign(lead.fields, f.fields);
    lead.email = lead.fields.email ?? lead.email;
    lead.lastSeen = f.at;
    bySession.set(f.sessionId, lead);
  }
  const meetings = backend.calendar.meetings();
  for (const lead of bySession.values()) lead.meetings = meetings.filter((m) => m.leadEmail && m.leadEmail === lead.email).length;
  return [...bySession.values()].reverse();
}

/** The mock backend's data: its calendar plus the leads it received. */
const mockData = (backend: Backend): DataSource => ({
  leads: () => mockLeads(backend),
  meetings: () => backend.calendar.meetings(),
  queue: () => backend.calendar.queue(),
  report: () => backend.calendar.report(),
  reset: () => backend.reset(),
});

/** Starts the service worker and the adapter; resolves once requests are intercepted. */
export async function startBackend(): Promise<DemoBackend> {
  const live = __DEMO_SERVER__;
  let agentsKey = '';
  let backend = createBackend({ endpoint: ENDPOINT, agents: [], passthrough: live });
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

  let latest: Flow | null = null;
  const server = serverData();
  const demo: DemoBackend = {
    adapter: loggingAdapter(http),
    http,
    data: () => (live ? {
      ...server,
      async reset() {
        await server.reset();
        // The new database holds the sample flow: the one being previewed goes up again.
        agentsKey = '';
        if (latest) demo.useFlow(latest);
      },
    } : mockData(backend)),
    useFlow(flow) {
      latest = flow;
      const meetings = flow.settings?.meetings ?? {};
      const key = JSON.stringify([flow.agents ?? [], meetings.minNoticeHours, meetings.bufferMinutes]);
      if (key === agentsKey) return;
      agentsKey = key;
      if (live) {
        // The server offers slots from the published flow's agents and meeting rules.
        void publishOnServer(flow).then((problem) => {
          logLine('demo', 'published on the server', problem ?? 'ok', problem !== null);
          bump();
        });
        return;
      }
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
  return demo;
}
