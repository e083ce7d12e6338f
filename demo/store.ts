/** The previewer's own state (not the widget's): the draft, the simulated visit, the log. */
import { atom, type WritableAtom } from 'nanostores';
import type { Flow, FlowProblem } from 'dynamic-chat/engine';

/** A problem shown under the editor, with the line it points at. */
export interface ShownProblem extends FlowProblem { line: number }

/** The sample flows the picker offers, in order. */
export const SAMPLES = ['northwind', 'support', 'campaign'] as const;

/** One sample's name. */
export type SampleName = (typeof SAMPLES)[number];

/** The simulated visitor. */
export interface Visit {
  url: string;
  known: boolean;
  email: string;
  firstName: string;
  companyName: string;
  companySize: string;
  industry: string;
  device: 'desktop' | 'mobile';
  /** `datetime-local` value; empty = the real clock. */
  at: string;
}

/** One line of the live log. */
export interface LogEntry { id: number; at: string; kind: 'event' | 'adapter' | 'network' | 'demo'; name: string; detail: string; failed?: boolean }

/** How the mocked backend behaves. */
export type BackendMode = 'healthy' | 'slow' | 'down' | 'erroring';

/** The host every simulated page lives on (the sample flows' globs target it). */
export const SITE_ORIGIN = 'https://www.northwind.example';

/** The editor text, as typed. */
export const $draft = atom<string>('');
/** The last valid flow: the preview keeps playing it while the draft is broken. */
export const $flow = atom<Flow | null>(null);
/** Errors and warnings of the draft (a syntax error is one problem at its line). */
export const $problems = atom<ShownProblem[]>([]);
/** The simulated visit. */
export const $visit = atom<Visit>({
  url: `${SITE_ORIGIN}/`, known: false, email: 'dana@acme.example', firstName: 'Dana',
  companyName: 'Acme Robotics', companySize: '250', industry: 'Software', device: 'desktop', at: '',
});
/** The element's theme attribute (not part of the flow). */
export const $theme = atom<'light' | 'dark' | 'auto'>('light');
/** The mocked backend's behaviour. */
export const $backendMode = atom<BackendMode>('healthy');
/** Which dialogue and card the widget is on. */
export const $position = atom<{ dialogueId: string | null; cardId: string | null }>({ dialogueId: null, cardId: null });
/** The live log, newest last (bounded). */
export const $log = atom<LogEntry[]>([]);
/** Items waiting in the HTTP adapter's outbox. */
export const $outbox = atom(0);
/** Bumped whenever the backend's data (meetings, report, queue) may have changed. */
export const $dataVersion = atom(0);

let nextLogId = 1;
const LOG_LIMIT = 400;

/** Appends a log line; `detail` is any plain data, shown as JSON text. */
export function logLine(kind: LogEntry['kind'], name: string, detail: unknown, failed = false): void {
  const text = detail === undefined ? '' : typeof detail === 'string' ? detail : JSON.stringify(detail);
  const entry: LogEntry = { id: nextLogId++, at: new Date().toISOString().slice(11, 23), kind, name, detail: text, failed };
  $log.set([...$log.get().slice(-(LOG_LIMIT - 1)), entry]);
}

/** The lead the simulated visitor brings, or an empty lead when anonymous. */
export function leadOf(visit: Visit): Record<string, unknown> {
  if (!visit.known) return {};
  const size = Number(visit.companySize);
  return {
    email: visit.email,
    firstName: visit.firstName,
    company: { name: visit.companyName, size: Number.isFinite(size) && visit.companySize !== '' ? size : visit.companySize, industry: visit.industry },
  };
}

/**
 * Keeps a store in this tab's sessionStorage (`demo:` keys, which "reset the visitor" leaves alone),
 * so a reload keeps the previewer as it was. Storage that refuses is simply not used.
 */
export function remember<T>(store: WritableAtom<T>, key: string, accept: (value: unknown) => boolean): void {
  try {
    const saved = sessionStorage.getItem(`demo:${key}`);
    if (saved !== null) {
      const value: unknown = JSON.parse(saved);
      if (accept(value)) store.set(value as T);
    }
  } catch { /* nothing saved, or not readable: keep the default */ }
  store.listen((value) => {
    try { sessionStorage.setItem(`demo:${key}`, JSON.stringify(value)); } catch { /* storage refused */ }
  });
}
