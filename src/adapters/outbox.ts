/**
 * The durable outbox: captured fields and tracked events wait here (in localStorage by default)
 * until the server acknowledges them with a 2xx, across reloads and tabs.
 */
import { isObject, isText } from '../engine/index.js';
import { readJson, writeJson, type KeyValueStorage } from '../platform/storage.js';
import type { ChatEvent, FieldSubmission } from './types.js';

/** Who is sending an item right now, and until when that claim holds. */
export interface Lease { owner: string; until: number }

/**
 * One waiting item: a field submission or one event, under its idempotency key. `addedAt` is no
 * longer read, but still written: an older copy of the widget in another tab requires it.
 */
export type OutboxItem =
  | { kind: 'fields'; key: string; body: FieldSubmission; addedAt: number; lease?: Lease }
  | { kind: 'event'; key: string; body: ChatEvent; addedAt: number; lease?: Lease };

/** What adding an item did to the bound and to durability. */
export interface AddResult {
  /** True when fields alone exceed the bound: they are kept, and the caller should say so. */
  overflow: boolean;
  /** False when the write reached only memory (storage full or refused): a reload would lose the item. */
  durable: boolean;
}

/** The operations the HTTP adapter needs; every call re-reads storage, so tabs see each other's work. */
export interface Outbox {
  items(): OutboxItem[];
  /** Adds an item unless its key is already waiting; over the bound, the oldest events go first. */
  add(item: OutboxItem): AddResult;
  /** Leases the named items that nobody else holds; returns the ones now held by `owner`. */
  claim(keys: string[], owner: string, now: number, until: number): OutboxItem[];
  /** Gives back leases held by `owner` without removing the items. */
  release(keys: string[], owner: string): void;
  remove(keys: string[]): void;
}

/** True when nobody else holds a live lease on the item. */
export function isFree(item: OutboxItem, owner: string, now: number): boolean {
  return !item.lease || item.lease.owner === owner || item.lease.until <= now;
}

/** Creates an outbox stored as one JSON array under `storageKey`, bounded to `maxItems` (fields are never dropped). */
export function createOutbox(storage: KeyValueStorage, storageKey: string, maxItems = 500): Outbox {
  function read(): OutboxItem[] {
    const raw = readJson<unknown>(storage, storageKey, []);
    // Anything but an array is one corrupted entry.
    const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
    const items = entries.filter(isOutboxItem);
    if (items.length < entries.length) {
      console.warn(`dynamic-chat: dropped corrupted outbox entries (${entries.length - items.length})`);
      write(items);
    }
    return items;
  }

  function write(items: OutboxItem[]): void {
    if (items.length) writeJson(storage, storageKey, items);
    else storage.removeItem(storageKey);
  }

  /**
   * Read-modify-write that writes only a real change (`change` answers null for none), so a tab
   * never writes back a stale copy for nothing.
   */
  function update(change: (items: OutboxItem[]) => OutboxItem[] | null): void {
    const changed = change(read());
    if (changed) write(changed);
  }

  /** Applies `edit` to the items whose key is in `keys`; null when it changed none of them. */
  function edited(items: OutboxItem[], keys: string[], edit: (item: OutboxItem) => OutboxItem | null): OutboxItem[] | null {
    const wanted = new Set(keys);
    let changed = false;
    const next = items.map((item) => {
      const after = wanted.has(item.key) ? edit(item) : null;
      if (after) changed = true;
      return after ?? item;
    });
    return changed ? next : null;
  }

  return {
    items: read,
    add(item) {
      let overflow = false;
      update((items) => {
        if (items.some((waiting) => waiting.key === item.key)) return null;
        const kept = [...items, item];
        while (kept.length > maxItems) {
          const oldestEvent = kept.findIndex((entry) => entry.kind === 'event');
          if (oldestEvent < 0) break;
          kept.splice(oldestEvent, 1);
        }
        overflow = kept.length > maxItems;
        return kept;
      });
      return { overflow, durable: storage.isDurable?.(storageKey) !== false };
    },
    claim(keys, owner, now, until) {
      update((items) => edited(items, keys, (item) => (isFree(item, owner, now) ? { ...item, lease: { owner, until } } : null)));
      // Re-read: if another tab wrote in between, only the leases that survived are ours.
      const wanted = new Set(keys);
      return read().filter((item) => wanted.has(item.key) && item.lease?.owner === owner);
    },
    release(keys, owner) {
      update((items) => edited(items, keys, (item) => (item.lease?.owner === owner ? { ...item, lease: undefined } : null)));
    },
    remove(keys) {
      const gone = new Set(keys);
      update((items) => {
        const kept = items.filter((item) => !gone.has(item.key));
        return kept.length < items.length ? kept : null;
      });
    },
  };
}

/** A stored entry is trusted only if it has the shape this code writes. */
function isOutboxItem(value: unknown): value is OutboxItem {
  if (!isObject(value) || !isText(value.key) || value.key === '') return false;
  const { body, lease } = value;
  return (lease === undefined || (isObject(lease) && isText(lease.owner) && typeof lease.until === 'number'))
    && isObject(body) && body.key === value.key && isText(body.dialogueId) && isText(body.sessionId)
    && (value.kind === 'fields' ? isObject(body.fields) : value.kind === 'event' && isText(body.type));
}
