/** SQL for leads: who a session or visitor is, captured fields, and merging two leads into one. */
import type { Queryable } from './db.js';

/** A lead row. */
export interface LeadRow { id: string; email: string | null }

/** The lead a session belongs to, if any. */
export async function leadOfSession(tx: Queryable, sessionId: string): Promise<LeadRow | null> {
  const [row] = await tx.query<LeadRow>(
    'SELECT l.id::text AS id, l.email FROM lead_sessions s JOIN leads l ON l.id = s.lead_id WHERE s.session_id = $1', [sessionId]);
  return row ?? null;
}

/** The lead with this (normalised) email, if any. */
export async function leadByEmail(tx: Queryable, email: string): Promise<LeadRow | null> {
  const [row] = await tx.query<LeadRow>('SELECT id::text AS id, email FROM leads WHERE email = $1', [email]);
  return row ?? null;
}

/** The lead with this email, created when missing (atomic, so two sessions racing get one lead). */
export async function upsertLeadByEmail(tx: Queryable, email: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO leads (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET last_seen = now() RETURNING id::text AS id', [email]);
  return row.id;
}

/** Gives an anonymous lead its email. */
export async function setLeadEmail(tx: Queryable, leadId: string, email: string): Promise<void> {
  await tx.query('UPDATE leads SET email = $2, last_seen = now() WHERE id = $1', [leadId, email]);
}

/** The session's lead, a new anonymous one when it has none; two racing requests end with the same one. */
export async function leadForSession(tx: Queryable, sessionId: string): Promise<string> {
  const existing = await leadOfSession(tx, sessionId);
  if (existing) return existing.id;
  const [created] = await tx.query<{ id: string }>('INSERT INTO leads DEFAULT VALUES RETURNING id::text AS id');
  await tx.query('INSERT INTO lead_sessions (session_id, lead_id) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING', [sessionId, created.id]);
  const winner = (await leadOfSession(tx, sessionId))!.id;
  // Lost the race: the other request's lead is the session's, ours was never used.
  if (winner !== created.id) await tx.query('DELETE FROM leads WHERE id = $1', [created.id]);
  return winner;
}

/** Points the session (and optionally the visitor) at `leadId`. */
export async function linkSession(tx: Queryable, sessionId: string, leadId: string): Promise<void> {
  await tx.query(
    'INSERT INTO lead_sessions (session_id, lead_id) VALUES ($1, $2) ON CONFLICT (session_id) DO UPDATE SET lead_id = EXCLUDED.lead_id',
    [sessionId, leadId]);
}

/** Remembers that this visitor id is this lead (the latest lead with an email wins). */
export async function linkVisitor(tx: Queryable, visitorId: string, leadId: string): Promise<void> {
  await tx.query(
    'INSERT INTO lead_visitors (visitor_id, lead_id) VALUES ($1, $2) ON CONFLICT (visitor_id) DO UPDATE SET lead_id = EXCLUDED.lead_id',
    [visitorId, leadId]);
}

/** Moves everything of lead `from` to lead `into` and deletes `from`. */
export async function mergeLeads(tx: Queryable, from: string, into: string): Promise<void> {
  for (const table of ['fields', 'lead_sessions', 'lead_visitors', 'meetings'] as const) {
    // A fixed list of table names, never input.
    await tx.query(`UPDATE ${table} SET lead_id = $2 WHERE lead_id = $1`, [from, into]);
  }
  await tx.query(
    'UPDATE leads SET first_seen = LEAST(first_seen, (SELECT first_seen FROM leads WHERE id = $1)), last_seen = now() WHERE id = $2', [from, into]);
  await tx.query('DELETE FROM leads WHERE id = $1', [from]);
}

/** True when a field submission with this key is stored already. */
export async function fieldsStored(tx: Queryable, key: string): Promise<boolean> {
  return (await tx.query('SELECT 1 FROM fields WHERE key = $1', [key])).length > 0;
}

/** A field submission to store. */
export interface FieldsRow {
  key: string; leadId: string; sessionId: string; dialogueId: string; fields: Record<string, string>; page: string; at: string;
}

/** Stores a field submission once per key; false when the key was stored already (a retry). */
export async function insertFields(tx: Queryable, row: FieldsRow): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO fields (key, lead_id, session_id, dialogue_id, fields, page, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [row.key, row.leadId, row.sessionId, row.dialogueId, JSON.stringify(row.fields), row.page, row.at]);
  if (inserted.length) await tx.query('UPDATE leads SET last_seen = now() WHERE id = $1', [row.leadId]);
  return inserted.length > 0;
}

