/** An in-memory Web Locks stand-in shared by "tabs" (adapter instances) in one test. */
import type { LockManagerLike } from '../../src/platform/locks.js';

/** Exclusive named locks granted in request order, like `navigator.locks.request(name, cb)`. */
export function memoryLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(() => callback({ name, mode: 'exclusive' }));
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}
