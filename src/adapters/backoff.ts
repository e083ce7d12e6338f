/** Retry timing for the outbox: exponential backoff with jitter, and the server's Retry-After. */

/**
 * Delay before retry number `attempt` (0-based): a step of 1 s doubling up to 5 min, with "equal
 * jitter" (half the step plus a random half), so tabs that failed together do not retry together
 * yet never retry at once. `random` is injectable so tests are deterministic.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(300_000, 1000 * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The longest Retry-After we honour; a broken server must not silence the widget for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Milliseconds to wait according to a Retry-After header (delta seconds or an HTTP date),
 * or null when the header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  const text = header?.trim() ?? '';
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  return Number.isNaN(ms) ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

/** Statuses that mean "try again later" rather than "this item is wrong" (2xx is neither). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500 || status < 200 || (status >= 300 && status < 400);
}
