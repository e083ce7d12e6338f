/**
 * Meetings as the admin API shows them (the lead's email, the agent's name and time zone, a
 * status), a page at a time, and the site owner's changes: held / no-show once a meeting has
 * ended, cancelled before it starts (which frees the slot).
 */
import type { Flow } from 'dynamic-chat/engine';
import type { Queryable } from '../db/db.js';
import { lockMeeting, pageOfMeetings, setMeetingStatus, type MeetingCursor, type MeetingRow } from '../db/meetings.js';
import { Problem } from '../http/problem.js';
import { routingAgents, type PrivateAgent } from './agents.js';
import type { ServerContext } from './context.js';
import { currentFlow } from './flows.js';
import { enqueueMeetingCancelled } from './notifications.js';

/** A meeting in the admin API (contract §8, plus the agent's time zone for showing it in theirs). */
export interface AdminMeeting {
  id: string;
  lead: { email: string | null };
  agent: { id: string; name: string; timeZone: string };
  start: string;
  end: string;
  dialogueId: string;
  status: 'upcoming' | 'held' | 'no-show' | 'cancelled';
}

/** The agents by id, from the flow and the agents file (an agent since removed shows by its id, in UTC). */
export function agentDirectory(flow: Flow | undefined, privateAgents: PrivateAgent[]): Map<string, PrivateAgent> {
  return new Map([...privateAgents, ...(flow ? routingAgents(flow, privateAgents) : [])].map((agent) => [agent.id, agent]));
}

/** One stored meeting in the admin API's shape. */
export function adminMeeting(row: MeetingRow, agents: Map<string, PrivateAgent>, now: Date): AdminMeeting {
  const agent = agents.get(row.agentId);
  return {
    id: row.id,
    lead: { email: row.leadEmail },
    agent: { id: row.agentId, name: agent?.name ?? row.agentId, timeZone: agent?.timeZone ?? 'UTC' },
    start: row.start,
    end: row.end,
    dialogueId: row.dialogueId,
    // Held / no-show are marked by the site owner; until then a meeting that has ended counts as held.
    status: row.status === 'upcoming' && Date.parse(row.end) <= now.getTime() ? 'held' : row.status as AdminMeeting['status'],
  };
}

/** Meetings per page of GET /meetings. */
export const MEETINGS_PAGE = 50;

/** A page of upcoming or past meetings, and the cursor of the next page when there is one. */
export async function listAdminMeetings(ctx: ServerContext, when: 'upcoming' | 'past', cursor: MeetingCursor | null): Promise<{ meetings: AdminMeeting[]; next?: string }> {
  const now = ctx.now();
  // One more than a page tells whether there is a next one.
  const [rows, flow] = await Promise.all([pageOfMeetings(ctx.db, when, now, cursor, MEETINGS_PAGE + 1), currentFlow(ctx.db)]);
  const agents = agentDirectory(flow?.flow, ctx.agents);
  const page = rows.slice(0, MEETINGS_PAGE);
  const last = page[page.length - 1];
  return { meetings: page.map((row) => adminMeeting(row, agents, now)), ...(rows.length > MEETINGS_PAGE ? { next: encodeCursor(last) } : {}) };
}

/** The opaque cursor after a meeting: its start and id, base64url JSON. */
function encodeCursor(row: MeetingRow): string {
  return Buffer.from(JSON.stringify([row.start, row.id])).toString('base64url');
}

/** Reads a cursor this API gave out; anything else is a 400 at `path`. */
export function decodeMeetingCursor(raw: string, path: string): MeetingCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string'
    && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value[0]) && !Number.isNaN(Date.parse(value[0])) && value[1].length <= 200) {
    return { start: value[0], id: value[1] };
  }
  throw new Problem(400, 'Not a cursor this API gave out; pass the `next` of the previous page.', path);
}

/** A status the site owner sets. */
export type StatusChange = 'held' | 'no-show' | 'cancelled';

/** One step of cancelling a meeting, in the cancellation's transaction. */
export type CancellationStep = (tx: Queryable, meeting: MeetingRow, ctx: ServerContext) => Promise<void>;

/**
 * What cancelling does, in order, in one transaction: the meeting stops holding its agent's time
 * (offered again by GET /slots). The cancellation email and the `meeting.cancelled` webhook are
 * queued by steps added here, so they commit or roll back with the cancellation itself.
 */
export const cancellationSteps: CancellationStep[] = [
  (tx, meeting) => setMeetingStatus(tx, meeting.id, 'cancelled'),
  async (tx, meeting, ctx) => void (await enqueueMeetingCancelled(ctx, tx, meeting.id)),
];

/** Sets a meeting's status by the rules; throws a 404 / 409 Problem. */
export async function changeMeetingStatus(ctx: ServerContext, id: string, status: StatusChange): Promise<AdminMeeting> {
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, id);
    if (!meeting) throw new Problem(404, 'No meeting has this id.', '/id');
    // Asking again for the status it has changes nothing (a double click, a retry).
    if (meeting.status === status) return meeting;
    if (meeting.status === 'cancelled') throw new Problem(409, 'This meeting was cancelled.', '/status');
    if (status === 'cancelled') {
      if (Date.parse(meeting.start) <= now.getTime()) throw new Problem(409, 'Only a meeting that has not started can be cancelled.', '/status');
      for (const step of cancellationSteps) await step(tx, meeting, ctx);
    } else {
      if (Date.parse(meeting.end) > now.getTime()) throw new Problem(409, `Only a meeting that has ended can be marked ${status}.`, '/status');
      await setMeetingStatus(tx, meeting.id, status);
    }
    return { ...meeting, status };
  });
  // The cancellation email and meeting.cancelled were queued with it.
  if (status === 'cancelled') ctx.notify.nudge();
  const flow = await currentFlow(ctx.db);
  return adminMeeting(row, agentDirectory(flow?.flow, ctx.agents), now);
}
