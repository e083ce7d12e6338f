/**
 * The dashboard's sign-in: the admin token opens a session of a fixed lifetime. The cookie holds a
 * random id; the database keeps only its SHA-256, beside a CSRF token bound to that session.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { deleteAdminSession, insertAdminSession, liveAdminSession, type AdminSessionRow } from '../db/admin-sessions.js';

/** How long a session lasts from sign-in (12 hours: a working day, not a month). */
export const SESSION_TTL_MS = 12 * 3_600_000;

/** A new session: the cookie's value and what the dashboard needs. */
export interface NewAdminSession { id: string; csrfToken: string; expiresAt: string }

/** True when `given` is the admin token; compared in constant time (digests have one length). */
export function isAdminToken(given: string, adminToken: string): boolean {
  return timingSafeEqual(sha256(given), sha256(adminToken));
}

/** Opens a session under the current admin token. */
export async function openAdminSession(db: Queryable, now: Date, adminToken: string): Promise<NewAdminSession> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertAdminSession(db, sha256(id).toString('hex'), csrfToken, now, expiresAt, tokenFingerprint(adminToken));
  return { id, csrfToken, expiresAt: expiresAt.toISOString() };
}

/** The live session of a cookie's id, or null (unknown, forged, expired, or opened with an earlier admin token). */
export async function findAdminSession(db: Queryable, id: string, now: Date, adminToken: string): Promise<AdminSessionRow | null> {
  // A cookie is never this long; refusing early keeps hashing bounded.
  if (id.length > 100) return null;
  return liveAdminSession(db, sha256(id).toString('hex'), now, tokenFingerprint(adminToken));
}

/** Names the admin token without revealing it (a keyed hash), so a changed token ends the sessions of the old one. */
function tokenFingerprint(adminToken: string): string {
  return createHmac('sha256', adminToken).update('dynamic-chat admin session').digest('hex');
}

/** Ends the session of a cookie's id. */
export async function closeAdminSession(db: Queryable, id: string): Promise<void> {
  await deleteAdminSession(db, sha256(id).toString('hex'));
}

/** True when the request's CSRF token is the session's; constant time. */
export function isCsrfToken(given: string | undefined, session: AdminSessionRow): boolean {
  return given !== undefined && timingSafeEqual(sha256(given), sha256(session.csrfToken));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
