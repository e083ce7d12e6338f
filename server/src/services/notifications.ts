/**
 * What goes into the outbox, in the transaction of what caused it (so it is sent if and only if
 * that commits): webhook events for every subscription that wants them, and meeting emails.
 * Event ids derive from what happened (a field key, an event key, a meeting), so a retried
 * request never makes a second event.
 */
import { createHash } from 'node:crypto';
import { fillTokens, type Booking, type ChatEvent, type MeetingRequest } from 'dynamic-chat/engine';
import type { Queryable } from '../db/db.js';
import { deleteOutboxOf, insertOutbox, type OutboxItem } from '../db/outbox.js';
import { latestFieldsOfLead, meetingForNotice, ownersOfFields, ownersOfSessions, type Owner } from '../db/owners.js';
import { webhooksFor } from '../db/webhooks.js';
import { routingAgents, type PrivateAgent } from './agents.js';
import type { ServerContext } from './context.js';
import type { MeetingEmail } from './emails.js';
import { currentFlow } from './flows.js';
import type { FieldsInput } from './leads.js';

/** The webhook event types (contract §8). */
export const WEBHOOK_EVENTS = ['lead.captured', 'meeting.booked', 'meeting.cancelled', 'dialogue.goal', 'dialogue.completed'] as const;

/** One of the webhook event types. */
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** An event before it is fanned out to subscriptions. */
interface NewEvent { type: WebhookEventType; key: string; at: string; data: unknown; owner: Owner | null; orderKey: string }

/** A stable event id for what happened (`key` names it). */
function eventId(type: string, key: string): string {
  return `evt_${createHash('sha256').update(`${type}\n${key}`).digest('hex').slice(0, 32)}`;
}

/** Queues each event for every subscription that wants its type; returns how many deliveries. */
async function enqueueEvents(tx: Queryable, events: NewEvent[]): Promise<number> {
  const items: OutboxItem[] = [];
  const subscribers = new Map<string, string[]>();
  for (const event of events) {
    let hooks = subscribers.get(event.type);
    if (!hooks) subscribers.set(event.type, (hooks = await webhooksFor(tx, event.type)));
    const id = eventId(event.type, event.key);
    const payload = JSON.stringify({ id, type: event.type, at: event.at, data: event.data });
    for (const hook of hooks) {
      items.push({ channel: hook, eventId: id, type: event.type, leadId: event.owner?.leadId ?? null, email: event.owner?.email ?? null, orderKey: event.orderKey, payload });
    }
  }
  return insertOutbox(tx, items);
}

const leadOf = (owner: Owner | null) => (owner ? { id: owner.leadId, email: owner.email } : null);

/** `lead.captured` for stored field submissions (call after they are inserted, in the same transaction). */
export async function enqueueLeadCaptured(tx: Queryable, inputs: FieldsInput[]): Promise<number> {
  if (!inputs.length || !(await webhooksFor(tx, 'lead.captured')).length) return 0;
  const owners = await ownersOfFields(tx, inputs.map((input) => input.key));
  return enqueueEvents(tx, inputs.map((input) => {
    const owner = owners.get(input.key) ?? null;
    return {
      type: 'lead.captured', key: input.key, at: input.at, owner, orderKey: `session:${input.sessionId}`,
      data: { lead: leadOf(owner), sessionId: input.sessionId, dialogueId: input.dialogueId, page: input.page, fields: input.fields },
    };
  }));
}

/** `dialogue.goal` / `dialogue.completed` for newly stored events (other types are not webhook events). */
export async function enqueueDialogueEvents(tx: Queryable, events: ChatEvent[]): Promise<number> {
  const wanted = events.filter((event) => event.type === 'goal' || event.type === 'completed');
  if (!wanted.length) return 0;
  const owners = await ownersOfSessions(tx, [...new Set(wanted.map((event) => event.sessionId))]);
  return enqueueEvents(tx, wanted.map((event) => {
    const owner = owners.get(event.sessionId) ?? null;
    return {
      type: event.type === 'goal' ? 'dialogue.goal' : 'dialogue.completed', key: event.key, at: event.at, owner, orderKey: `session:${event.sessionId}`,
      data: {
        dialogueId: event.dialogueId, ...(event.goal === undefined ? {} : { goal: event.goal }), sessionId: event.sessionId,
        visitorId: event.visitorId, page: event.page, lead: leadOf(owner),
      },
    };
  }));
}

/** What a booking notifies about. */
export interface BookedMeeting {
  booking: Booking;
  agent: PrivateAgent;
  request: MeetingRequest;
  leadId: string | null;
  email: string | null;
  /** The flow's settings.meetings.inviteMessage, tokens unfilled. */
  inviteTemplate?: string;
}

/**
 * `meeting.booked`, the visitor's invitation (from the agent, with the flow's inviteMessage filled
 * from the lead's answers) and the agent's notice with those answers; in the booking's transaction.
 */
