/** SQL for the dashboard's sign-in sessions, stored by the hash of their id. */
import type { Queryable } from './db.js';

/** A live session as the auth check reads it. */
export interface AdminSessionRow { csrfToken: string; expiresAt: string }

/** Stores a new session, opened with the token of this fingerprint, and deletes expired ones (sign-ins are rare, so this keeps the table small). */
export async function insertAdminSession(db: Queryable, idHash: string, csrfToken: string, now: Date, expiresAt: Date, tokenFingerprint: string): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
  await db.query('INSERT INTO admin_sessions (id_hash, csrf_token, created_at, expires_at, token_fingerprint) VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5)',
    [idHash, csrfToken, now.toISOString(), expiresAt.toISOString(), tokenFingerprint]);
}

/** The session with this id hash, unless it has expired at `now` or was opened with another token than the one of this fingerprint. */
export async function liveAdminSession(db: Queryable, idHash: string, now: Date, tokenFingerprint: string): Promise<AdminSessionRow | null> {
  const [row] = await db.query<{ csrfToken: string; expiresAt: Date | string }>(
    `SELECT csrf_token AS "csrfToken", expires_at AS "expiresAt" FROM admin_sessions
     WHERE id_hash = $1 AND expires_at > $2::timestamptz AND token_fingerprint = $3`,
    [idHash, now.toISOString(), tokenFingerprint]);
  return row ? { csrfToken: row.csrfToken, expiresAt: new Date(row.expiresAt).toISOString() } : null;
}

/** Deletes one session (sign-out). */
export async function deleteAdminSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash]);
}
