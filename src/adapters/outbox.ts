/**
 * The durable outbox: captured fields and tracked events wait here (in localStorage by default)
 * until the server acknowledges them with a 2xx, across reloads and tabs.
 */
import { readJson, writeJson, type KeyValueStorage } from '../stores/storage.js';
import type { ChatEvent, FieldSubmission } from './types.js';

/** Who is sending an item right now, and until when that claim holds. */
export interface Lease { owner: string; until: number }

/** One waiting item: a field submission or one event, under its idempotency key. */
export type OutboxItem =
  | { kind: 'fields'; key: string; body: FieldSubmission; addedAt: number; lease?: Lease }
  | { kind: 'event'; key: string; body: ChatEvent; addedAt: number; lease?: Lease };

/** What adding an item did to the bound. */
export interface AddResult {
  /** False when an item with the same key was already waiting (idempotent add). */
  added: boolean;
  /** Events evicted (oldest first) to stay within the bound. */
  evicted: number;
  /** True when fields alone exceed the bound: they are kept, and the caller should say so. */
  overflow: boolean;
  /** False when the write reached only memory (storage full or refused): a reload would lose the item. */
  durable: boolean;
}

/** The operations the HTTP adapter needs; every call re-reads storage, so tabs see each other's work. */
export interface Outbox {
  items(): OutboxItem[];
  add(item: OutboxItem): AddResult;
  /** Leases the named items that nobody else holds; returns the ones now held by `owner`. */
  claim(keys: string[], owner: string, now: number, until: number): OutboxItem[];
  /** Gives back leases held by `owner` without removing the items. */
  release(keys: string[], owner: string): void;
  remove(keys: string[]): void;
}

/** Options of the outbox. */
export interface OutboxOptions {
  /** Bound on waiting items (default 500): events are evicted first, fields never silently. */
  maxItems?: number;
  /** Where corrupted entries are reported (default console.warn). */
  warn?: (message: string) => void;
}

/** True when nobody else holds a live lease on the item. */
export function isFree(item: OutboxItem, owner: string, now: number): boolean {
  return !item.lease || item.lease.owner === owner || item.lease.until <= now;
}

/** Creates an outbox stored as one JSON array under `storageKey`. */
export function createOutbox(storage: KeyValueStorage, storageKey: string, options: OutboxOptions = {}): Outbox {
  const maxItems = options.maxItems ?? 500;
  const warn = options.warn ?? ((message: string) => console.warn(message));

  function read(): OutboxItem[] {
    const raw = readJson<unknown>(storage, storageKey, []);
    if (!Array.isArray(raw)) {
      warn(`dynamic-chat: the outbox in storage was unreadable and was discarded`);
      storage.removeItem(storageKey);
      return [];
    }
    const items = raw.filter(isOutboxItem);
    if (items.length !== raw.length) {
      warn(`dynamic-chat: discarded ${raw.length - items.length} corrupted outbox entr${raw.length - items.length === 1 ? 'y' : 'ies'}`);
      write(items);
    }
    return items;
  }

  function write(items: OutboxItem[]): void {
    if (items.length === 0) storage.removeItem(storageKey);
    else writeJson(storage, storageKey, items);
  }

  return {
    items: read,
    add(item) {
      const items = read();
      if (items.some((existing) => existing.key === item.key)) return { added: false, evicted: 0, overflow: false, durable: true };
      items.push(item);
      let evicted = 0;
      while (items.length > maxItems) {
        const oldestEvent = items.findIndex((entry) => entry.kind === 'event');
        if (oldestEvent < 0) break;
        items.splice(oldestEvent, 1);
        evicted++;
      }
      write(items);
      return { added: true, evicted, overflow: items.length > maxItems, durable: storage.isDurable?.(storageKey) !== false };
    },
    claim(keys, owner, now, until) {
      const wanted = new Set(keys);
      const items = read();
      const claimed: OutboxItem[] = [];
      for (const item of items) {
        if (wanted.has(item.key) && isFree(item, owner, now)) {
          item.lease = { owner, until };
          claimed.push(item);
        }
      }
      if (claimed.length) write(items);
      // Re-read: if another tab wrote in between, only the leases that survived are ours.
      const held = new Set(read().filter((item) => item.lease?.owner === owner && wanted.has(item.key)).map((item) => item.key));
      return claimed.filter((item) => held.has(item.key));
    },
    release(keys, owner) {
      const wanted = new Set(keys);
      const items = read();
      let changed = false;
      for (const item of items) {
        if (wanted.has(item.key) && item.lease?.owner === owner) {
          delete item.lease;
          changed = true;
        }
      }
      if (changed) write(items);
    },
    remove(keys) {
      const gone = new Set(keys);
      const items = read();
      const kept = items.filter((item) => !gone.has(item.key));
      if (kept.length !== items.length) write(kept);
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored entry is trusted only if it has the shape this code wrote. */
function isOutboxItem(value: unknown): value is OutboxItem {
  if (!isRecord(value) || typeof value.key !== 'string' || value.key === '' || typeof value.addedAt !== 'number') return false;
  if (value.lease !== undefined && !(isRecord(value.lease) && typeof value.lease.owner === 'string' && typeof value.lease.until === 'number')) return false;
  const body = value.body;
  if (!isRecord(body) || body.key !== value.key || typeof body.dialogueId !== 'string' || typeof body.sessionId !== 'string') return false;
  if (value.kind === 'fields') return isRecord(body.fields);
  if (value.kind === 'event') return typeof body.type === 'string';
  return false;
}
