/** The few host facilities adapters use, injectable for tests and guarded for Node. */

/** setTimeout/clearTimeout, so tests can drive time by hand (`globalThis` is the host's). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The subset of the Web Locks API (`navigator.locks`) the outbox uses. */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** `navigator.locks` when the host has it (modern browsers), else null. */
export function hostLocks(): LockManagerLike | null {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return typeof locks?.request === 'function' ? locks : null;
}

/** A random id for this adapter instance (one per tab and page load). */
export function randomId(): string {
  // randomUUID exists only on secure (https) pages.
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