export async function enqueueMeetingBooked(tx: Queryable, booked: BookedMeeting, now: Date): Promise<number> {
  const { booking, agent, request, leadId, email } = booked;
  const owner = leadId ? { leadId, email } : null;
  const stored = leadId ? await latestFieldsOfLead(tx, leadId) : {};
  const answers: Record<string, string> = { ...stored };
  for (const [name, value] of Object.entries(request.lead)) if (typeof value === 'string' && value) answers[name] = value;
  if (email) answers.email = email;
  const meeting = { id: booking.id, start: booking.start, end: booking.end, dialogueId: request.dialogueId };
  let queued = await enqueueEvents(tx, [{
    type: 'meeting.booked', key: booking.id, at: now.toISOString(), owner, orderKey: `meeting:${booking.id}`,
    data: { meeting: { ...meeting, agent: booking.agent, status: 'upcoming' }, lead: { id: leadId, email, fields: answers } },
  }]);
  const mails: MeetingEmail[] = [];
  const agentPart = { id: agent.id, name: agent.name, ...(agent.email ? { email: agent.email } : {}), ...(agent.timeZone ? { timeZone: agent.timeZone } : {}) };
  const visitor = { email, ...(visitorName(answers) ? { name: visitorName(answers) } : {}) };
  if (email && mailable(email)) {
    // The server fills the site owner's template itself: the email's words are never a visitor's.
    const message = booked.inviteTemplate ? fillTokens(booked.inviteTemplate, { lead: { ...answers, email } as MeetingRequest['lead'], company: request.lead.company }) : undefined;
    mails.push({ kind: 'invitation', to: email, meeting, agent: agentPart, visitor, ...(message ? { message } : {}) });
  }
  if (agent.email) mails.push({ kind: 'agent-notice', to: agent.email, meeting, agent: agentPart, visitor, answers });
  queued += await enqueueEmails(tx, mails, owner, email, `meeting:${booking.id}`, booking.id);
  return queued;
}

/**
 * `meeting.cancelled` and the visitor's cancellation (METHOD:CANCEL, the invitation's UID) for a
 * meeting being cancelled, in the transaction that cancels it; false when there is no such meeting.
 */
export async function enqueueMeetingCancelled(ctx: Pick<ServerContext, 'agents' | 'now'>, tx: Queryable, meetingId: string): Promise<boolean> {
  const row = await meetingForNotice(tx, meetingId);
  if (!row) return false;
  const flow = await currentFlow(tx);
  const agent = (flow ? routingAgents(flow.flow, ctx.agents) : ctx.agents).find((a) => a.id === row.agentId) ?? { id: row.agentId, name: row.agentId };
  const owner = row.leadId ? { leadId: row.leadId, email: row.leadEmail } : null;
  const meeting = { id: row.id, start: row.start, end: row.end, dialogueId: row.dialogueId };
  await enqueueEvents(tx, [{
    type: 'meeting.cancelled', key: row.id, at: ctx.now().toISOString(), owner, orderKey: `meeting:${row.id}`,
    data: { meeting: { ...meeting, agent: { id: agent.id, name: agent.name }, status: 'cancelled' }, lead: leadOf(owner) },
  }]);
  if (row.leadEmail && mailable(row.leadEmail)) {
    const agentPart = { id: agent.id, name: agent.name, ...(agent.email ? { email: agent.email } : {}), ...(agent.timeZone ? { timeZone: agent.timeZone } : {}) };
    await enqueueEmails(tx, [{ kind: 'cancellation', to: row.leadEmail, meeting, agent: agentPart, visitor: { email: row.leadEmail } }],
      owner, row.leadEmail, `meeting:${row.id}`, `cancel:${row.id}`);
  }
  return true;
}

/**
 * Deletes what the outbox holds for a person (by lead ids, email, sessions or meetings): queued
 * emails and webhook deliveries are not sent, and sent ones no longer keep their data. Returns how
 * many were still queued.
 */
export function forgetQueued(tx: Queryable, person: { leadIds?: string[]; email?: string | null; sessionIds?: string[]; meetingIds?: string[] }): Promise<{ emails: number; webhooks: number }> {
  return deleteOutboxOf(tx, person.leadIds ?? [], person.email ? person.email.trim().toLowerCase() : null, person.sessionIds, person.meetingIds);
}

/**
 * Queues emails about one meeting (`orderKey` names it): each recipient has its own line, so the
 * agent's notice never waits behind the visitor's invitation, and a visitor's cancellation still
 * follows their invitation.
 */
async function enqueueEmails(tx: Queryable, mails: MeetingEmail[], owner: Owner | null, email: string | null, orderKey: string, key: string): Promise<number> {
  return insertOutbox(tx, mails.map((mail) => ({
    channel: 'email', eventId: eventId(`email.${mail.kind}`, key), type: mail.kind, leadId: owner?.leadId ?? null, email,
    orderKey: `${orderKey}:${mail.kind === 'agent-notice' ? 'agent' : 'visitor'}`, payload: JSON.stringify(mail),
  })));
}

/**
 * One plain address a visitor may be sent mail at: the booking's email is whatever the visitor
 * typed, and a list ("a@x.example, b@y.example") or a display-name form must not make the server
 * mail anyone else.
 */
export function mailable(email: string): boolean {
  return email.length <= 254 && /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\.]+$/.test(email);
}

/** The visitor's name from their answers, if they gave one. */
function visitorName(answers: Record<string, string>): string | undefined {
  const full = [answers.firstName, answers.lastName].filter(Boolean).join(' ');
  return full || answers.name || undefined;
}
