/** Web Storage that never throws: falls back to memory when the browser refuses (private mode, blocked cookies). */

/** The subset of the Web Storage API the widget uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A Map-backed storage for tests, Node and refused browser storage. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => (map.has(key) ? map.get(key)! : null),
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}

/**
 * Wraps a browser storage so reads and writes never throw; once the real storage fails,
 * the values live on in memory for the rest of the page view.
 */
export function safeStorage(pick: () => KeyValueStorage | null | undefined): KeyValueStorage {
  const memory = memoryStorage();
  let real: KeyValueStorage | null = null;
  try {
    real = pick() ?? null;
    if (real) {
      const probe = '__dc_probe__';
      real.setItem(probe, '1');
      real.removeItem(probe);
    }
  } catch {
    real = null;
  }
  return {
    getItem(key) {
      if (real) {
        try { return real.getItem(key); } catch { real = null; }
      }
      return memory.getItem(key);
    },
    setItem(key, value) {
      memory.setItem(key, value);
      if (real) {
        try { real.setItem(key, value); } catch { real = null; }
      }
    },
    removeItem(key) {
      memory.removeItem(key);
      if (real) {
        try { real.removeItem(key); } catch { real = null; }
      }
    },
  };
}

/** The visitor's localStorage (durable), or memory when it is unavailable. */
export const local = (): KeyValueStorage => safeStorage(() => globalThis.localStorage);

/** The tab's sessionStorage (this browser session), or memory when it is unavailable. */
export const session = (): KeyValueStorage => safeStorage(() => globalThis.sessionStorage);

/** Reads a JSON value; a missing or corrupted entry gives the fallback. */
export function readJson<T>(storage: KeyValueStorage, key: string, fallback: T): T {
  const raw = storage.getItem(key);
  if (raw === null) return fallback;
  try { return JSON.parse(raw) as T; } catch { return fallback; }
}

/** Writes a JSON value. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  storage.setItem(key, JSON.stringify(value));
}
