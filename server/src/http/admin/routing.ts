/** Routing: the queue (who is next), reordering agents, pausing and resuming one. */
import { Hono } from 'hono';
import type { ServerContext } from '../../services/context.js';
import { pauseAgent, readQueue, reorderAgents } from '../../services/routing.js';
import { LIMITS, objectAt, text } from '../input.js';
import { Problem } from '../problem.js';
import { jsonBody } from '../public-routes.js';

/** The routing routes; each change answers with the queue as it is now. */
export function routingRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/queue', async (c) => c.json({ agents: await readQueue(ctx) }));

  app.put('/queue', async (c) => {
    const body = objectAt(await jsonBody(c), '', ['order']);
    if (!Array.isArray(body.order) || body.order.length > 500) throw new Problem(400, 'Expected a list of agent ids.', '/order');
    await reorderAgents(ctx, body.order.map((id, i) => text(id, `/order/${i}`, LIMITS.id)));
    return c.json({ agents: await readQueue(ctx) });
  });

  app.patch('/agents/:id', async (c) => {
    const id = text(c.req.param('id'), '/id', LIMITS.id);
    const body = objectAt(await jsonBody(c), '', ['paused']);
    if (typeof body.paused !== 'boolean') throw new Problem(400, 'Expected true or false.', '/paused');
    await pauseAgent(ctx, id, body.paused);
    return c.json({ agents: await readQueue(ctx) });
  });

  return app;
}
