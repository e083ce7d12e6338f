/** Cross-tab locks: the Web Locks API when the host has it, guarded for Node and old browsers. */

/** The subset of the Web Locks API (`navigator.locks`) the outbox uses. */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** `navigator.locks` when the host has it (modern browsers), else null. */
export function hostLocks(): LockManagerLike | null {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return typeof locks?.request === 'function' ? locks : null;
}
