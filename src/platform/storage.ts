/** Web Storage that never throws: falls back to memory when the browser refuses (private mode, blocked cookies). */
import { fromJson, toJson } from '../engine/index.js';

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

/** Says that what storage held under `key` was not what this widget writes (another widget version, or tampering) and was dropped. */
export function warnDropped(key: string): void {
  console.warn(`dynamic-chat: dropped saved ${key} of an unexpected shape; starting afresh.`);
}

/** Reads a JSON value; a missing entry gives the fallback, a corrupted one too (with a warning). */
export function readJson<T>(storage: KeyValueStorage, key: string, fallback: T): T {
  const raw = storage.getItem(key);
  if (raw === null) return fallback;
  try {
    return fromJson(raw) as T;
  } catch {
    warnDropped(key);
    return fallback;
  }
}

/**
 * The entries of the JSON list under `key` that pass `check`: storage is untrusted input, so
 * anything else there (or a value that is no list) is dropped with a warning, and for good.
 */
export function readList<T>(storage: KeyValueStorage, key: string, check: (item: unknown) => item is T): T[] {
  const raw = readJson<unknown>(storage, key, []);
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const kept = list.filter(check);
  if (kept.length < list.length) {
    warnDropped(key);
    writeJson(storage, key, kept);
  }
  return kept;
}

/** Writes a JSON value (a `toJSON` the page put on Array.prototype does not change it). */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  storage.setItem(key, toJson(value));
}
