/** SQL for leads: who a session or visitor is, captured fields, and merging two leads into one. */
import type { Queryable } from './db.js';
import { adoptSessionOutbox } from './outbox.js';

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
  else await adoptSessionOutbox(tx, sessionId, winner);
  return winner;
}

/** Points the session (and optionally the visitor) at `leadId`. */
export async function linkSession(tx: Queryable, sessionId: string, leadId: string): Promise<void> {
  await tx.query(
    'INSERT INTO lead_sessions (session_id, lead_id) VALUES ($1, $2) ON CONFLICT (session_id) DO UPDATE SET lead_id = EXCLUDED.lead_id',
    [sessionId, leadId]);
  await adoptSessionOutbox(tx, sessionId, leadId);
}

/** Remembers that this visitor id is this lead (the latest lead with an email wins). */
export async function linkVisitor(tx: Queryable, visitorId: string, leadId: string): Promise<void> {
  await tx.query(
    'INSERT INTO lead_visitors (visitor_id, lead_id) VALUES ($1, $2) ON CONFLICT (visitor_id) DO UPDATE SET lead_id = EXCLUDED.lead_id',
    [visitorId, leadId]);
}

/** Moves everything of lead `from` to lead `into` and deletes `from`. */
export async function mergeLeads(tx: Queryable, from: string, into: string): Promise<void> {
  for (const table of ['fields', 'lead_sessions', 'lead_visitors', 'meetings', 'outbox'] as const) {
    // A fixed list of table names, never input.
    await tx.query(`UPDATE ${table} SET lead_id = $2 WHERE lead_id = $1`, [from, into]);
  }
  // The absorbed lead's queued notifications join the line of the lead that absorbs it.
  await tx.query(`UPDATE outbox SET order_key = 'lead:' || $2::text WHERE order_key = 'lead:' || $1::text`, [from, into]);
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

/** What a grouped insert did: the keys it stored, and the sessions whose new lead lost a race (with those leads). */
export interface GroupInsert { stored: string[]; lost: string[]; orphans: string[] }

/**
 * The common case for many submissions in one statement (one round trip, one commit, atomic
 * without a transaction): field submissions without an email, each filed under its session's
 * lead, created when the session has none. A key stored already, or twice in `rows`, is stored
 * once. A session in `lost` had its lead created first by a racing request: its rows were not
 * stored, the caller deletes `orphans` and stores those rows on the transactional path. Rows,
 * sessions and leads are taken in sorted order so that two groups wait on each other, not deadlock.
 */
export async function insertFieldsGroup(db: Queryable, rows: Array<Omit<FieldsRow, 'leadId'>>): Promise<GroupInsert> {
  const [result] = await db.query<GroupInsert>(
    `WITH input AS MATERIALIZED (
       SELECT DISTINCT ON (r->>'key') r->>'key' AS key, r->>'sessionId' AS session_id, r->>'dialogueId' AS dialogue_id,
              r->'fields' AS fields, r->>'page' AS page, (r->>'at')::timestamptz AS at
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n) ORDER BY r->>'key', n),
     fresh AS MATERIALIZED (SELECT * FROM input i WHERE NOT EXISTS (SELECT 1 FROM fields f WHERE f.key = i.key)),
     existing AS MATERIALIZED (SELECT session_id, lead_id FROM lead_sessions WHERE session_id IN (SELECT session_id FROM fresh)),
     missing AS MATERIALIZED (
       SELECT session_id, nextval('leads_id_seq') AS id FROM (
         SELECT DISTINCT session_id FROM fresh f WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.session_id = f.session_id)) m
       ORDER BY session_id),
     new_lead AS (INSERT INTO leads (id) SELECT id FROM missing ORDER BY id RETURNING id),
     linked AS (INSERT INTO lead_sessions (session_id, lead_id) SELECT m.session_id, m.id FROM missing m JOIN new_lead n ON n.id = m.id
                ORDER BY m.session_id ON CONFLICT (session_id) DO NOTHING RETURNING session_id, lead_id),
     -- The new lead takes over what its session queued before (see adoptSessionOutbox).
     adopted AS (UPDATE outbox o SET lead_id = l.lead_id, order_key = 'lead:' || l.lead_id FROM linked l WHERE o.order_key = 'session:' || l.session_id),
     lead AS (SELECT session_id, lead_id FROM existing UNION ALL SELECT session_id, lead_id FROM linked),
     ins AS (INSERT INTO fields (key, lead_id, session_id, dialogue_id, fields, page, at)
             SELECT f.key, l.lead_id, f.session_id, f.dialogue_id, f.fields, f.page, f.at FROM fresh f JOIN lead l ON l.session_id = f.session_id
             ORDER BY f.key ON CONFLICT (key) DO NOTHING RETURNING key, lead_id),
     locked AS (SELECT id FROM leads WHERE id IN (SELECT lead_id FROM ins) ORDER BY id FOR UPDATE),
     touched AS (UPDATE leads SET last_seen = now() WHERE id IN (SELECT id FROM locked))
     SELECT COALESCE((SELECT jsonb_agg(key) FROM ins), '[]'::jsonb) AS stored,
            COALESCE((SELECT jsonb_agg(session_id) FROM missing WHERE session_id NOT IN (SELECT session_id FROM linked)), '[]'::jsonb) AS lost,
            COALESCE((SELECT jsonb_agg(id::text) FROM missing WHERE session_id NOT IN (SELECT session_id FROM linked)), '[]'::jsonb) AS orphans`,
    [JSON.stringify(rows.map((row) => ({ key: row.key, sessionId: row.sessionId, dialogueId: row.dialogueId, fields: row.fields, page: row.page, at: row.at })))]);
  return { stored: result.stored, lost: result.lost, orphans: result.orphans };
}

/** Deletes leads nothing refers to (the losers of races to create a session's lead). */
export async function deleteOrphanLeads(db: Queryable, leadIds: string[]): Promise<void> {
  await db.query(
    `DELETE FROM leads l WHERE l.id IN (SELECT (jsonb_array_elements_text($1::jsonb))::bigint)
       AND NOT EXISTS (SELECT 1 FROM lead_sessions s WHERE s.lead_id = l.id)`, [JSON.stringify(leadIds)]);
}
