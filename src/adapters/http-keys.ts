/**
 * Where the HTTP adapter keeps what outlives a page, named here so the loader can look without
 * loading the adapter: the outbox (localStorage) and this session's `identify()` answer (sessionStorage).
 */
import { fromJson } from '../engine/json.js';
import type { KeyValueStorage } from '../stores/storage.js';
import type { Lead } from './types.js';

/** The endpoint without trailing slashes, as requests are made to it. */
export const endpointBase = (endpoint: string): string => endpoint.replace(/\/+$/, '');

/** The outbox's localStorage key for an endpoint (also the name of its cross-tab lock). */
export const outboxKey = (endpoint: string): string => `dc-outbox:${endpointBase(endpoint)}`;

/** The sessionStorage key of this session's `identify()` answer from an endpoint. */
export const identifiedKey = (endpoint: string): string => `dc:identified:${endpointBase(endpoint)}`;

/** An earlier page left fields or events waiting for this endpoint. */
export function outboxWaiting(local: KeyValueStorage, endpoint: string): boolean {
  try {
    const items = fromJson(local.getItem(outboxKey(endpoint)) ?? '[]');
    return Array.isArray(items) && items.length > 0;
  } catch {
    // An unreadable outbox is the adapter's to drop (with its warning) once it loads.
    return true;
  }
}

/** The lead this session's `identify()` already got for `visitorId` (null: nobody), or undefined when it has not asked yet. */
export function identifiedLead(session: KeyValueStorage, endpoint: string, visitorId: string): Lead | null | undefined {
  try {
    const saved = fromJson(session.getItem(identifiedKey(endpoint)) ?? 'null') as { visitorId?: unknown; lead?: unknown } | null;
    if (saved?.visitorId !== visitorId) return undefined;
    return saved.lead && typeof saved.lead === 'object' && !Array.isArray(saved.lead) ? saved.lead as Lead : null;
  } catch {
    return undefined;
  }
}
