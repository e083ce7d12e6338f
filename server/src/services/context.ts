/** What every service works with: the database, the clock, the private agents and their calendars. */
import type { Db } from '../db/db.js';
import type { PrivateAgent } from './agents.js';
import type { Calendars } from './calendars.js';
import type { ChatEvent } from 'dynamic-chat/engine';
import type { FieldsInput } from './leads.js';
import type { Mailer } from './mailer.js';

/** The server's shared state; nothing in it matters beyond the database, so instances can be many. */
export interface ServerContext {
  db: Db;
  /** The clock (tests pass a fixed one). */
  now: () => Date;
  /** The agents file: private details by id (email, time zone, hours, calendar feed). */
  agents: PrivateAgent[];
  calendars: Calendars;
  /** The visitor write paths, grouping concurrent requests into one commit (fieldsWriter, eventsWriter). */
  writes: { fields: (input: FieldsInput) => Promise<boolean>; events: (events: ChatEvent[]) => Promise<void> };
  /** The outbox: `nudge()` after queueing makes the worker look at once; `mailer` is null without SMTP_URL (emails wait). */
  notify: { nudge: () => void; mailer: Mailer | null; smtpUrl: string | null };
  /** Writes one operational line; callers never pass personal data. */
  log: (line: string) => void;
}
