/** Admin report: the last 7, 30 or 90 days, per dialogue (totals and rates) and per day, as contract §8 names them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, eventBody, post, testServer } from './helpers.js';

type Row = Record<string, number | string>;

describe.each(drivers)('admin report on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const report = async (query: string) => {
    const answer = await fetch(`${server.url}/admin/api/report${query}`, { headers: { Authorization: `Bearer ${server.token}` } });
    return { status: answer.status, body: await answer.json() as { dialogues: Row[]; daily: Row[] } & { error?: { path: string } } };
  };

  beforeAll(async () => {
    server = await testServer(driver);
    const at = (day: string) => ({ at: `${day}T10:00:00.000Z` });
    await post(`${server.url}/events`, [
      // Yesterday: two sessions of "demo", one engaged and completed with a goal; one session of "pricing".
      eventBody('y1', 'triggered', 'y-s1', at('2026-12-06')), eventBody('y2', 'engaged', 'y-s1', at('2026-12-06')),
      eventBody('y3', 'completed', 'y-s1', at('2026-12-06')), eventBody('y4', 'goal', 'y-s1', { ...at('2026-12-06'), goal: 'g' }),
      eventBody('y5', 'triggered', 'y-s2', at('2026-12-06')), eventBody('y6', 'acquired', 'y-s2', at('2026-12-06')),
      eventBody('y7', 'triggered', 'y-s3', { ...at('2026-12-06'), dialogueId: 'pricing' }),
      // 17 days ago, and 78 days ago.
      eventBody('m1', 'triggered', 'm-s1', at('2026-11-20')), eventBody('m2', 'meeting', 'm-s1', at('2026-11-20')),
      eventBody('q1', 'triggered', 'q-s1', at('2026-09-20')),
    ]);
  });
  afterAll(async () => { await server?.close(); });

  it('counts the last 7 days per dialogue with rates, and per day', async () => {
    const { status, body } = await report('?days=7');
    expect(status).toBe(200);
    expect(body.dialogues).toEqual([
      expect.objectContaining({ dialogueId: 'demo', triggered: 2, engaged: 1, completed: 1, acquired: 1, meetings: 0, goals: 1, engagementRate: 0.5, conversionRate: 0.5 }),
      expect.objectContaining({ dialogueId: 'pricing', triggered: 1, engaged: 0, engagementRate: 0, conversionRate: 0 }),
    ]);
    expect(body.daily).toEqual([
      { day: '2026-12-06', dialogueId: 'demo', triggered: 2, engaged: 1, completed: 1, acquired: 1, meetings: 0, goals: 1 },
      { day: '2026-12-06', dialogueId: 'pricing', triggered: 1, engaged: 0, completed: 0, acquired: 0, meetings: 0, goals: 0 },
    ]);
  });

  it('widens to 30 and 90 days, days in order', async () => {
    const month = (await report('?days=30')).body;
    expect(month.dialogues.find((d) => d.dialogueId === 'demo')).toMatchObject({ triggered: 3, meetings: 1 });
    expect(month.daily.map((d) => d.day)).toEqual(['2026-11-20', '2026-12-06', '2026-12-06']);
    const quarter = (await report('?days=90')).body;
    expect(quarter.dialogues.find((d) => d.dialogueId === 'demo')).toMatchObject({ triggered: 4 });
    expect(quarter.daily[0]).toEqual({ day: '2026-09-20', dialogueId: 'demo', triggered: 1, engaged: 0, completed: 0, acquired: 0, meetings: 0, goals: 0 });
    expect((await report('')).body).toEqual(quarter);
  });

  it.each(['0', '91', 'seven', '7.5', ''])('refuses days=%s with a path', async (days) => {
    const { status, body } = await report(`?days=${days}`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ message: expect.any(String), path: '/query/days' });
  });
});
