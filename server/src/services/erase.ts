/**
 * Erasing a person (the right to erasure): one transaction finds everything that is theirs, by
 * email, then runs each erase step. Upcoming meetings are cancelled first (the person and the
 * webhooks hear of it); meetings, fields, sessions and browser links are deleted; events stay for
 * the report's counts, stripped of what ties them to anyone.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { anonymiseEvents, deleteFields, deleteLeads, deleteMeetings, findPerson, type Person } from '../db/erase.js';
import { lockMeeting } from '../db/meetings.js';
import { cancellationSteps } from './admin-meetings.js';
import type { ServerContext } from './context.js';
import { forgetQueued } from './notifications.js';

/** What an erase removed, by kind (`{ fields, meetings, sessions, visitors, events, leads, … }`). */
export type Erased = Record<string, number>;

/** One step of erasing: removes one kind of the person's data in the erase's transaction and counts it. */
export type EraseStep = (tx: Queryable, person: Person, ctx: ServerContext) => Promise<Erased>;

/**
 * The steps, run in this order after the person's ids are collected. Anything else that holds
 * personal data adds its step here, before the meetings go.
 */
export const eraseSteps: EraseStep[] = [
  // Emails and webhook deliveries still queued for them are not sent; sent ones keep nothing of them.
  async (tx, person) => {
    const { emails, webhooks } = await forgetQueued(tx, person);
    return { emails, webhooks };
  },
  // An upcoming meeting is cancelled as the dashboard cancels it, so nobody waits for a meeting that silently vanished.
  async (tx, person, ctx) => {
    let cancelled = 0;
    for (const id of person.meetingIds) {
      const meeting = await lockMeeting(tx, id);
      if (!meeting || meeting.status !== 'upcoming' || Date.parse(meeting.start) <= ctx.now().getTime()) continue;
      for (const step of cancellationSteps) await step(tx, meeting, ctx);
      cancelled++;
    }
    // Those notices outlive the lead: detached from it, they are not deleted with it (they leave with the 90-day clean-up once sent).
    if (cancelled) await tx.query('UPDATE outbox SET lead_id = NULL WHERE lead_id = ANY($1::bigint[])', [person.leadIds]);
    return { cancelled };
  },
  async (tx, person) => ({ meetings: await deleteMeetings(tx, person) }),
  async (tx, person) => ({ fields: await deleteFields(tx, person) }),
  // A fresh salt per erase: hashes of one erase cannot be matched with another's.
  async (tx, person) => ({ events: await anonymiseEvents(tx, person, randomBytes(16).toString('hex')) }),
  async (tx, person) => ({ sessions: person.sessionIds.length, visitors: person.visitorIds.length, leads: await deleteLeads(tx, person) }),
];

/** Erases the person with this (normalised) email; null when there is no such lead. */
export async function erasePerson(ctx: ServerContext, email: string): Promise<Erased | null> {
  const erased = await ctx.db.transaction(async (tx) => {
    const person = await findPerson(tx, email);
    if (!person) return null;
    const done: Erased = {};
    for (const step of eraseSteps) Object.assign(done, await step(tx, person, ctx));
    return done;
  });
  // Cancellations were queued with the erase.
  if (erased?.cancelled) ctx.notify.nudge();
  return erased;
}
