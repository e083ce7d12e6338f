/** Meetings as the admin API shows them: the lead's email, the agent's name and time zone, and a status. */
import type { Flow } from 'dynamic-chat/engine';
import type { MeetingRow } from '../db/meetings.js';
import { routingAgents, type PrivateAgent } from './agents.js';

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
