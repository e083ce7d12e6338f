/** The loader's check of a host's adapter: the methods contract §3 requires are there. */
import type { ChatAdapter } from '../adapters/types.js';
import type { ChatErrorDetail } from '../stores/events.js';

const REQUIRED_METHODS = ['submitFields', 'findSlots', 'bookMeeting', 'track'] as const;

/** The `dc-error` detail of a host adapter that lacks a method, or null when it has them all (or none was given). */
export function adapterProblem(adapter: ChatAdapter | undefined): ChatErrorDetail | null {
  if (!adapter) return null;
  const missing = REQUIRED_METHODS.filter((name) => typeof (adapter as unknown as Record<string, unknown>)[name] !== 'function');
  return missing.length > 0
    ? { code: 'adapter-invalid', message: `The adapter lacks ${missing.join(', ')}.`, path: missing.map((m) => `/adapter/${m}`).join(' ') }
    : null;
}
