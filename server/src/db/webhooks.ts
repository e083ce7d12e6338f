/** SQL for webhook subscriptions: a URL, its signing secret and the event types it wants. */
import type { Queryable } from './db.js';

/** A subscription as the delivery worker needs it. */
export interface WebhookTarget { id: string; url: string; secret: string }

/** A subscription as the admin list shows it (never the secret). */
export interface WebhookRow { id: string; url: string; events: string[]; createdAt: string; queued: number; givenUp: number }

/** Stores a subscription. */
export async function insertWebhook(db: Queryable, hook: { id: string; url: string; secret: string; events: string[] }): Promise<void> {
  await db.query('INSERT INTO webhooks (id, url, secret, events) VALUES ($1, $2, $3, $4::text[])', [hook.id, hook.url, hook.secret, hook.events]);
}

/** Every subscription, oldest first, with how many deliveries are queued or given up. */
export async function listWebhooks(db: Queryable): Promise<WebhookRow[]> {
  const rows = await db.query<WebhookRow & { createdAt: Date | string }>(
    `SELECT w.id, w.url, w.events, w.created_at AS "createdAt",
            (SELECT count(*)::int FROM outbox o WHERE o.webhook_id = w.id AND o.state = 'queued') AS queued,
            (SELECT count(*)::int FROM outbox o WHERE o.webhook_id = w.id AND o.state = 'given-up') AS "givenUp"
     FROM webhooks w ORDER BY w.created_at, w.id`);
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }));
}

/** Deletes a subscription and its queue; false when there is none. */
export async function deleteWebhook(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM webhooks WHERE id = $1 RETURNING 1', [id])).length > 0;
}

/** The subscriptions that want `type`, in a stable order. */
export async function webhooksFor(tx: Queryable, type: string): Promise<string[]> {
  return (await tx.query<{ id: string }>('SELECT id FROM webhooks WHERE $1 = ANY(events) ORDER BY id', [type])).map((row) => row.id);
}

/** The URL and secret of these subscriptions. */
export async function webhookTargets(db: Queryable, ids: string[]): Promise<Map<string, WebhookTarget>> {
  if (!ids.length) return new Map();
  const rows = await db.query<WebhookTarget>('SELECT id, url, secret FROM webhooks WHERE id = ANY($1::text[])', [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}
