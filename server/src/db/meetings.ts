/** SQL for meetings and the round-robin pointer. */
import { EXCLUSION_VIOLATION, sqlState, type Queryable } from './db.js';

/** A stored meeting as the service reads it. */
export interface MeetingRow {
  id: string; agentId: string; start: string; end: string; dialogueId: string; leadEmail: string | null; status: string;
}

const MEETING_COLUMNS = `id, agent_id AS "agentId", lower(during) AS start, upper(during) AS "end", dialogue_id AS "dialogueId",
  lead_email AS "leadEmail", status`;

/** Meetings (not cancelled) of these agents that overlap [from, to). */
export async function meetingsBetween(db: Queryable, agentIds: string[], from: string, to: string): Promise<MeetingRow[]> {
  return normalise(await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM meetings
     WHERE status <> 'cancelled' AND agent_id = ANY($1::text[]) AND during && tstzrange($2::timestamptz, $3::timestamptz)`,
    [agentIds, from, to]));
}

/** The routing state: who took the last booking, the order set in the dashboard (empty: the flow's) and the paused agents. */
export interface RoutingRow { lastAgentId: string | null; order: string[]; paused: string[] }

const ROUTING_COLUMNS = 'last_agent_id AS "lastAgentId", agent_order AS "order", paused_agents AS paused';

/** Locks the routing row until the transaction ends (bookings, reorders and pauses take turns) and returns it. */
export async function lockRouting(tx: Queryable): Promise<RoutingRow> {
  const [row] = await tx.query<RoutingRow>(`SELECT ${ROUTING_COLUMNS} FROM routing WHERE id = 1 FOR UPDATE`);
  return row;
}

/** The routing state without locking it (the queue, the offer). */
export async function readRouting(db: Queryable): Promise<RoutingRow> {
  const [row] = await db.query<RoutingRow>(`SELECT ${ROUTING_COLUMNS} FROM routing WHERE id = 1`);
  return row;
}

/** Stores the routing order. */
export async function setRoutingOrder(tx: Queryable, order: string[]): Promise<void> {
  await tx.query('UPDATE routing SET agent_order = $1::text[] WHERE id = 1', [order]);
}

/** Pauses or resumes one agent. */
export async function setAgentPaused(tx: Queryable, agentId: string, paused: boolean): Promise<void> {
  await tx.query(
    `UPDATE routing SET paused_agents = CASE WHEN $2::boolean THEN array_append(array_remove(paused_agents, $1::text), $1::text)
       ELSE array_remove(paused_agents, $1::text) END WHERE id = 1`, [agentId, paused]);
}

/** Moves the round-robin pointer to the agent who just took a booking. */
export async function setLastAgent(tx: Queryable, agentId: string): Promise<void> {
  await tx.query('UPDATE routing SET last_agent_id = $1, last_booked_at = now() WHERE id = 1', [agentId]);
}

/** A meeting to store. */
export interface NewMeeting {
  id: string; agentId: string; start: string; end: string; sessionId: string; dialogueId: string;
  leadId: string | null; leadEmail: string | null; inviteMessage: string | null;
}

/** Stores a meeting; throws SQLSTATE 23P01 when the agent has an overlapping one (the constraint). */
export async function insertMeeting(tx: Queryable, m: NewMeeting): Promise<void> {
  await tx.query(
    `INSERT INTO meetings (id, agent_id, during, session_id, dialogue_id, lead_id, lead_email, invite_message)
     VALUES ($1, $2, tstzrange($3::timestamptz, $4::timestamptz), $5, $6, $7, $8, $9)`,
    [m.id, m.agentId, m.start, m.end, m.sessionId, m.dialogueId, m.leadId, m.leadEmail, m.inviteMessage]);
}

/** Inserts the meeting inside a savepoint; false when the constraint says the agent is taken then. */
export async function insertMeetingUnlessTaken(tx: Queryable, meeting: NewMeeting): Promise<boolean> {
  await tx.query('SAVEPOINT booking');
  try {
    await insertMeeting(tx, meeting);
    await tx.query('RELEASE SAVEPOINT booking');
    return true;
  } catch (error) {
    if (sqlState(error) !== EXCLUSION_VIOLATION) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT booking');
    return false;
  }
}

/** Where a page of meetings starts: after this meeting in the list's order. */
export interface MeetingCursor { start: string; id: string }

/**
 * A page of meetings not yet ended (`upcoming`, soonest first) or ended (`past`, latest first),
 * after `cursor` in that order (keyset: pages stay right while meetings are booked).
 */
export async function pageOfMeetings(db: Queryable, when: 'upcoming' | 'past', now: Date, cursor: MeetingCursor | null, limit: number): Promise<MeetingRow[]> {
  const params = [now.toISOString(), cursor?.start ?? null, cursor?.id ?? null, limit];
  return normalise(await db.query<MeetingRow>(when === 'upcoming'
    ? `SELECT ${MEETING_COLUMNS} FROM meetings WHERE upper(during) > $1::timestamptz
         AND ($2::timestamptz IS NULL OR (lower(during), id) > ($2::timestamptz, $3::text)) ORDER BY lower(during), id LIMIT $4`
    : `SELECT ${MEETING_COLUMNS} FROM meetings WHERE upper(during) <= $1::timestamptz
         AND ($2::timestamptz IS NULL OR (lower(during), id) < ($2::timestamptz, $3::text)) ORDER BY lower(during) DESC, id DESC LIMIT $4`, params));
}

/** One meeting, locked until the transaction ends (its status is about to change). */
export async function lockMeeting(tx: Queryable, id: string): Promise<MeetingRow | null> {
  const [row] = await tx.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = $1 FOR UPDATE`, [id]);
  return row ? normalise([row])[0] : null;
}

/** Sets a meeting's status (a cancelled one no longer holds its agent's time: the constraint and the offer skip it). */
export async function setMeetingStatus(tx: Queryable, id: string, status: string): Promise<void> {
  await tx.query('UPDATE meetings SET status = $2 WHERE id = $1', [id, status]);
}

/** A lead's meetings, soonest first. */
export async function meetingsOfLead(db: Queryable, leadId: string): Promise<MeetingRow[]> {
  return normalise(await db.query<MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM meetings WHERE lead_id = $1 ORDER BY lower(during), id`, [leadId]));
}

/** Each agent's latest booking time (for the queue). */
export async function lastBookedByAgent(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ agentId: string; at: Date | string }>('SELECT agent_id AS "agentId", max(created_at) AS at FROM meetings GROUP BY agent_id');
  return new Map(rows.map((row) => [row.agentId, iso(row.at)!]));
}

/** Drivers return timestamps as Date (pg) or Date/strings (PGlite); the API speaks ISO strings. */
function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function normalise(rows: MeetingRow[]): MeetingRow[] {
  return rows.map((row) => ({ ...row, start: iso(row.start)!, end: iso(row.end)! }));
}
