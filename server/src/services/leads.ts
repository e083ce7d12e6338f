/**
 * Leads: a session's fields make one lead until an email arrives; from then on the email is the
 * lead, and an earlier lead with that email absorbs the session's. A returning visitor id that
 * gave an email before is that lead again (identify).
 */
import type { FieldSubmission, Lead } from 'dynamic-chat/engine';
import type { Db, Queryable } from '../db/db.js';
import {
  fieldsOfLead, fieldsStored, insertFields, knownLeadOfVisitor, leadByEmail, leadForSession, leadOfSession, linkSession, linkVisitor,
  mergeLeads, setLeadEmail, upsertLeadByEmail, insertFieldsGroup, deleteOrphanLeads,
} from '../db/leads.js';
import { batcher, type BatchOptions } from './batch.js';
import { enqueueLeadCaptured } from './notifications.js';

/** A field submission as the server takes it (visitorId is optional: older widgets omit it). */
export type FieldsInput = FieldSubmission & { visitorId?: string };

/** Emails compare without case or surrounding spaces. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * Stores submissions once per key and files them under the right lead; resolves false for a
 * repeat, once the submission is committed. Those without an email or a visitor id (most of them)
 * that arrive together are stored by one statement and one commit; the rest, and any whose
 * session's lead was created by a racing request meanwhile, take the transactional path.
 * `lead.captured` webhooks are queued in the same commit; `nudge` then wakes the outbox worker.
 */
export function fieldsWriter(db: Db, options: BatchOptions, nudge: () => void = () => undefined): (input: FieldsInput) => Promise<boolean> {
  const record = (input: FieldsInput) => recordFields(db, input, nudge);
  const group = batcher<FieldsInput, boolean>(async (inputs) => {
    let result;
    let queued = 0;
    try {
      result = await db.transaction(async (tx) => {
        const written = await insertFieldsGroup(tx, inputs);
        const stored = new Set(written.stored);
        queued = await enqueueLeadCaptured(tx, inputs.filter((input) => stored.delete(input.key)));
        return written;
      });
    } catch (error) {
      // A lone submission fails as it is; a group's failure (a deadlock with another instance, a lead merged meanwhile) must not fail its neighbours.
      if (inputs.length === 1) throw error;
      return inputs.map(record);
    }
    if (queued) nudge();
    if (result.orphans.length) await deleteOrphanLeads(db, result.orphans);
    const stored = new Set(result.stored);
    const lost = new Set(result.lost);
    // The first of a key in the group is the one stored; a same-key twin is a repeat.
    return inputs.map((input) => (stored.delete(input.key) ? true : lost.has(input.sessionId) ? record(input) : false));
  }, options);
  return (input) => (input.fields.email || input.visitorId ? record(input) : group(input));
}

/** Stores one submission once per key, in a transaction, and files it under the right lead; false for a repeat. */
export async function recordFields(db: Db, input: FieldsInput, nudge: () => void = () => undefined): Promise<boolean> {
  let queued = 0;
  const stored = await db.transaction(async (tx) => {
    if (await fieldsStored(tx, input.key)) return false;
    const email = input.fields.email ? normaliseEmail(input.fields.email) : '';
    const leadId = email ? await leadForEmail(tx, input.sessionId, email) : await leadForSession(tx, input.sessionId);
    if (input.visitorId) await linkVisitor(tx, input.visitorId, leadId);
    // A racing request with the same key waits on the primary key here and then stores nothing.
    const inserted = await insertFields(tx, { key: input.key, leadId, sessionId: input.sessionId, dialogueId: input.dialogueId, fields: input.fields, page: input.page, at: input.at });
    if (inserted) queued = await enqueueLeadCaptured(tx, [input]);
    return inserted;
  });
  if (queued) nudge();
  return stored;
}

/** The lead an email names, taking over the session's anonymous lead. */
async function leadForEmail(tx: Queryable, sessionId: string, email: string): Promise<string> {
  const sessionLead = await leadOfSession(tx, sessionId);
  const existing = await leadByEmail(tx, email);
  let leadId: string;
  if (existing) {
    leadId = existing.id;
    if (sessionLead && !sessionLead.email && sessionLead.id !== existing.id) await mergeLeads(tx, sessionLead.id, existing.id);
  } else if (sessionLead && !sessionLead.email) {
    await setLeadEmail(tx, sessionLead.id, email);
    leadId = sessionLead.id;
  } else {
    leadId = await upsertLeadByEmail(tx, email);
  }
  await linkSession(tx, sessionId, leadId);
  return leadId;
}

/** The known lead of a returning visitor: the latest value of each field they gave, or null. */
export async function identifyVisitor(db: Queryable, visitorId: string): Promise<Lead | null> {
  const lead = await knownLeadOfVisitor(db, visitorId);
  if (!lead) return null;
  const fields: Record<string, string> = {};
  for (const submission of await fieldsOfLead(db, lead.id)) Object.assign(fields, submission);
  return { ...fields, email: lead.email! };
}
