/** Hostile input: a clear 4xx with `{ error: { message, path } }` and nothing stored; CORS; 429; security headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, fieldsBody, post, testServer } from './helpers.js';

describe('hostile input', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  const logged: string[] = [];
  beforeAll(async () => {
    server = await testServer('pglite', { allowedOrigins: ['https://shop.example'], rateLimitPerMinute: 40, accessLog: true, log: (line) => logged.push(line) });
  });
  afterAll(async () => { await server?.close(); });

  const stored = async () => Number((await server.db.query<{ n: number }>('SELECT (SELECT count(*) FROM fields) + (SELECT count(*) FROM events) + (SELECT count(*) FROM meetings) AS n'))[0].n);

  it.each([
    ['a body over the size limit', () => post(`${server.url}/fields`, fieldsBody('big', { note: 'x'.repeat(70_000) }), 'big'), 413, '/body'],
    ['an unknown field', () => post(`${server.url}/fields`, { ...fieldsBody('u', { a: 'b' }), admin: true }, 'u'), 400, '/admin'],
    ['a value over its length limit', () => post(`${server.url}/fields`, fieldsBody('l', { note: 'x'.repeat(2001) }), 'l'), 400, '/fields/note'],
    ['a field name that is not a name', () => post(`${server.url}/fields`, fieldsBody('n', { '<script>': 'x' }), 'n'), 400, '/fields/<script>'],
    ['a time that is not an instant', () => post(`${server.url}/fields`, fieldsBody('t', { a: 'b' }, 's', { at: 'yesterday' }), 't'), 400, '/at'],
    ['a key that differs from the header', () => post(`${server.url}/fields`, fieldsBody('k1', { a: 'b' }), 'k2'), 400, '/key'],
    ['an event of an unknown type', () => post(`${server.url}/events`, [eventBody('e', 'hacked')]), 400, '/0/type'],
    ['too many events in a batch', () => post(`${server.url}/events`, Array.from({ length: 101 }, (_, i) => eventBody(`e${i}`, 'triggered'))), 400, '/'],
    ['not JSON', () => post(`${server.url}/events`, '{"type":'), 400, '/body'],
    ['a bad time zone', () => fetch(`${server.url}/slots?dialogueId=demo&agentIds=&durationMinutes=30&from=2026-12-07T00:00:00Z&to=2026-12-08T00:00:00Z&timeZone=Mars/Olympus`), 400, '/query/timeZone'],
    ['a slot window of a year', () => fetch(`${server.url}/slots?dialogueId=demo&agentIds=&durationMinutes=30&from=2026-12-07T00:00:00Z&to=2027-12-08T00:00:00Z&timeZone=UTC`), 400, '/query/to'],
    ['a slot not in the offer', () => post(`${server.url}/meetings`, { sessionId: 's', dialogueId: 'demo', key: 'm', lead: {}, slot: { start: '2026-12-12T10:00:00Z', end: '2026-12-12T10:30:00Z', agentIds: ['ana'] } }, 'm'), 422, '/slot'],
    ['an origin not in ALLOWED_ORIGINS', () => post(`${server.url}/fields`, fieldsBody('o', { a: 'b' }), 'o', { Origin: 'https://evil.example' }), 403, '/headers/origin'],
  ])('refuses %s with a clear 4xx and stores nothing', async (_name, send, status, path) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(await answer.json()).toEqual({ error: { message: expect.any(String), path } });
    expect(await stored()).toBe(0);
  });

  it('lets an allowed origin read answers (CORS) and gives no CORS header to another', async () => {
    const preflight = await fetch(`${server.url}/fields`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const other = await fetch(`${server.url}/flow.json`, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets security headers on every answer, errors included', async () => {
    for (const answer of [await fetch(`${server.url}/flow.json`), await fetch(`${server.url}/nowhere`)]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('strict-transport-security')).toBeTruthy();
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('answers 429 with Retry-After when one client sends too much', async () => {
    const answers = await Promise.all(Array.from({ length: 45 }, () => fetch(`${server.url}/identify?visitorId=v-flood`)));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited[0].json()).toEqual({ error: { message: expect.stringMatching(/too many/i) } });
  });

  it('writes no personal data to the log', async () => {
    expect(logged.length).toBeGreaterThan(0);
    const log = logged.join('\n');
    expect(log).not.toMatch(/@|v-flood|xxxxxxxx/);
  });
});
