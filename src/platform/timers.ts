/** Timers as a value, injectable so tests can drive time by hand. */

/** setTimeout/clearTimeout (`globalThis` is the host's). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
