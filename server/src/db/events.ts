/** SQL for tracked events: stored once per key, read back for the report, deleted after 90 days. */
import type { ChatEvent } from 'dynamic-chat/engine';
import type { Queryable } from './db.js';

/** Stores a batch, each event once by its own key, in one statement (one round trip, atomic); returns the keys that were new. */
export async function insertEvents(db: Queryable, events: ChatEvent[]): Promise<string[]> {
  // Keys and sessions in sorted order: two batches sharing some wait on each other instead of deadlocking.
  const [row] = await db.query<{ keys: string[] }>(
    `WITH input AS MATERIALIZED (SELECT e FROM jsonb_array_elements($1::jsonb) AS e),
     ins AS (INSERT INTO events (key, type, dialogue_id, session_id, visitor_id, page, goal, at)
             SELECT e->>'key', e->>'type', e->>'dialogueId', e->>'sessionId', e->>'visitorId', e->>'page', e->>'goal', (e->>'at')::timestamptz
             FROM input ORDER BY e->>'key' ON CONFLICT (key) DO NOTHING RETURNING key),
     -- Which visitor a session is: identify() finds a returning visitor's lead through it.
     seen AS (INSERT INTO session_visitors (session_id, visitor_id)
              SELECT DISTINCT ON (e->>'sessionId') e->>'sessionId', e->>'visitorId' FROM input ORDER BY e->>'sessionId'
              ON CONFLICT (session_id) DO NOTHING)
     SELECT COALESCE(jsonb_agg(key), '[]'::jsonb) AS keys FROM ins`, [JSON.stringify(events)]);
  return row.keys;
}

/** An event as the report reads it. */
export interface EventRow { key: string; type: ChatEvent['type']; dialogueId: string; sessionId: string; day: string }

/** Events of the last `days` days (UTC days), oldest first. */
export async function eventsSince(db: Queryable, days: number, now: Date): Promise<EventRow[]> {
  return db.query<EventRow>(
    `SELECT key, type, dialogue_id AS "dialogueId", session_id AS "sessionId", to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
     FROM events WHERE at >= $1::timestamptz - make_interval(days => $2::int) ORDER BY at, key`, [now.toISOString(), days]);
}

/** Deletes events older than `days` days; returns how many. */
export async function deleteEventsBefore(db: Queryable, days: number, now: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM events WHERE at < $1::timestamptz - make_interval(days => $2::int) RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [now.toISOString(), days]);
  return row.n;
}
