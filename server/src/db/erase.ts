/** SQL for erasing a person: finding everything that is theirs, then deleting it or stripping it of what names them. */
import type { Queryable } from './db.js';

/** Everything that belongs to one person, collected before anything is erased. */
export interface Person {
  email: string;
  /** The lead with the email, and anonymous leads of the same browsers (visitor ids). */
  leadIds: string[];
  /** Their sessions: filed under their leads, or of their browsers and filed under no other lead. */
  sessionIds: string[];
  /** Their browsers: those no other lead with an email used. */
  visitorIds: string[];
  meetingIds: string[];
}

/**
 * The person with this (normalised) email, or null when no lead has it. A browser (visitor id) or
 * session that another lead with an email also used is that person's too: it is left alone.
 */
export async function findPerson(tx: Queryable, email: string): Promise<Person | null> {
  const [lead] = await tx.query<{ id: string }>('SELECT id::text AS id FROM leads WHERE email = $1 FOR UPDATE', [email]);
  if (!lead) return null;
  const visitorIds = await column(tx,
    `WITH mine AS (SELECT visitor_id AS v FROM lead_visitors WHERE lead_id = $1
                   UNION SELECT sv.visitor_id FROM session_visitors sv JOIN lead_sessions ls ON ls.session_id = sv.session_id WHERE ls.lead_id = $1)
     SELECT v FROM mine WHERE NOT EXISTS (
       SELECT 1 FROM leads o WHERE o.email IS NOT NULL AND o.id <> $1 AND (
         o.id IN (SELECT lead_id FROM lead_visitors WHERE visitor_id = mine.v)
         OR o.id IN (SELECT ls.lead_id FROM lead_sessions ls JOIN session_visitors sv ON sv.session_id = ls.session_id WHERE sv.visitor_id = mine.v)))`,
    [lead.id]);
  // The same browser's anonymous leads are this person too (answers given before or after the email, in other sessions).
  const anonymous = await column(tx,
    `SELECT l.id::text AS v FROM leads l WHERE l.email IS NULL AND (
       l.id IN (SELECT lead_id FROM lead_visitors WHERE visitor_id = ANY($1::text[]))
       OR l.id IN (SELECT ls.lead_id FROM lead_sessions ls JOIN session_visitors sv ON sv.session_id = ls.session_id WHERE sv.visitor_id = ANY($1::text[])))`,
    [visitorIds]);
  const leadIds = [lead.id, ...anonymous];
  // A session of the browser filed under another lead is not theirs.
  const sessionIds = await column(tx,
    `SELECT session_id AS v FROM lead_sessions WHERE lead_id = ANY($1::bigint[])
     UNION SELECT sv.session_id FROM session_visitors sv WHERE sv.visitor_id = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM lead_sessions ls WHERE ls.session_id = sv.session_id AND ls.lead_id <> ALL($1::bigint[]))`, [leadIds, visitorIds]);
  const meetingIds = await column(tx, 'SELECT id AS v FROM meetings WHERE lead_id = ANY($1::bigint[]) OR lead_email = $2', [leadIds, email]);
  return { email, leadIds, sessionIds, visitorIds, meetingIds };
}

/** Deletes the person's meetings (their slots are free again) and the stored answers of those bookings. */
export async function deleteMeetings(tx: Queryable, person: Person): Promise<number> {
  await tx.query(`DELETE FROM idempotency WHERE route = 'meetings' AND body->'booking'->>'id' = ANY($1::text[])`, [person.meetingIds]);
  return count(tx, 'DELETE FROM meetings WHERE id = ANY($1::text[])', [person.meetingIds]);
}

/** Deletes every field submission of the person's leads. */
export async function deleteFields(tx: Queryable, person: Person): Promise<number> {
  return count(tx, 'DELETE FROM fields WHERE lead_id = ANY($1::bigint[])', [person.leadIds]);
}

/**
 * Keeps the person's events for the report but strips what ties them to anyone: the page, the
 * visitor id, and session id and key (which holds the session id) replaced by salted hashes, so
 * one session still counts once and nothing leads back to it.
 */
export async function anonymiseEvents(tx: Queryable, person: Person, salt: string): Promise<number> {
  return count(tx,
    `UPDATE events SET key = 'erased:' || md5(key || $3), session_id = 'erased:' || md5(session_id || $3), visitor_id = 'erased', page = ''
     WHERE session_id = ANY($1::text[]) OR visitor_id = ANY($2::text[])`, [person.sessionIds, person.visitorIds, salt]);
}

/** Deletes which sessions and browsers were the person's, then the leads themselves; returns how many leads. */
export async function deleteLeads(tx: Queryable, person: Person): Promise<number> {
  // By lead id and the person's own sessions only: another person of the same browser keeps their links.
  await tx.query('DELETE FROM lead_sessions WHERE lead_id = ANY($1::bigint[])', [person.leadIds]);
  await tx.query('DELETE FROM session_visitors WHERE session_id = ANY($1::text[])', [person.sessionIds]);
  await tx.query('DELETE FROM lead_visitors WHERE lead_id = ANY($1::bigint[])', [person.leadIds]);
  return count(tx, 'DELETE FROM leads WHERE id = ANY($1::bigint[])', [person.leadIds]);
}

async function column(tx: Queryable, sql: string, params: unknown[]): Promise<string[]> {
  return (await tx.query<{ v: string }>(sql, params)).map((row) => row.v);
}

/** Runs a DELETE/UPDATE and returns how many rows it touched. */
async function count(tx: Queryable, sql: string, params: unknown[]): Promise<number> {
  const [row] = await tx.query<{ n: number }>(`WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`, params);
  return row.n;
}
