/**
 * What the HTTP adapter keeps beyond a page, read without loading the adapter: the loader looks for
 * an earlier page's outbox and for this session's `identify()` answer (keys in platform/storage-keys.ts).
 */
import { fromJson } from '../engine/index.js';
import type { KeyValueStorage } from '../platform/storage.js';
import { identifiedKey, outboxKey } from '../platform/storage-keys.js';
import type { Lead } from './types.js';

/** The endpoint without trailing slashes, as requests are made to it and its keys are named. */
export const endpointBase = (endpoint: string): string => endpoint.replace(/\/+$/, '');

/** An earlier page left fields or events waiting for this endpoint. */
export function outboxWaiting(local: KeyValueStorage, endpoint: string): boolean {
  try {
    const items = fromJson(local.getItem(outboxKey(endpointBase(endpoint))) ?? '[]');
    return Array.isArray(items) && items.length > 0;
  } catch {
    // An unreadable outbox is the adapter's to drop (with its warning) once it loads.
    return true;
  }
}

/** The lead this session's `identify()` already got for `visitorId` (null: nobody), or undefined when it has not asked yet. */
export function identifiedLead(session: KeyValueStorage, endpoint: string, visitorId: string): Lead | null | undefined {
  try {
    const saved = fromJson(session.getItem(identifiedKey(endpointBase(endpoint))) ?? 'null') as { visitorId?: unknown; lead?: unknown } | null;
    if (saved?.visitorId !== visitorId) return undefined;
    return saved.lead && typeof saved.lead === 'object' && !Array.isArray(saved.lead) ? saved.lead as Lead : null;
  } catch {
    return undefined;
  }
}
