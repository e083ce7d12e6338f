/** The offer: the engine's slot rule over the agents' hours, minus stored meetings and calendar busy times. */
import { findFreeSlots, type BusyInterval, type Flow, type Slot, type SlotQuery } from 'dynamic-chat/engine';
import { meetingsBetween, readRouting, type RoutingRow } from '../db/meetings.js';
import type { Queryable } from '../db/db.js';
import type { PrivateAgent } from './agents.js';
import type { ServerContext } from './context.js';
import { orderedAgents } from './routing.js';

const MINUTE = 60_000;

/** The rules of the flow's meetings settings, with the local adapter's defaults. */
export function slotRules(flow: Flow, now: Date) {
  const meetings = flow.settings?.meetings;
  return { now: now.getTime(), minNoticeHours: meetings?.minNoticeHours ?? 24, bufferMinutes: meetings?.bufferMinutes ?? 0 };
}

/** The agents a query may offer: those it names (all when none), in routing order, without paused agents. */
export function candidates(flow: Flow, ctx: ServerContext, agentIds: string[], routing: RoutingRow): PrivateAgent[] {
  const all = orderedAgents(flow, ctx.agents, routing).filter((agent) => !routing.paused.includes(agent.id));
  return agentIds.length ? all.filter((agent) => agentIds.includes(agent.id)) : all;
}

/** Busy time of these agents around [from, to): stored meetings plus (optionally) calendar feeds. */
export async function busyAround(db: Queryable, agents: PrivateAgent[], from: number, to: number, bufferMinutes: number, calendar: BusyInterval[]): Promise<BusyInterval[]> {
  const pad = bufferMinutes * MINUTE;
  const stored = await meetingsBetween(db, agents.map((a) => a.id), new Date(from - pad).toISOString(), new Date(to + pad).toISOString());
  return [...stored.map((m) => ({ agentId: m.agentId, start: Date.parse(m.start), end: Date.parse(m.end) })), ...calendar];
}

/** Free slots for a visitor's query. */
export async function offerSlots(ctx: ServerContext, flow: Flow, query: SlotQuery): Promise<Slot[]> {
  const agents = candidates(flow, ctx, query.agentIds, await readRouting(ctx.db));
  if (!agents.length) return [];
  const rules = slotRules(flow, ctx.now());
  const busy = await busyAround(ctx.db, agents, Date.parse(query.from), Date.parse(query.to), rules.bufferMinutes, await ctx.calendars.busy(agents));
  return findFreeSlots(agents, { agentIds: agents.map((a) => a.id), durationMinutes: query.durationMinutes, from: query.from, to: query.to }, busy, rules);
}
