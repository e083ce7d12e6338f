/**
 * Which backend a widget talks to: its `adapter`, else the HTTP adapter for `endpoint`, else the
 * local one. Not in the loader: stage 2 carries it (ui/stage.ts, with both built-in adapters),
 * and so does the adapters chunk the loader imports alone to flush an earlier page's outbox or to
 * ask `identify()` (page/http-wiring.ts, with the HTTP adapter only).
 */
import type { ChatAdapter } from '../adapters/types.js';
import type { Flow } from '../engine/index.js';
import type { ChatErrorDetail } from '../stores/events.js';
import { adapterProblem } from './adapter-check.js';

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

/** Makes the built-in adapter a choice without a host adapter calls for. */
export type BuiltIn = (choice: AdapterChoice) => ChatAdapter & { dispose?(): void };

/**
 * Takes the host's adapter or makes the built-in one, and checks it has every method; a problem
 * comes back as a `dc-error` detail.
 */
export function wireAdapter(choice: AdapterChoice, builtIn: BuiltIn): { ok: true; wired: WiredAdapter } | { ok: false; error: ChatErrorDetail } {
  let adapter: ChatAdapter & { dispose?(): void };
  try {
    adapter = choice.adapter || builtIn(choice);
  } catch (error) {
    return { ok: false, error: { code: 'adapter-invalid', message: `The adapter could not be created: ${(error as Error).message}` } };
  }
  // An adapter made here is ours to dispose (the HTTP adapter's timers and page listeners); a host's is the host's.
  const own = choice.adapter ? undefined : adapter.dispose;
  const problem = adapterProblem(adapter);
  if (problem) return { ok: false, error: problem };
  const off = typeof adapter.onError === 'function'
    ? adapter.onError(({ code, message, path }) => choice.onError({ code, message, ...(path ? { path } : {}) }))
    : undefined;
  return {
    ok: true,
    wired: {
      adapter,
      dispose() {
        off?.();
        own?.call(adapter);
      },
    },
  };
}

/** Wiring with both built-in adapters: the HTTP one for `endpoint`, else the local one (stage 2). */
export type WireAdapter = (choice: AdapterChoice) => ReturnType<typeof wireAdapter>;
