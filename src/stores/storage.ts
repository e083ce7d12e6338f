/** Web Storage that never throws: falls back to memory when the browser refuses (private mode, blocked cookies). */

/** The subset of the Web Storage API the widget uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** False when the last write of `key` reached only memory (a refused or full browser storage). */
  isDurable?(key: string): boolean;
}

/** A Map-backed storage for tests, Node and refused browser storage. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}

/**
 * Wraps a browser storage so reads and writes never throw. Every write also goes to memory; a
 * key whose last write the real storage refused is read from memory until a later write of it
 * succeeds (a full storage is often full only for a moment, so each write tries again).
 */
export function safeStorage(pick: () => KeyValueStorage | null | undefined): KeyValueStorage {
  const memory = memoryStorage();
  // Keys whose newest value lives only in memory.
  const stranded = new Set<string>();
  let real: KeyValueStorage | null | undefined;
  try {
    real = pick();
  } catch {
    // Blocked cookies: even looking at the storage throws.
  }

  function write(key: string, change: (storage: KeyValueStorage) => void): void {
    change(memory);
    try {
      if (real) {
        change(real);
        stranded.delete(key);
        return;
      }
    } catch {
      // Full or refused: this key is read from memory until a write of it succeeds.
    }
    stranded.add(key);
  }

  return {
    getItem(key) {
      if (real && !stranded.has(key)) {
        try { return real.getItem(key); } catch { /* read what this page wrote */ }
      }
      return memory.getItem(key);
    },
    setItem: (key, value) => write(key, (storage) => storage.setItem(key, value)),
    removeItem: (key) => write(key, (storage) => storage.removeItem(key)),
    isDurable: (key) => !!real && !stranded.has(key),
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
