/** The admin's view of leads: one person in full, and every lead as CSV. */
import { stringify } from 'csv-stringify/sync';
import { fieldHistory, fieldNames, goalsOfLead, leadHead, type FieldEntry, type GoalEntry } from '../db/lead-details.js';
import { listLeads } from '../db/leads.js';
import { meetingsOfLead } from '../db/meetings.js';
import { adminMeeting, agentDirectory, type AdminMeeting } from './admin-meetings.js';
import type { ServerContext } from './context.js';
import { currentFlow } from './flows.js';

/** One lead in full. */
export interface LeadDetail {
  email: string;
  firstSeen: string;
  lastSeen: string;
  /** The latest value of each field. */
  fields: Record<string, string>;
  /** Every value given, oldest first, with when, on which page and in which dialogue. */
  history: FieldEntry[];
  meetings: AdminMeeting[];
  goals: GoalEntry[];
}

/** The lead with this (normalised) email, or null. */
export async function leadDetail(ctx: ServerContext, email: string): Promise<LeadDetail | null> {
  const head = await leadHead(ctx.db, email);
  if (!head) return null;
  const [history, meetings, goals, flow] = await Promise.all([
    fieldHistory(ctx.db, head.id), meetingsOfLead(ctx.db, head.id), goalsOfLead(ctx.db, head.id), currentFlow(ctx.db),
  ]);
  const agents = agentDirectory(flow?.flow, ctx.agents);
  const fields: Record<string, string> = {};
  for (const entry of history) fields[entry.field] = entry.value;
  const now = ctx.now();
  return { email: head.email, firstSeen: head.firstSeen, lastSeen: head.lastSeen, fields, history, meetings: meetings.map((m) => adminMeeting(m, agents, now)), goals };
}

/** Leads read per query while exporting. */
const CSV_PAGE = 500;

/**
 * Every lead as CSV, one row each: email, first and last seen, meetings, then a column per field
 * (its latest value). csv-stringify quotes and escapes; `escape_formulas` puts a `'` before a cell
 * starting with = + - @ tab or CR (OWASP's rule), so a spreadsheet never runs a visitor's text as a formula.
 */
export async function* leadsCsv(ctx: ServerContext): AsyncGenerator<string> {
  const names = (await fieldNames(ctx.db)).filter((name) => name !== 'email');
  const options = { escape_formulas: true, record_delimiter: '\r\n' } as const;
  yield stringify([['email', 'firstSeen', 'lastSeen', 'meetings', ...names]], options);
  let cursor: string | null = null;
  for (;;) {
    const page = await listLeads(ctx.db, '', cursor, CSV_PAGE);
    if (page.length === 0) return;
    yield stringify(page.map((lead) => [lead.email ?? '', lead.firstSeen, lead.lastSeen, String(lead.meetings), ...names.map((name) => lead.fields[name] ?? '')]), options);
    if (page.length < CSV_PAGE) return;
    cursor = page[page.length - 1].id;
  }
}
