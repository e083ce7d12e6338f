/** The flow: the live version and every earlier one, a dry run (problems and changes), publishing and restoring. */
import { Hono } from 'hono';
import { validateFlow } from 'dynamic-chat/engine';
import { flowVersion, latestFlow, listFlows } from '../../db/flows.js';
import type { ServerContext } from '../../services/context.js';
import { diffFlows } from '../../services/flow-diff.js';
import { publishFlow, restoreFlow } from '../../services/flows.js';
import { integer } from '../input.js';
import { Problem } from '../problem.js';
import { jsonBody } from '../public-routes.js';

/** The flow routes. */
export function flowRoutes(ctx: ServerContext): Hono {
  const app = new Hono();

  app.get('/flow', async (c) => {
    const live = await latestFlow(ctx.db);
    if (!live) throw new Problem(404, 'No flow is published yet.');
    return c.json(live);
  });

  app.put('/flow', async (c) => {
    const published = await publishFlow(ctx.db, await jsonBody(c));
    if (!published.ok) return c.json({ errors: published.errors }, 422);
    return c.json({ version: published.version });
  });

  // A dry run: what PUT /flow would refuse, and what it would change in the live version.
  app.post('/flow/check', async (c) => {
    const doc = await jsonBody(c);
    const result = validateFlow(doc);
    const live = await latestFlow(ctx.db);
    const problems = result.ok ? result.warnings ?? [] : result.errors;
    return c.json({
      errors: problems.filter((problem) => problem.level !== 'warning'),
      // Unreachable cards, unknown keys and the like: worth a look, but they do not stop publishing.
      warnings: problems.filter((problem) => problem.level === 'warning'),
      changes: live ? diffFlows(live.doc, doc) : [{ path: '', kind: 'added' }],
      ...(live ? { against: live.version } : {}),
    });
  });

  app.get('/flows', async (c) => c.json({ flows: await listFlows(ctx.db) }));

  app.get('/flows/:version', async (c) => {
    const version = integer(c.req.param('version'), '/version', 1, 2 ** 31 - 1);
    const flow = await flowVersion(ctx.db, version);
    if (!flow) throw new Problem(404, `No flow version ${version}.`, '/version');
    return c.json(flow);
  });

  app.post('/flows/:version/restore', async (c) => {
    const version = integer(c.req.param('version'), '/version', 1, 2 ** 31 - 1);
    const restored = await restoreFlow(ctx.db, version);
    if (restored === null) throw new Problem(404, `No flow version ${version}.`, '/version');
    if (!restored.ok) return c.json({ errors: restored.errors }, 422);
    return c.json({ version: restored.version });
  });

  return app;
}
