/** SQL for stored answers under an Idempotency-Key: the unique key makes a repeat return the first answer. */
import type { Queryable } from './db.js';

/** A stored answer. */
export interface StoredAnswer { status: number; body: unknown }

/** The answer stored under `key` for `route`, if any. */
export async function storedAnswer(db: Queryable, route: string, key: string): Promise<StoredAnswer | null> {
  const [row] = await db.query<StoredAnswer>('SELECT status, body FROM idempotency WHERE key = $1 AND route = $2', [`${route}:${key}`, route]);
  return row ?? null;
}

/**
 * Claims `key` inside a transaction: true when this request owns it. A racing request with the
 * same key waits on the unique index until the owner commits, then gets false (or owns it after a rollback).
 */
export async function claimKey(tx: Queryable, route: string, key: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO idempotency (key, route, status, body) VALUES ($1, $2, 0, 'null'::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
    [`${route}:${key}`, route]);
  return rows.length > 0;
}

/** Records the answer of a claimed key, committed with the work it describes. */
export async function saveAnswer(tx: Queryable, route: string, key: string, answer: StoredAnswer): Promise<void> {
  await tx.query('UPDATE idempotency SET status = $3, body = $4::jsonb WHERE key = $1 AND route = $2',
    [`${route}:${key}`, route, answer.status, JSON.stringify(answer.body)]);
}
