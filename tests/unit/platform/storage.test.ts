import { describe, expect, it } from 'vitest';
import { memoryStorage, readJson, safeStorage, writeJson, type KeyValueStorage } from '../../../src/platform/storage.js';

function throwing(): KeyValueStorage {
  const fail = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  return { getItem: fail, setItem: fail, removeItem: fail };
}

describe('safeStorage', () => {
  it('uses the real storage when it works', () => {
    const real = memoryStorage();
    const store = safeStorage(() => real);
    store.setItem('a', '1');
    expect(real.getItem('a')).toBe('1');
    expect(store.getItem('a')).toBe('1');
  });

  it('falls back to memory when the storage throws (Safari private mode)', () => {
    const store = safeStorage(throwing);
    store.setItem('a', '1');
    expect(store.getItem('a')).toBe('1');
    store.removeItem('a');
    expect(store.getItem('a')).toBeNull();
  });

  it('falls back to memory when accessing the storage itself throws (blocked cookies)', () => {
    const store = safeStorage(() => { throw new DOMException('denied', 'SecurityError'); });
    store.setItem('k', 'v');
    expect(store.getItem('k')).toBe('v');
  });

  it('keeps values written before the storage started failing', () => {
    let broken = false;
    const real = memoryStorage();
    const flaky: KeyValueStorage = {
      getItem: (k) => { if (broken) throw new Error('gone'); return real.getItem(k); },
      setItem: (k, v) => { if (broken) throw new Error('gone'); real.setItem(k, v); },
      removeItem: (k) => real.removeItem(k),
    };
    const store = safeStorage(() => flaky);
    store.setItem('lead', 'ada@example.com');
    broken = true;
    expect(store.getItem('lead')).toBe('ada@example.com');
  });
});

describe('safeStorage after a failed write', () => {
  it('tries the real storage again on later writes (a transient quota error), and says which keys live only in memory', () => {
    let full = false;
    const real = memoryStorage();
    const flaky: KeyValueStorage = {
      getItem: (k) => real.getItem(k),
      setItem: (k, v) => { if (full) throw new DOMException('full', 'QuotaExceededError'); real.setItem(k, v); },
      removeItem: (k) => real.removeItem(k),
    };
    const store = safeStorage(() => flaky);
    store.setItem('outbox', 'a');
    full = true;
    store.setItem('outbox', 'b');
    expect(store.getItem('outbox'), 'the newest value, from memory').toBe('b');
    expect(store.isDurable?.('outbox')).toBe(false);
    full = false;
    store.setItem('outbox', 'c');
    expect(real.getItem('outbox')).toBe('c');
    expect(store.isDurable?.('outbox')).toBe(true);
    store.removeItem('outbox');
    expect(real.getItem('outbox'), 'a removal reaches the real storage too').toBeNull();
  });

  it('a storage the browser refuses is not durable', () => {
    expect(safeStorage(() => { throw new DOMException('denied', 'SecurityError'); }).isDurable?.('k')).toBe(false);
  });
});

describe('readJson', () => {
  it('gives the fallback for a missing or corrupted entry', () => {
    const store = memoryStorage();
    expect(readJson(store, 'x', [])).toEqual([]);
    store.setItem('x', '{not json');
    expect(readJson(store, 'x', { ok: true })).toEqual({ ok: true });
    writeJson(store, 'x', { a: [1, 2] });
    expect(readJson(store, 'x', null)).toEqual({ a: [1, 2] });
  });
});
