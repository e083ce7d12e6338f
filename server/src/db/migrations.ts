/** The schema, as numbered migrations that run once each, the same SQL on PGlite and PostgreSQL. */
import type { Db } from './db.js';

/** Each entry runs once, in order, in one transaction; never edit a released one, add the next. */
const MIGRATIONS: string[] = [
  `CREATE EXTENSION IF NOT EXISTS btree_gist;
   CREATE TABLE leads (
     id bigserial PRIMARY KEY,
     email text UNIQUE,
     first_seen timestamptz NOT NULL DEFAULT now(),
     last_seen timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE lead_sessions (session_id text PRIMARY KEY, lead_id bigint NOT NULL REFERENCES leads ON DELETE CASCADE);
   CREATE INDEX lead_sessions_lead ON lead_sessions (lead_id);
   CREATE TABLE lead_visitors (visitor_id text PRIMARY KEY, lead_id bigint NOT NULL REFERENCES leads ON DELETE CASCADE);
   CREATE INDEX lead_visitors_lead ON lead_visitors (lead_id);
   CREATE TABLE session_visitors (session_id text PRIMARY KEY, visitor_id text NOT NULL);
   CREATE INDEX session_visitors_visitor ON session_visitors (visitor_id);
   CREATE TABLE fields (
     key text PRIMARY KEY,
     lead_id bigint NOT NULL REFERENCES leads ON DELETE CASCADE,
     session_id text NOT NULL,
     dialogue_id text NOT NULL,
     fields jsonb NOT NULL,
     page text NOT NULL,
     at timestamptz NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX fields_lead ON fields (lead_id, at);
   CREATE TABLE events (
     key text PRIMARY KEY,
     type text NOT NULL,
     dialogue_id text NOT NULL,
     session_id text NOT NULL,
     visitor_id text NOT NULL,
     page text NOT NULL,
     goal text,
     at timestamptz NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX events_at ON events (at);
   CREATE TABLE meetings (
     id text PRIMARY KEY,
     agent_id text NOT NULL,
     during tstzrange NOT NULL,
     session_id text NOT NULL,
     dialogue_id text NOT NULL,
     lead_id bigint REFERENCES leads ON DELETE SET NULL,
     lead_email text,
     invite_message text,
     status text NOT NULL DEFAULT 'upcoming',
     created_at timestamptz NOT NULL DEFAULT now(),
     -- The database itself refuses a second meeting of one agent at an overlapping time.
     CONSTRAINT meetings_no_double_booking EXCLUDE USING gist (agent_id WITH =, during WITH &&) WHERE (status <> 'cancelled')
   );
   CREATE TABLE routing (id int PRIMARY KEY CHECK (id = 1), last_agent_id text, last_booked_at timestamptz);
   INSERT INTO routing (id) VALUES (1);
   CREATE TABLE idempotency (
     key text PRIMARY KEY,
     route text NOT NULL,
     status int NOT NULL,
     body jsonb NOT NULL,
     at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE flows (
     version serial PRIMARY KEY,
     doc jsonb NOT NULL,
     etag text NOT NULL,
     restored_from int,
     published_at timestamptz NOT NULL DEFAULT now()
   );`,
  // The dashboard: sign-in sessions (only a hash of the cookie's id is kept, so a read of the table signs nobody in), routing order and pauses.
  `CREATE TABLE admin_sessions (
     id_hash text PRIMARY KEY,
     csrf_token text NOT NULL,
     created_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL
   );
   CREATE INDEX admin_sessions_expires ON admin_sessions (expires_at);
   -- The routing order and pauses set in the dashboard, on the row every booking locks.
   ALTER TABLE routing ADD COLUMN agent_order text[] NOT NULL DEFAULT '{}';
   ALTER TABLE routing ADD COLUMN paused_agents text[] NOT NULL DEFAULT '{}';`,
  // The transactional outbox: emails and webhook deliveries, written in the transaction of what caused them.
  `CREATE TABLE webhooks (
     id text PRIMARY KEY,
     url text NOT NULL,
     secret text NOT NULL,
     events text[] NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE outbox (
     id bigserial PRIMARY KEY,
     -- 'email', or the id of the webhook it goes to.
     channel text NOT NULL,
     webhook_id text REFERENCES webhooks ON DELETE CASCADE,
     event_id text NOT NULL,
     type text NOT NULL,
     -- Whose it is: erasing the lead deletes it; one lead's items go out in order.
     lead_id bigint REFERENCES leads ON DELETE CASCADE,
     email text,
     order_key text NOT NULL,
     payload text NOT NULL,
     state text NOT NULL DEFAULT 'queued',
     attempts int NOT NULL DEFAULT 0,
     next_at timestamptz NOT NULL DEFAULT now(),
     lease_until timestamptz,
     lease_token text,
     window_start timestamptz NOT NULL DEFAULT now(),
     created_at timestamptz NOT NULL DEFAULT now(),
     sent_at timestamptz,
     last_error text
   );
   CREATE INDEX outbox_due ON outbox (next_at) WHERE state = 'queued';
   CREATE INDEX outbox_order ON outbox (channel, order_key, id) WHERE state = 'queued';
   CREATE INDEX outbox_lead ON outbox (lead_id);
   CREATE INDEX outbox_email ON outbox (email);
   CREATE TABLE deliveries (
     id bigserial PRIMARY KEY,
     outbox_id bigint NOT NULL REFERENCES outbox ON DELETE CASCADE,
     at timestamptz NOT NULL DEFAULT now(),
     status_code int,
     error text,
     duration_ms int NOT NULL,
     next_at timestamptz
   );
   CREATE INDEX deliveries_outbox ON deliveries (outbox_id);`,
  // A session's items queued before it had a lead are moved to the lead, and erased with the session: both find them by key.
  'CREATE INDEX outbox_order_key ON outbox (order_key);',
  // Which admin token opened a session (an HMAC of it): a new ADMIN_TOKEN ends every session, older ones included.
  `ALTER TABLE admin_sessions ADD COLUMN token_fingerprint text NOT NULL DEFAULT ''`,
];

/** Brings the schema up to date; safe when several instances start at once (an advisory lock). */
export async function migrate(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // One instance migrates; the others wait here, then find nothing left to do.
    await tx.query('SELECT pg_advisory_xact_lock(7263001)');
    await tx.query('CREATE TABLE IF NOT EXISTS migrations (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM migrations')).map((row) => row.id));
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (done.has(index + 1)) continue;
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO migrations (id) VALUES ($1)', [index + 1]);
    }
  });
}

/** The statements of a migration (split on `;` at line ends; no migration holds one inside a string). */
function splitStatements(sql: string): string[] {
  return sql.split(/;\s*$/m).map((part) => part.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean);
}
