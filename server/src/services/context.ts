/** What every service works with: the database, the clock, the private agents and their calendars. */
import type { Db } from '../db/db.js';
import type { PrivateAgent } from './agents.js';
import type { Calendars } from './calendars.js';

/** The server's shared state; nothing in it matters beyond the database, so instances can be many. */
export interface ServerContext {
  db: Db;
  /** The clock (tests pass a fixed one). */
  now: () => Date;
  /** The agents file: private details by id (email, time zone, hours, calendar feed). */
  agents: PrivateAgent[];
  calendars: Calendars;
  /** Writes one operational line; callers never pass personal data. */
  log: (line: string) => void;
}
