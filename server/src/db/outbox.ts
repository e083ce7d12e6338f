/**
 * SQL for the outbox: emails and webhook deliveries queued with what caused them, claimed by one
 * instance at a time (FOR UPDATE SKIP LOCKED and a lease), each attempt logged.
 */
import type { Queryable } from './db.js';

/** One item to queue. */
export interface OutboxItem {
  /** 'email', or the webhook's id. */
  channel: string;
  eventId: string;
  /** The webhook event type, or the kind of email. */
  type: string;
  leadId: string | null;
  /** The person's email (erasing them by email finds it). */
  email: string | null;
  /** Webhook items of one lead go out in order (stored as `lead:<id>`); without a lead, and for emails, items with this key do. */
  orderKey: string;
  /** The webhook body, or the email's data, as JSON text. */
  payload: string;
}

/** Queues items in the caller's transaction; returns how many. */
export async function insertOutbox(tx: Queryable, items: OutboxItem[]): Promise<number> {
  if (!items.length) return 0;
  const [row] = await tx.query<{ n: number }>(
    `WITH ins AS (INSERT INTO outbox (channel, webhook_id, event_id, type, lead_id, email, order_key, payload)
       SELECT i->>'channel', CASE WHEN i->>'channel' = 'email' THEN NULL ELSE i->>'channel' END, i->>'eventId', i->>'type',
              (i->>'leadId')::bigint, i->>'email',
              -- Emails keep their own key (one line per recipient and meeting); webhooks of a lead share its line.
              CASE WHEN i->>'channel' = 'email' THEN i->>'orderKey' ELSE COALESCE('lead:' || (i->>'leadId'), i->>'orderKey') END, i->>'payload'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(i, n) ORDER BY n RETURNING 1)
     SELECT count(*)::int AS n FROM ins`, [JSON.stringify(items)]);
  return row.n;
}

/** A claimed item, leased to this worker. */
export interface ClaimedItem {
  id: string; channel: string; webhookId: string | null; eventId: string; type: string; payload: string; attempts: number; createdAt: string;
}

/**
 * Leases up to `limit` due items for `leaseMs` under `token`: only the first queued item of a lead
 * (per channel) is due, so a later one waits for the earlier one; rows another instance is claiming
 * are skipped, and an expired lease (a crashed worker) makes an item due again. Emails only when `emails`.
 */
export async function claimOutbox(db: Queryable, limit: number, leaseMs: number, token: string, emails: boolean): Promise<ClaimedItem[]> {
  const rows = await db.query<ClaimedItem & { createdAt: Date | string }>(
    `WITH due AS (
       SELECT o.id FROM outbox o
       WHERE o.state = 'queued' AND o.next_at <= now() AND (o.lease_until IS NULL OR o.lease_until < now())
         AND ($4 OR o.channel <> 'email')
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.state = 'queued' AND p.channel = o.channel AND p.order_key = o.order_key AND p.id < o.id)
       ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET lease_until = now() + make_interval(secs => $2::double precision / 1000), lease_token = $3,
       -- The retry window opens at the first attempt: time spent waiting behind an earlier item of the lead does not count.
       window_start = CASE WHEN o.attempts = 0 THEN now() ELSE o.window_start END
     FROM due WHERE o.id = due.id
     RETURNING o.id::text AS id, o.channel, o.webhook_id AS "webhookId", o.event_id AS "eventId", o.type, o.payload, o.attempts,
               o.created_at AS "createdAt"`, [limit, leaseMs, token, emails]);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() })).sort((a, b) => Number(a.id) - Number(b.id));
}

/** The outcome of one attempt. */
export interface Attempt { statusCode: number | null; error: string | null; durationMs: number }

/** Marks a leased item sent and logs the attempt; false when the lease was lost meanwhile. */
export async function markSent(db: Queryable, id: string, token: string, attempt: Attempt): Promise<boolean> {
  const rows = await db.query(
    `WITH upd AS (UPDATE outbox SET state = 'sent', sent_at = now(), attempts = attempts + 1, lease_until = NULL, lease_token = NULL, last_error = NULL
                  WHERE id = $1 AND lease_token = $2 RETURNING id)
     INSERT INTO deliveries (outbox_id, status_code, error, duration_ms) SELECT id, $3, NULL, $4 FROM upd RETURNING 1`,
    [id, token, attempt.statusCode, attempt.durationMs]);
  return rows.length > 0;
}

