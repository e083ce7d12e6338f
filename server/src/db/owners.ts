/** SQL that finds whose a notification is: the lead of stored field submissions, of sessions, of a meeting. */
import type { Queryable } from './db.js';

/** A lead as a notification names it. */
export interface Owner { leadId: string; email: string | null }

/** The lead (and its email) of each stored field submission, by key. */
export async function ownersOfFields(tx: Queryable, keys: string[]): Promise<Map<string, Owner>> {
  const rows = await tx.query<Owner & { key: string }>(
    `SELECT f.key, f.lead_id::text AS "leadId", l.email FROM fields f JOIN leads l ON l.id = f.lead_id WHERE f.key = ANY($1::text[])`, [keys]);
  return new Map(rows.map(({ key, leadId, email }) => [key, { leadId, email }]));
}

/** The lead (and its email) of each session that has one. */
export async function ownersOfSessions(tx: Queryable, sessionIds: string[]): Promise<Map<string, Owner>> {
  const rows = await tx.query<Owner & { sessionId: string }>(
    `SELECT s.session_id AS "sessionId", l.id::text AS "leadId", l.email FROM lead_sessions s JOIN leads l ON l.id = s.lead_id
     WHERE s.session_id = ANY($1::text[])`, [sessionIds]);
  return new Map(rows.map(({ sessionId, leadId, email }) => [sessionId, { leadId, email }]));
}

/** A meeting with its lead, as a cancellation notice needs it. */
export interface MeetingNoticeRow {
  id: string; agentId: string; start: string; end: string; dialogueId: string; sessionId: string; leadId: string | null; leadEmail: string | null;
}

/** One meeting by id, if it exists. */
export async function meetingForNotice(tx: Queryable, id: string): Promise<MeetingNoticeRow | null> {
  const [row] = await tx.query<MeetingNoticeRow & { start: Date | string; end: Date | string }>(
    `SELECT id, agent_id AS "agentId", lower(during) AS start, upper(during) AS "end", dialogue_id AS "dialogueId", session_id AS "sessionId",
            lead_id::text AS "leadId", lead_email AS "leadEmail" FROM meetings WHERE id = $1`, [id]);
  return row ? { ...row, start: new Date(row.start).toISOString(), end: new Date(row.end).toISOString() } : null;
}

/** Every captured field of a lead, the latest value of each. */
export async function latestFieldsOfLead(tx: Queryable, leadId: string): Promise<Record<string, string>> {
  const rows = await tx.query<{ fields: Record<string, string> }>('SELECT fields FROM fields WHERE lead_id = $1 ORDER BY at, received_at', [leadId]);
  return Object.assign({}, ...rows.map((row) => row.fields)) as Record<string, string>;
}
