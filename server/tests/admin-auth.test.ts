/** Dashboard sign-in: session cookie, CSRF token and same-origin check on changes, Bearer for scripts, expiry, sign-out, CSP, failed sign-ins limited. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { drivers, NOW, testFlow, testServer } from './helpers.js';

/** A signed-in dashboard: its cookie header and CSRF token. */
interface Dashboard { cookie: string; csrfToken: string }

describe.each(drivers)('admin sign-in on %s', (driver) => {
  let server: Awaited<ReturnType<typeof testServer>>;
  let clock = NOW;
  beforeAll(async () => { server = await testServer(driver, { now: () => clock }); });
  afterAll(async () => { await server?.close(); });

  const signIn = async (token = server.token): Promise<Response> => fetch(`${server.url}/admin/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ token }),
  });
  const dashboard = async (): Promise<Dashboard> => {
    const answer = await signIn();
    const cookie = answer.headers.get('set-cookie')!.split(';')[0];
    return { cookie, csrfToken: (await answer.json() as { csrfToken: string }).csrfToken };
  };
  /** A call as the dashboard's page makes it: the cookie, its own Origin, and the CSRF header unless left out. */
  const call = (path: string, d: Dashboard, init: RequestInit & { csrf?: string | null; origin?: string | null } = {}) => fetch(`${server.url}/admin/api${path}`, {
    ...init,
    headers: {
      Cookie: d.cookie, 'Content-Type': 'application/json', ...(init.origin === null ? {} : { Origin: init.origin ?? server.url }),
      ...(init.csrf === null ? {} : { 'X-CSRF-Token': init.csrf ?? d.csrfToken }), ...init.headers,
    },
  });
  const publish = (d: Dashboard, init: Parameters<typeof call>[2] = {}) => call('/flow', d, { method: 'PUT', body: JSON.stringify(testFlow), ...init });

  it('signs in with the admin token: an HttpOnly, SameSite=Strict cookie on /admin, and a CSRF token', async () => {
    const answer = await signIn();
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^dc_admin_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin');
    expect(cookie).toMatch(/Max-Age=43200/);
    const body = await answer.json() as { csrfToken: string; expiresAt: string };
    expect(body).toEqual({ via: 'session', csrfToken: expect.stringMatching(/^[\w-]{40,}$/), expiresAt: '2026-12-07T12:00:00.000Z' });
    // The database holds a hash, never the cookie's id.
    const id = cookie.split(';')[0].split('=')[1];
    expect(JSON.stringify(await server.db.query('SELECT * FROM admin_sessions'))).not.toContain(id);
  });

  it('refuses a wrong token with 401 and a path, and sets no cookie', async () => {
    const answer = await signIn('not-the-token');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(await answer.json()).toEqual({ error: { message: 'Wrong admin token.', path: '/token' } });
    const empty = await fetch(`${server.url}/admin/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"token":5}' });
    expect(await empty.json()).toEqual({ error: { message: 'Expected a string.', path: '/token' } });
  });

  it('answers 401 without a cookie or a Bearer header, and for a forged cookie', async () => {
    const none = await fetch(`${server.url}/admin/api/flows`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { message: expect.stringMatching(/sign in/i) } });
    expect((await call('/flows', { cookie: 'dc_admin_session=forged', csrfToken: 'x' })).status).toBe(401);
  });

  it('tells who is signed in and gives the same CSRF token again (after a reload)', async () => {
    const d = await dashboard();
    expect(await (await call('/session', d, { csrf: null })).json()).toEqual({ via: 'session', csrfToken: d.csrfToken, expiresAt: expect.any(String) });
    expect(await (await fetch(`${server.url}/admin/api/session`, { headers: { Authorization: `Bearer ${server.token}` } })).json()).toEqual({ via: 'bearer' });
    expect((await call('/flows', d, { csrf: null })).status).toBe(200);
  });

  it('refuses a change made with the cookie but no CSRF token, a wrong one, or one from another session', async () => {
    const d = await dashboard();
    const other = await dashboard();
    for (const csrf of [null, 'wrong', other.csrfToken]) {
      const answer = await publish(d, { csrf });
      expect(answer.status).toBe(403);
      expect(await answer.json()).toEqual({ error: { message: expect.stringMatching(/X-CSRF-Token/), path: '/headers/x-csrf-token' } });
    }
    expect((await server.db.query('SELECT 1 FROM flows')).length).toBe(1);
    expect((await publish(d)).status).toBe(200);
  });

  it('refuses a change with the cookie from another origin, even with the token, and a cross-site form post', async () => {
    const d = await dashboard();
    const evil = await publish(d, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: { message: expect.any(String), path: '/headers/origin' } });
    const site = await publish(d, { origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(site.status).toBe(403);
    const form = await call('/flow', d, { method: 'PUT', csrf: null, origin: 'https://evil.example', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(403);
    expect(await form.json()).toMatchObject({ error: { path: '/headers/origin' } });
    const signInForm = await fetch(`${server.url}/admin/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' }, body: 'token=x' });
    expect(signInForm.status).toBe(403);
  });

  it.each([
    ['PUT', '/flow'], ['POST', '/flow/check'], ['POST', '/flows/1/restore'], ['DELETE', '/leads/pat%40example.com'],
    ['PATCH', '/meetings/m-1'], ['PUT', '/queue'], ['PATCH', '/agents/ana'], ['DELETE', '/session'],
    ['POST', '/webhooks'], ['DELETE', '/webhooks/wh_1'], ['POST', '/webhooks/deliveries/1/redeliver'], ['POST', '/email/test'],
  ])('refuses %s %s with the cookie but without the CSRF token', async (method, path) => {
    const d = await dashboard();
    const answer = await call(path, d, { method, csrf: null, body: '{}' });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: { message: expect.any(String), path: '/headers/x-csrf-token' } });
  });

  it('lets scripts change things with the Bearer header alone (no CSRF token, no Origin)', async () => {
    const answer = await fetch(`${server.url}/admin/api/flow`, { method: 'PUT', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(testFlow) });
    expect(answer.status).toBe(200);
  });

  it('signs out: the cookie is cleared and no longer works', async () => {
    const d = await dashboard();
    const out = await call('/session', d, { method: 'DELETE' });
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ signedOut: true });
    expect(out.headers.get('set-cookie')).toMatch(/^dc_admin_session=;.*Max-Age=0/);
    expect((await call('/session', d, { csrf: null })).status).toBe(401);
  });

  it('ends a session 12 hours after sign-in', async () => {
    const d = await dashboard();
    clock = new Date(NOW.getTime() + 12 * 3_600_000 - 1000);
    expect((await call('/flows', d, { csrf: null })).status).toBe(200);
    clock = new Date(NOW.getTime() + 12 * 3_600_000);
    const expired = await call('/flows', d, { csrf: null });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: { message: expect.stringMatching(/expired/) } });
    expect((await publish(d)).status).toBe(401);
    clock = NOW;
  });

  it('serves /admin with a strict Content-Security-Policy and nothing cached', async () => {
    for (const path of ['/admin/api/session', '/admin/api/flows', '/admin/']) {
      const answer = await fetch(`${server.url}${path}`);
      const csp = answer.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
    expect((await fetch(`${server.url}/admin/api/flows`)).headers.get('cache-control')).toBe('no-store');
  });
});

describe('a changed admin token', () => {
  it('ends the sessions opened with the old token (the page and the API treat them as signed out)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dc-token-'));
    const start = (adminToken: string) => startServer({ dataDir, adminToken, flow: testFlow, now: () => NOW, log: () => undefined });
    const before = await start('the-old-admin-token');
    const answer = await fetch(`${before.url}/admin/api/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: before.url }, body: JSON.stringify({ token: 'the-old-admin-token' }),
    });
    const cookie = answer.headers.get('set-cookie')!.split(';')[0];
    expect((await fetch(`${before.url}/admin/api/flows`, { headers: { Cookie: cookie } })).status).toBe(200);
    await before.close();
    // The operator rotates ADMIN_TOKEN (a leaked one, say) and restarts.
    const after = await start('the-new-admin-token');
    try {
      const refused = await fetch(`${after.url}/admin/api/flows`, { headers: { Cookie: cookie } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: { message: expect.stringMatching(/admin token has changed/) } });
      expect(await (await fetch(`${after.url}/admin`, { headers: { Cookie: cookie } })).text()).toContain('data-csrf-token=""');
    } finally {
      await after.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('failed sign-ins', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => { server = await testServer('pglite', { signInFailures: 3 }); });
  afterAll(async () => { await server?.close(); });

  it('refuses every sign-in from an address with 429 after too many wrong tokens, Bearer included', async () => {
    const signIn = (token: string) => fetch(`${server.url}/admin/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    expect((await signIn('a')).status).toBe(401);
    expect((await fetch(`${server.url}/admin/api/flows`, { headers: { Authorization: 'Bearer b' } })).status).toBe(401);
    expect((await signIn('c')).status).toBe(401);
    const locked = await signIn(server.token);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await locked.json()).toEqual({ error: { message: expect.stringMatching(/too many/i) } });
    expect((await fetch(`${server.url}/admin/api/flows`, { headers: { Authorization: `Bearer ${server.token}` } })).status).toBe(429);
  });
});
