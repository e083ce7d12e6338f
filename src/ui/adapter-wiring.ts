/** Which backend a widget talks to: its `adapter`, else the HTTP adapter for `endpoint`, else the local one. */
import { httpAdapter, localAdapter } from '../adapters/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import type { Flow } from '../engine/types.js';
import type { ChatErrorDetail } from '../stores/events.js';

const REQUIRED_METHODS = ['submitFields', 'findSlots', 'bookMeeting', 'track'] as const;

/** The adapter in use and how to let go of it (timers, page listeners, error subscription). */
export interface WiredAdapter {
  adapter: ChatAdapter;
  dispose(): void;
}

/** What `wireAdapter` needs from the element. */
export interface AdapterChoice {
  adapter: ChatAdapter | undefined;
  endpoint: string | undefined;
  flow: Flow;
  /** Background failures the adapter reports (an item dropped on a 4xx, an overfull outbox). */
  onError(detail: ChatErrorDetail): void;
}

/** Creates or takes the adapter and checks it has every method; a problem comes back as a `dc-error` detail. */
export function wireAdapter(choice: AdapterChoice): { ok: true; wired: WiredAdapter } | { ok: false; error: ChatErrorDetail } {
  let adapter: ChatAdapter;
  let dispose: () => void = () => undefined;
  try {
    if (choice.adapter) adapter = choice.adapter;
    else if (choice.endpoint) {
      const http = httpAdapter({ endpoint: choice.endpoint });
      dispose = () => http.dispose();
      adapter = http;
    } else {
      const meetings = choice.flow.settings?.meetings ?? {};
      adapter = localAdapter({
        agents: choice.flow.agents ?? [],
        ...(meetings.minNoticeHours === undefined ? {} : { minNoticeHours: meetings.minNoticeHours }),
        ...(meetings.bufferMinutes === undefined ? {} : { bufferMinutes: meetings.bufferMinutes }),
      });
    }
  } catch (error) {
    return { ok: false, error: { code: 'adapter-invalid', message: `The adapter could not be created: ${(error as Error).message}` } };
  }
  const missing = REQUIRED_METHODS.filter((name) => typeof (adapter as unknown as Record<string, unknown>)?.[name] !== 'function');
  if (missing.length > 0) {
    dispose();
    return { ok: false, error: { code: 'adapter-invalid', message: `The adapter lacks ${missing.join(', ')}.`, path: missing.map((m) => `/adapter/${m}`).join(' ') } };
  }
  if (typeof adapter.onError === 'function') {
    const off = adapter.onError((error) => choice.onError({ code: error.code, message: error.message, ...(error.path ? { path: error.path } : {}) }));
    const disposeAdapter = dispose;
    dispose = () => {
      off();
      disposeAdapter();
    };
  }
  return { ok: true, wired: { adapter, dispose } };
}
