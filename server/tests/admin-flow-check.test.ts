/** The flow dry run: every problem with its path and every change against the live version, nothing published; then PUT publishes. And the diff itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffFlows } from '../src/services/flow-diff.js';
import { drivers, testFlow, testServer } from './helpers.js';

const clone = <T>(value: T): T => structuredClone(value);
type Flow = { settings: Record<string, unknown>; agents: Array<Record<string, unknown>>; dialogues: Array<Record<string, unknown> & { cards: Record<string, Record<string, unknown>> }> };
const base = testFlow as unknown as Flow;

describe('diffFlows', () => {
  it('finds nothing between equal documents, whatever their key order', () => {
    const reordered = Object.fromEntries(Object.entries(clone(base)).reverse());
    expect(diffFlows(base, reordered)).toEqual([]);
  });

  it('names each added, removed and changed value by its path', () => {
    const next = clone(base);
    next.settings.botName = 'Bo';
    next.settings.autoOpen = true;
    delete next.dialogues[0].cards.bye;
    next.dialogues[0].cards.book.next = 'thanks';
    next.dialogues[0].cards.thanks = { type: 'end' };
    (next.agents[1].weekly as Record<string, unknown>).mon = [['10:00', '12:00']];
    expect(diffFlows(base, next)).toEqual([
      { path: '/settings/botName', kind: 'changed' },
      { path: '/settings/autoOpen', kind: 'added' },
      { path: '/agents/1/weekly/mon', kind: 'changed' },
      { path: '/dialogues/0/cards/book/next', kind: 'changed' },
      { path: '/dialogues/0/cards/thanks', kind: 'added' },
      { path: '/dialogues/0/cards/bye', kind: 'removed' },
    ]);
  });

  it('matches dialogues and agents by id: a move is one change at its new place, an insertion does not shift the rest', () => {
    const next = clone(base);
    next.agents = [next.agents[2], next.agents[0], next.agents[1]];
    next.dialogues.unshift({ ...clone(base.dialogues[0]), id: 'other' });
    expect(diffFlows(base, next)).toEqual([
      { path: '/agents/0', kind: 'changed' }, { path: '/agents/1', kind: 'changed' }, { path: '/agents/2', kind: 'changed' },
      { path: '/dialogues/0', kind: 'added' }, { path: '/dialogues/1', kind: 'changed' },
    ]);
    const removed = clone(base);
    removed.agents.splice(1, 1);
    expect(diffFlows(base, removed)).toEqual([{ path: '/agents/1', kind: 'changed' }, { path: '/agents/1', kind: 'removed' }]);
  });

  it('escapes keys as JSON pointers and is not fooled by inherited names', () => {
    const next = clone(base);
    next.dialogues[0].cards['a/b~c'] = { type: 'end' };
    Object.assign(next.settings, { constructor: 'x' });
    expect(diffFlows(base, next)).toEqual([{ path: '/settings/constructor', kind: 'added' }, { path: '/dialogues/0/cards/a~1b~0c', kind: 'added' }]);
  });
});

describe.each(drivers)('flow check on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const admin = (path: string, init: RequestInit = {}) => fetch(`${server.url}/admin/api${path}`, {
    ...init, headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const check = async (doc: unknown) => {
    const answer = await admin('/flow/check', { method: 'POST', body: JSON.stringify(doc) });
    expect(answer.status).toBe(200);
    return answer.json() as Promise<{ errors: Array<{ path: string; message: string }>; warnings: unknown[]; changes: Array<{ path: string; kind: string }>; against: number }>;
  };
  beforeAll(async () => { server = await testServer(driver); });
  afterAll(async () => { await server?.close(); });

  it('lists every problem of an invalid flow with its path and the changes, and publishes nothing', async () => {
    const bad = clone(base);
    bad.dialogues[0].cards.ask.next = 'nowhere';
    bad.dialogues[0].start = 'missing';
    const result = await check(bad);
    expect(result.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/dialogues/0/start', message: expect.any(String) }),
      expect.objectContaining({ path: '/dialogues/0/cards/ask/next', message: expect.any(String) }),
    ]));
    expect(result.changes).toEqual([{ path: '/dialogues/0/start', kind: 'changed' }, { path: '/dialogues/0/cards/ask/next', kind: 'changed' }]);
    expect(result.against).toBe(1);
    expect((await (await admin('/flows')).json() as { flows: unknown[] }).flows).toHaveLength(1);
  });

  it('lists no problems and the changes of a valid flow; PUT publishes it; checking it again finds no change', async () => {
    const next = clone(base);
    next.settings.botName = 'Bo';
    expect(await check(next)).toEqual({ errors: [], warnings: [], changes: [{ path: '/settings/botName', kind: 'changed' }], against: 1 });
    expect(await (await admin('/flow', { method: 'PUT', body: JSON.stringify(next) })).json()).toEqual({ version: 2 });
    expect(await check(next)).toEqual({ errors: [], warnings: [], changes: [], against: 2 });
    // A warning (an unreachable card) does not stop publishing; it is listed apart from the errors.
    next.dialogues[0].cards.spare = { type: 'end' };
    const warned = await check(next);
    expect(warned.errors).toEqual([]);
    expect(warned).toMatchObject({ warnings: [expect.objectContaining({ path: expect.stringContaining('/dialogues/0/cards/spare'), level: 'warning' })] });
  });

  it('serves the live version and any earlier one in full (private agent details included) for editing', async () => {
    const live = await (await admin('/flow')).json() as { version: number; doc: Flow };
    expect(live.version).toBe(2);
    expect(live.doc.settings.botName).toBe('Bo');
    expect(live.doc.agents[0].email).toBe('ana@example.com');
    const first = await (await admin('/flows/1')).json() as { version: number; doc: Flow; publishedAt: string };
    expect(first).toMatchObject({ version: 1, doc: { settings: { botName: 'Ava' } }, publishedAt: expect.any(String) });
    expect((await admin('/flows/99')).status).toBe(404);
    const bad = await admin('/flows/latest');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { message: expect.any(String), path: '/version' } });
  });

  it('refuses a body that is not JSON, and says so with a path', async () => {
    const text = await admin('/flow/check', { method: 'POST', body: 'version: 1', headers: { 'Content-Type': 'text/yaml' } });
    expect(text.status).toBe(415);
    const broken = await admin('/flow/check', { method: 'POST', body: '{"version":' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: { message: expect.any(String), path: '/body' } });
  });
});
