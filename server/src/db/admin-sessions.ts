/** SQL for the dashboard's sign-in sessions, stored by the hash of their id. */
import type { Queryable } from './db.js';

/** A live session as the auth check reads it. */
export interface AdminSessionRow { csrfToken: string; expiresAt: string }

/** Stores a new session and deletes expired ones (sign-ins are rare, so this keeps the table small). */
export async function insertAdminSession(db: Queryable, idHash: string, csrfToken: string, now: Date, expiresAt: Date): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
  await db.query('INSERT INTO admin_sessions (id_hash, csrf_token, created_at, expires_at) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)',
    [idHash, csrfToken, now.toISOString(), expiresAt.toISOString()]);
}

/** The session with this id hash, unless it has expired at `now`. */
export async function liveAdminSession(db: Queryable, idHash: string, now: Date): Promise<AdminSessionRow | null> {
  const [row] = await db.query<{ csrfToken: string; expiresAt: Date | string }>(
    'SELECT csrf_token AS "csrfToken", expires_at AS "expiresAt" FROM admin_sessions WHERE id_hash = $1 AND expires_at > $2::timestamptz',
    [idHash, now.toISOString()]);
  return row ? { csrfToken: row.csrfToken, expiresAt: new Date(row.expiresAt).toISOString() } : null;
}

/** Deletes one session (sign-out). */
export async function deleteAdminSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash]);
}
