/** SQL for the admin's view of one lead (every field with when, page and dialogue; goals) and for the CSV export. */
import type { Queryable } from './db.js';

/** A lead's identity and first/last seen. */
export interface LeadHead { id: string; email: string; firstSeen: string; lastSeen: string }

/** One captured value: which field, when, on which page, in which dialogue. */
export interface FieldEntry { field: string; value: string; at: string; page: string; dialogueId: string }

/** A goal the lead's sessions reached. */
export interface GoalEntry { goal: string; dialogueId: string; page: string; at: string }

/** The lead with this (normalised) email, if any. */
export async function leadHead(db: Queryable, email: string): Promise<LeadHead | null> {
  const [row] = await db.query<LeadHead>(
    'SELECT id::text AS id, email, first_seen AS "firstSeen", last_seen AS "lastSeen" FROM leads WHERE email = $1', [email]);
  return row ? { ...row, firstSeen: iso(row.firstSeen), lastSeen: iso(row.lastSeen) } : null;
}

/** Every value the lead gave, oldest first. */
export async function fieldHistory(db: Queryable, leadId: string): Promise<FieldEntry[]> {
  const rows = await db.query<FieldEntry>(
    `SELECT e.key AS field, e.value, f.at, f.page, f.dialogue_id AS "dialogueId"
     FROM fields f, jsonb_each_text(f.fields) e WHERE f.lead_id = $1 ORDER BY f.at, f.received_at, e.key`, [leadId]);
  return rows.map((row) => ({ ...row, at: iso(row.at) }));
}

/** Goals reached in the lead's sessions, oldest first. */
export async function goalsOfLead(db: Queryable, leadId: string): Promise<GoalEntry[]> {
  const rows = await db.query<GoalEntry>(
    `SELECT COALESCE(goal, '') AS goal, dialogue_id AS "dialogueId", page, at FROM events
     WHERE type = 'goal' AND session_id IN (SELECT session_id FROM lead_sessions WHERE lead_id = $1) ORDER BY at, key`, [leadId]);
  return rows.map((row) => ({ ...row, at: iso(row.at) }));
}

/** Every field name any lead gave, sorted (the CSV's columns). */
export async function fieldNames(db: Queryable): Promise<string[]> {
  return (await db.query<{ name: string }>('SELECT DISTINCT jsonb_object_keys(fields) AS name FROM fields ORDER BY name')).map((row) => row.name);
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
