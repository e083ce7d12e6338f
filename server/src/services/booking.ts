/**
 * Booking: the slot must be one the agents' hours offer; the agent is chosen round-robin
 * (contract §3) among those free, with the pointer locked and moved in the booking's own
 * transaction. The database's exclusion constraint is the last word on double booking: a
 * conflict moves on to the next free agent, and none left is a 409.
 */
import { randomUUID } from 'node:crypto';
import { findFreeSlots, type Booking, type Flow, type MeetingRequest } from 'dynamic-chat/engine';
import { claimKey, saveAnswer, storedAnswer } from '../db/idempotency.js';
import { leadOfSession, upsertLeadByEmail } from '../db/leads.js';
import { insertMeetingUnlessTaken, lockRouting, readRouting, setLastAgent } from '../db/meetings.js';
import { Problem } from '../http/problem.js';
import type { ServerContext } from './context.js';
import { normaliseEmail } from './leads.js';
import { enqueueMeetingBooked } from './notifications.js';
import { nextAgent, orderedAgents } from './routing.js';
import { busyAround, candidates, slotRules } from './slots.js';

/** The answer of a booking, as stored under its key. */
export interface BookingAnswer { status: number; body: unknown }

const ROUTE = 'meetings';

/** Books the request's slot; a repeated key returns the first answer. Throws a Problem for 409/422. */
export async function bookMeeting(ctx: ServerContext, flow: Flow, request: MeetingRequest): Promise<BookingAnswer> {
  const repeat = await storedAnswer(ctx.db, ROUTE, request.key);
  if (repeat) return repeat;
  const start = Date.parse(request.slot.start);
  const end = Date.parse(request.slot.end);
  const durationMinutes = (end - start) / 60_000;
  const agents = candidates(flow, ctx, request.slot.agentIds, await readRouting(ctx.db));
  const rules = slotRules(flow, ctx.now());
  const window = { agentIds: agents.map((a) => a.id), durationMinutes, from: request.slot.start, to: request.slot.end };
  // Outside every agent's hours (or the notice period): not something the server ever offered.
  const offered = findFreeSlots(agents, window, [], rules).find((slot) => slot.start === request.slot.start);
  if (!Number.isInteger(durationMinutes) || !offered) throw new Problem(422, 'This slot is not in the offer.', '/slot');
  // Feeds are read before the transaction: no network wait while the pointer is locked.
  const calendar = await ctx.calendars.busy(agents.filter((a) => offered.agentIds.includes(a.id)));

  const answer = await ctx.db.transaction(async (tx) => {
    if (!(await claimKey(tx, ROUTE, request.key))) {
      // A racing request with the same key committed first: its answer is ours.
      return (await storedAnswer(tx, ROUTE, request.key))!;
    }
    const routing = await lockRouting(tx);
    // With the pointer locked, bookings are one at a time, so this view of meetings is current.
    const busy = await busyAround(tx, agents, start, end, rules.bufferMinutes, calendar);
    const free = findFreeSlots(agents, window, busy, rules).find((slot) => slot.start === request.slot.start)?.agentIds ?? [];
    // The order and pauses as they are now, under the lock; paused agents keep their place in the round (nextAgent skips them).
    const order = orderedAgents(flow, ctx.agents, routing).map((agent) => agent.id);
    const email = typeof request.lead.email === 'string' && request.lead.email ? normaliseEmail(request.lead.email) : null;
    const leadId = email ? await upsertLeadByEmail(tx, email) : (await leadOfSession(tx, request.sessionId))?.id ?? null;
    const id = randomUUID();
    for (let agentId = nextAgent(order, routing, free); agentId; agentId = nextAgent(order, routing, free)) {
      if (await insertMeetingUnlessTaken(tx, { id, agentId, start: request.slot.start, end: request.slot.end, sessionId: request.sessionId, dialogueId: request.dialogueId, leadId, leadEmail: email, inviteMessage: request.inviteMessage ?? null })) {
        await setLastAgent(tx, agentId);
        const agent = agents.find((a) => a.id === agentId)!;
        const booking: Booking = { id, agent: { id: agent.id, name: agent.name }, start: request.slot.start, end: request.slot.end };
        const answer = { status: 201, body: { booking } };
        await saveAnswer(tx, ROUTE, request.key, answer);
        // The invitation, the agent's notice and meeting.booked commit with the booking, or not at all.
        await enqueueMeetingBooked(tx, { booking, agent, request, leadId, email, inviteTemplate: flow.settings?.meetings?.inviteMessage }, ctx.now());
        return answer;
      }
      free.splice(free.indexOf(agentId), 1);
    }
    // Rolls back the claim too: a retry with this key tries again.
    throw new Problem(409, 'This slot was taken meanwhile; pick another time.', '/slot');
  });
  ctx.notify.nudge();
  return answer;
}