/**
 * Logs a failed attempt and schedules the next one `retryMs` later, or gives the item up when that
 * would fall more than `giveUpMs` after its first attempt (or its redelivery), or at once when the
 * failure is `permanent`; returns the new state.
 */
export async function markFailed(db: Queryable, id: string, token: string, attempt: Attempt, retryMs: number, giveUpMs: number, permanent = false): Promise<'queued' | 'given-up' | null> {
  const [row] = await db.query<{ state: 'queued' | 'given-up' }>(
    `WITH upd AS (
       UPDATE outbox SET attempts = attempts + 1, last_error = $3, lease_until = NULL, lease_token = NULL,
         next_at = now() + make_interval(secs => $6::double precision / 1000),
         state = CASE WHEN $8 OR now() + make_interval(secs => $6::double precision / 1000) > window_start + make_interval(secs => $7::double precision / 1000)
                      THEN 'given-up' ELSE 'queued' END
       WHERE id = $1 AND lease_token = $2 RETURNING id, state, next_at),
     log AS (INSERT INTO deliveries (outbox_id, status_code, error, duration_ms, next_at)
             SELECT id, $4, $3, $5, CASE WHEN state = 'queued' THEN next_at END FROM upd)
     SELECT state FROM upd`,
    [id, token, attempt.error, attempt.statusCode, attempt.durationMs, retryMs, giveUpMs, permanent]);
  return row?.state ?? null;
}

/** Gives a leased item back without counting an attempt (the worker is stopping). */
export async function releaseLease(db: Queryable, id: string, token: string): Promise<void> {
  await db.query('UPDATE outbox SET lease_until = NULL, lease_token = NULL WHERE id = $1 AND lease_token = $2', [id, token]);
}

/**
 * Queues a webhook delivery again now, with a fresh retry window: 'missing' when there is no such
 * delivery, 'leased' (nothing changed) while an attempt holds it, which must not be sent twice.
 */
export async function requeue(db: Queryable, id: string): Promise<'queued' | 'leased' | 'missing'> {
  const rows = await db.query(
    `UPDATE outbox SET state = 'queued', next_at = now(), window_start = now()
     WHERE id = $1 AND channel <> 'email' AND (lease_until IS NULL OR lease_until < now()) RETURNING 1`, [id]);
  if (rows.length) return 'queued';
  return (await db.query("SELECT 1 FROM outbox WHERE id = $1 AND channel <> 'email'", [id])).length ? 'leased' : 'missing';
}

/**
 * Moves a session's items queued before it had a lead into the lead's line: erasing the lead then
 * finds them, and they go out in order with the lead's later items (a goal before lead.captured).
 */
export async function adoptSessionOutbox(tx: Queryable, sessionId: string, leadId: string): Promise<void> {
  await tx.query(`UPDATE outbox SET lead_id = $2::bigint, order_key = 'lead:' || $2::text WHERE order_key = 'session:' || $1::text`, [sessionId, leadId]);
}

/**
 * Deletes every outbox item of these leads, this email, these sessions or these meetings, queued
 * or sent: they hold personal data.
 */
export async function deleteOutboxOf(tx: Queryable, leadIds: string[], email: string | null, sessionIds: string[] = [], meetingIds: string[] = []): Promise<{ emails: number; webhooks: number }> {
  // A meeting's webhooks are keyed `meeting:<id>`, its emails `meeting:<id>:<recipient>`.
  const keys = [...sessionIds.map((id) => `session:${id}`), ...meetingIds.flatMap((id) => [`meeting:${id}`, `meeting:${id}:visitor`, `meeting:${id}:agent`])];
  const [row] = await tx.query<{ emails: number; webhooks: number }>(
    `WITH gone AS (DELETE FROM outbox WHERE lead_id = ANY($1::bigint[]) OR ($2::text IS NOT NULL AND email = $2::text) OR order_key = ANY($3::text[])
                   RETURNING channel, state)
     SELECT count(*) FILTER (WHERE channel = 'email' AND state = 'queued')::int AS emails,
            count(*) FILTER (WHERE channel <> 'email' AND state = 'queued')::int AS webhooks FROM gone`, [leadIds, email, keys]);
  return row;
}

