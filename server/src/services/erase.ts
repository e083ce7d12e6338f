/**
 * Erasing a person (the right to erasure): one transaction finds everything that is theirs, by
 * email, then runs each erase step. Meetings, fields, sessions and browser links are deleted;
 * events stay for the report's counts, stripped of what ties them to anyone.
 */
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { anonymiseEvents, deleteFields, deleteLeads, deleteMeetings, findPerson, type Person } from '../db/erase.js';
import { forgetQueued } from './notifications.js';

/** What an erase removed, by kind (`{ fields, meetings, sessions, visitors, events, leads, … }`). */
export type Erased = Record<string, number>;

/** One step of erasing: removes one kind of the person's data in the erase's transaction and counts it. */
export type EraseStep = (tx: Queryable, person: Person) => Promise<Erased>;

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
  async (tx, person) => ({ meetings: await deleteMeetings(tx, person) }),
  async (tx, person) => ({ fields: await deleteFields(tx, person) }),
  // A fresh salt per erase: hashes of one erase cannot be matched with another's.
  async (tx, person) => ({ events: await anonymiseEvents(tx, person, randomBytes(16).toString('hex')) }),
  async (tx, person) => ({ sessions: person.sessionIds.length, visitors: person.visitorIds.length, leads: await deleteLeads(tx, person) }),
];

/** Erases the person with this (normalised) email; null when there is no such lead. */
export async function erasePerson(db: Db, email: string): Promise<Erased | null> {
  return db.transaction(async (tx) => {
    const person = await findPerson(tx, email);
    if (!person) return null;
    const erased: Erased = {};
    for (const step of eraseSteps) Object.assign(erased, await step(tx, person));
    return erased;
  });
}