/** The lead with an email that this visitor id belongs to, directly or through one of its sessions. */
export async function knownLeadOfVisitor(db: Queryable, visitorId: string): Promise<LeadRow | null> {
  const [row] = await db.query<LeadRow>(
    `SELECT id::text AS id, email FROM leads WHERE email IS NOT NULL AND id IN (
       SELECT lead_id FROM lead_visitors WHERE visitor_id = $1
       UNION SELECT s.lead_id FROM lead_sessions s JOIN session_visitors v ON v.session_id = s.session_id WHERE v.visitor_id = $1)
     ORDER BY last_seen DESC LIMIT 1`, [visitorId]);
  return row ?? null;
}

/** Every field submission of a lead, oldest first. */
export async function fieldsOfLead(db: Queryable, leadId: string): Promise<Array<Record<string, string>>> {
  return (await db.query<{ fields: Record<string, string> }>('SELECT fields FROM fields WHERE lead_id = $1 ORDER BY at, received_at', [leadId]))
    .map((row) => row.fields);
}

/** A lead as the admin list shows it. */
export interface LeadListRow { id: string; email: string | null; fields: Record<string, string>; firstSeen: string; lastSeen: string; meetings: number }

/** Leads, newest first, `limit` at a time after `cursor` (a lead id); `q` matches the email or any field value, ignoring case. */
export async function listLeads(db: Queryable, q: string, cursor: string | null, limit: number): Promise<LeadListRow[]> {
  const rows = await db.query<LeadListRow & { firstSeen: Date | string; lastSeen: Date | string }>(
    `SELECT l.id::text AS id, l.email, l.first_seen AS "firstSeen", l.last_seen AS "lastSeen",
       (SELECT count(*)::int FROM meetings m WHERE m.lead_id = l.id) AS meetings,
       COALESCE((SELECT jsonb_object_agg(latest.key, latest.value) FROM (
         SELECT DISTINCT ON (e.key) e.key, e.value FROM fields f, jsonb_each_text(f.fields) e
         WHERE f.lead_id = l.id ORDER BY e.key, f.at DESC, f.received_at DESC) latest), '{}'::jsonb) AS fields
     FROM leads l
     WHERE ($2::bigint IS NULL OR l.id < $2::bigint)
       AND ($1 = '' OR strpos(lower(COALESCE(l.email, '')), lower($1)) > 0
            OR EXISTS (SELECT 1 FROM fields f, jsonb_each_text(f.fields) e WHERE f.lead_id = l.id AND strpos(lower(e.value), lower($1)) > 0))
     ORDER BY l.id DESC LIMIT $3`, [q, cursor, limit]);
  return rows.map((row) => ({ ...row, firstSeen: new Date(row.firstSeen).toISOString(), lastSeen: new Date(row.lastSeen).toISOString() }));
}

/** What the one-statement insert did. */
export interface QuickInsert { repeat: boolean; stored: boolean; orphan: string | null }

/**
 * The common case in one statement (one round trip, atomic without a transaction): a field
 * submission without an email, filed under its session's lead, created when the session has none.
 * `stored` false and `repeat` false means a racing request created the session's lead first: the
 * caller deletes `orphan` and takes the transactional path.
 */
export async function insertFieldsQuickly(db: Queryable, row: Omit<FieldsRow, 'leadId'>): Promise<QuickInsert> {
  const [result] = await db.query<{ repeat: boolean; stored: boolean; orphan: string | null }>(
    `WITH dup AS (SELECT 1 FROM fields WHERE key = $1),
     existing AS (SELECT lead_id FROM lead_sessions WHERE session_id = $2),
     new_lead AS (INSERT INTO leads (first_seen) SELECT now() WHERE NOT EXISTS (SELECT 1 FROM existing) AND NOT EXISTS (SELECT 1 FROM dup) RETURNING id),
     linked AS (INSERT INTO lead_sessions (session_id, lead_id) SELECT $2, id FROM new_lead ON CONFLICT (session_id) DO NOTHING RETURNING lead_id),
     lead AS (SELECT lead_id FROM existing UNION ALL SELECT lead_id FROM linked),
     ins AS (INSERT INTO fields (key, lead_id, session_id, dialogue_id, fields, page, at)
             SELECT $1, lead_id, $2, $3, $4::jsonb, $5, $6 FROM lead WHERE NOT EXISTS (SELECT 1 FROM dup)
             ON CONFLICT (key) DO NOTHING RETURNING lead_id),
     touched AS (UPDATE leads SET last_seen = now() WHERE id IN (SELECT lead_id FROM ins) RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM dup) AS repeat, EXISTS (SELECT 1 FROM ins) AS stored,
            (SELECT id::text FROM new_lead WHERE NOT EXISTS (SELECT 1 FROM linked)) AS orphan`,
    [row.key, row.sessionId, row.dialogueId, JSON.stringify(row.fields), row.page, row.at]);
  return result;
}

/** Deletes a lead nothing refers to (the loser of a race to create a session's lead). */
export async function deleteOrphanLead(db: Queryable, leadId: string): Promise<void> {
  await db.query('DELETE FROM leads WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM lead_sessions WHERE lead_id = $1)', [leadId]);
}
