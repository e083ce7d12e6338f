/**
 * Routing: the order agents take bookings in and who is paused, as set in the dashboard, and
 * the one rule that picks the next agent. The booking and the queue both call `nextAgent`, so
 * the agent the queue shows as next is the one the next booking gets (when they are free then).
 */
import { roundRobin, type Flow } from 'dynamic-chat/engine';
import type { Queryable } from '../db/db.js';
import { lastBookedByAgent, lockRouting, readRouting, setAgentPaused, setRoutingOrder, type RoutingRow } from '../db/meetings.js';
import { Problem } from '../http/problem.js';
import { routingAgents, type PrivateAgent } from './agents.js';
import type { CalendarHealth } from './calendars.js';
import type { ServerContext } from './context.js';
import { currentFlow } from './flows.js';

/** The flow's agents in routing order: the dashboard's order first, then any agent the flow added since, in the flow's order. */
export function orderedAgents(flow: Flow, privateAgents: PrivateAgent[], routing: RoutingRow): PrivateAgent[] {
  const agents = routingAgents(flow, privateAgents);
  const rank = (id: string) => {
    const at = routing.order.indexOf(id);
    return at === -1 ? routing.order.length : at;
  };
  // Array.prototype.sort is stable: agents missing from the stored order keep the flow's order.
  return [...agents].sort((a, b) => rank(a.id) - rank(b.id));
}

/** The agent the next booking goes to among `free` (ids): round-robin after the last one, in `order`, never a paused agent. */
export function nextAgent(order: string[], routing: RoutingRow, free: string[]): string | null {
  return roundRobin(order, routing.lastAgentId, free.filter((id) => !routing.paused.includes(id)));
}

/** One agent in the queue (contract §8). */
export interface QueueAgent { id: string; name: string; next: boolean; paused: boolean; lastBookedAt: string | null; calendar: CalendarHealth }

/** The agents in routing order, with who is next, who is paused, each one's last booking and calendar health. */
export async function readQueue(ctx: ServerContext): Promise<QueueAgent[]> {
  const [flow, routing, lastBooked] = await Promise.all([currentFlow(ctx.db), readRouting(ctx.db), lastBookedByAgent(ctx.db)]);
  if (!flow) return [];
  const agents = orderedAgents(flow.flow, ctx.agents, routing);
  const order = agents.map((agent) => agent.id);
  const next = nextAgent(order, routing, order);
  return agents.map((agent) => ({
    id: agent.id,
    name: agent.name,
    next: agent.id === next,
    paused: routing.paused.includes(agent.id),
    lastBookedAt: lastBooked.get(agent.id) ?? null,
    calendar: ctx.calendars.health(agent),
  }));
}

/** Sets the routing order: every agent of the flow, each once. Throws a 400 Problem naming the wrong entry. */
export async function reorderAgents(ctx: ServerContext, order: string[]): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockRouting(tx);
    const ids = await flowAgentIds(tx);
    order.forEach((id, i) => {
      if (!ids.includes(id)) throw new Problem(400, `No agent "${id.slice(0, 64)}" in the flow.`, `/order/${i}`);
      if (order.indexOf(id) !== i) throw new Problem(400, `Agent "${id.slice(0, 64)}" is listed twice.`, `/order/${i}`);
    });
    const missing = ids.filter((id) => !order.includes(id));
    if (missing.length) throw new Problem(400, `The order must list every agent; missing: ${missing.join(', ')}.`, '/order');
    await setRoutingOrder(tx, order);
  });
}

/** Pauses or resumes an agent of the flow; throws a 404 Problem for another id. */
export async function pauseAgent(ctx: ServerContext, agentId: string, paused: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockRouting(tx);
    if (!(await flowAgentIds(tx)).includes(agentId)) throw new Problem(404, 'No agent in the flow has this id.', '/id');
    await setAgentPaused(tx, agentId, paused);
  });
}

async function flowAgentIds(db: Queryable): Promise<string[]> {
  const flow = await currentFlow(db);
  return (flow?.flow.agents ?? []).map((agent) => agent.id);
}