/** The email queue for the admin: queued and sent counts, the last attempt's error if it failed, and emails given up with the newest one's error. */
export async function emailQueueState(db: Queryable): Promise<{ queued: number; sent: number; givenUp: number; givenUpError: string | null; lastError: string | null; lastAttemptAt: string | null }> {
  const [row] = await db.query<{ queued: number; sent: number; givenUp: number; givenUpError: string | null; lastError: string | null; lastAttemptAt: Date | string | null }>(
    `SELECT (SELECT count(*)::int FROM outbox WHERE channel = 'email' AND state = 'queued') AS queued,
            (SELECT count(*)::int FROM outbox WHERE channel = 'email' AND state = 'sent') AS sent,
            (SELECT count(*)::int FROM outbox WHERE channel = 'email' AND state = 'given-up') AS "givenUp",
            (SELECT last_error FROM outbox WHERE channel = 'email' AND state = 'given-up' ORDER BY id DESC LIMIT 1) AS "givenUpError",
            last.error AS "lastError", last.at AS "lastAttemptAt"
     FROM (SELECT 1) one LEFT JOIN LATERAL (
       SELECT d.error, d.at FROM deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.channel = 'email' ORDER BY d.id DESC LIMIT 1) last ON true`);
  return { ...row, lastAttemptAt: row.lastAttemptAt === null ? null : new Date(row.lastAttemptAt).toISOString() };
}

/** One attempt as the deliveries list shows it. */
export interface DeliveryRow {
  id: string; deliveryId: string; webhookId: string; eventId: string; type: string; at: string; statusCode: number | null;
  error: string | null; nextRetryAt: string | null; state: 'queued' | 'sent' | 'given-up'; attempts: number;
}

/** Webhook delivery attempts, newest first, `limit` at a time before attempt `cursor`; optionally of one webhook. */
export async function listDeliveries(db: Queryable, webhookId: string | null, cursor: string | null, limit: number): Promise<DeliveryRow[]> {
  const rows = await db.query<DeliveryRow & { at: Date | string; nextRetryAt: Date | string | null }>(
    `SELECT d.id::text AS id, o.id::text AS "deliveryId", o.webhook_id AS "webhookId", o.event_id AS "eventId", o.type, d.at,
            d.status_code AS "statusCode", d.error, d.next_at AS "nextRetryAt", o.state, o.attempts
     FROM deliveries d JOIN outbox o ON o.id = d.outbox_id
     WHERE o.channel <> 'email' AND ($1::text IS NULL OR o.webhook_id = $1) AND ($2::bigint IS NULL OR d.id < $2::bigint)
     ORDER BY d.id DESC LIMIT $3`, [webhookId, cursor, limit]);
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString(), nextRetryAt: row.nextRetryAt === null ? null : new Date(row.nextRetryAt).toISOString() }));
}

/** Webhook deliveries not attempted yet (queued, never tried), oldest first, for the deliveries list. */
export async function pendingDeliveries(db: Queryable, webhookId: string | null, limit: number): Promise<Array<{ deliveryId: string; webhookId: string; eventId: string; type: string; nextAttemptAt: string }>> {
  const rows = await db.query<{ deliveryId: string; webhookId: string; eventId: string; type: string; nextAttemptAt: Date | string }>(
    `SELECT id::text AS "deliveryId", webhook_id AS "webhookId", event_id AS "eventId", type, next_at AS "nextAttemptAt" FROM outbox
     WHERE channel <> 'email' AND state = 'queued' AND attempts = 0 AND ($1::text IS NULL OR webhook_id = $1) ORDER BY id LIMIT $2`, [webhookId, limit]);
  return rows.map((row) => ({ ...row, nextAttemptAt: new Date(row.nextAttemptAt).toISOString() }));
}

/** Deletes sent and given-up items (and their attempts) created more than `days` days before `now`; returns how many. */
export async function deleteOutboxBefore(db: Queryable, days: number, now: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM outbox WHERE state <> 'queued' AND created_at < $1::timestamptz - make_interval(days => $2::int) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`, [now.toISOString(), days]);
  return row.n;
}
