/**
 * The admin API of notifications (contract §8), mounted under /admin/api behind its sign-in:
 * webhook subscriptions and their deliveries, the email queue and an SMTP test.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { listDeliveries, pendingDeliveries, requeue, emailQueueState } from '../db/outbox.js';
import { deleteWebhook, insertWebhook, listWebhooks } from '../db/webhooks.js';
import type { ServerContext } from '../services/context.js';
import { WEBHOOK_EVENTS } from '../services/notifications.js';
import { integer, objectAt, text } from './input.js';
import { Problem } from './problem.js';
import { jsonBody } from './public-routes.js';

/** Attempts per page of GET /webhooks/deliveries. */
const DELIVERIES_PAGE = 100;

/** The notification routes. */
export function notifyRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.post('/webhooks', async (c) => {
    const o = objectAt(await jsonBody(c), '', ['url', 'secret', 'events']);
    const url = webhookUrl(o.url);
    const secret = text(o.secret, '/secret', 200);
    if (secret.length < 8) throw new Problem(400, 'Use a secret of at least 8 characters.', '/secret');
    if (!Array.isArray(o.events) || o.events.length === 0) throw new Problem(400, `Expected a list of events: ${WEBHOOK_EVENTS.join(', ')}.`, '/events');
    const events = o.events.map((event, i) => {
      if (!(WEBHOOK_EVENTS as readonly unknown[]).includes(event)) throw new Problem(400, `Unknown event; expected one of ${WEBHOOK_EVENTS.join(', ')}.`, `/events/${i}`);
      return event as string;
    });
    const id = `wh_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await insertWebhook(ctx.db, { id, url, secret, events: [...new Set(events)] });
    return c.json({ id }, 201);
  });

  app.get('/webhooks', async (c) => c.json({ webhooks: await listWebhooks(ctx.db) }));

  app.get('/webhooks/deliveries', async (c) => {
    const webhookId = c.req.query('webhookId') ? text(c.req.query('webhookId'), '/query/webhookId', 100) : null;
    const cursor = c.req.query('cursor') ? String(integer(c.req.query('cursor'), '/query/cursor', 1, Number.MAX_SAFE_INTEGER)) : null;
    const rows = await listDeliveries(ctx.db, webhookId, cursor, DELIVERIES_PAGE + 1);
    const page = rows.slice(0, DELIVERIES_PAGE);
    return c.json({
      // Queued and never tried yet: no attempt to show, but the dashboard says they are coming.
      pending: cursor ? [] : await pendingDeliveries(ctx.db, webhookId, DELIVERIES_PAGE),
      deliveries: page,
      ...(rows.length > DELIVERIES_PAGE ? { next: page[page.length - 1].id } : {}),
    });
  });

  app.post('/webhooks/deliveries/:id/redeliver', async (c) => {
    const id = String(integer(c.req.param('id'), '/id', 1, Number.MAX_SAFE_INTEGER));
    const result = await requeue(ctx.db, id);
    if (result === 'missing') throw new Problem(404, `No webhook delivery ${id}.`, '/id');
    if (result === 'leased') throw new Problem(409, `Webhook delivery ${id} is being attempted right now; redeliver it once that attempt has finished.`, '/id');
    ctx.notify.nudge();
    return c.json({ queued: true }, 202);
  });

  app.delete('/webhooks/:id', async (c) => {
    const id = text(c.req.param('id'), '/id', 100);
    if (!(await deleteWebhook(ctx.db, id))) throw new Problem(404, `No webhook ${id}.`, '/id');
    return c.body(null, 204);
  });

  app.get('/email', async (c) => {
    const state = await emailQueueState(ctx.db);
    return c.json({ configured: ctx.notify.mailer !== null, smtp: ctx.notify.smtpUrl, from: ctx.notify.mailer?.from ?? null, ...state });
  });

  app.post('/email/test', async (c) => {
    const o = objectAt(await jsonBody(c), '', ['to']);
    const to = text(o.to, '/to', 254);
    if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(to)) throw new Problem(400, 'Expected an email address.', '/to');
    const mailer = ctx.notify.mailer;
    if (!mailer) throw new Problem(409, 'Email is not set up: start the server with SMTP_URL (e.g. smtps://user:password@smtp.example.com:465).');
    try {
      const messageId = await mailer.send({
        from: { name: 'dynamic-chat', address: mailer.from ?? 'no-reply@localhost' }, to,
        subject: 'dynamic-chat: test email', text: 'Email from your dynamic-chat server works: invitations will be sent this way.\n',
      });
      return c.json({ sent: true, messageId });
    } catch (error) {
      // The SMTP server's own answer is what the site owner needs to fix the settings.
      throw new Problem(502, `The SMTP server refused: ${(error as Error).message}`);
    }
  });

  return app;
}

/** An absolute http(s) URL without credentials. */
function webhookUrl(value: unknown): string {
  const raw = text(value, '/url', 2000);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Problem(400, 'Expected an absolute URL (https://…).', '/url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Problem(400, 'Webhook URLs are http:// or https://.', '/url');
  if (url.username || url.password) throw new Problem(400, 'Put no credentials in the URL; the signature authenticates requests.', '/url');
  return url.toString();
}
