/** Retry timing for the outbox: exponential backoff with jitter, and the server's Retry-After. */

/** Backoff parameters; `random` is injectable so tests are deterministic. */
export interface BackoffOptions { baseMs?: number; maxMs?: number; random?: () => number }

/**
 * Delay before retry number `attempt` (0-based): "equal jitter", i.e. half of the exponential
 * step plus a random half, so tabs that failed together do not retry together yet never retry at once.
 */
export function backoffDelay(attempt: number, { baseMs = 1000, maxMs = 300_000, random = Math.random }: BackoffOptions = {}): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The longest Retry-After we honour; a broken server must not silence the widget for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Milliseconds to wait according to a Retry-After header (delta seconds or an HTTP date),
 * or null when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - nowMs));
}

/** Statuses that mean "try again later" rather than "this item is wrong". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500 || status < 200 || (status >= 300 && status < 400);
}
