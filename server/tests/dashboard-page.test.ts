// The dashboard's page and script as the server serves them: one page for every dashboard path,
// under the strict CSP, with no inline script or style; the script is the bundle of server/admin/,
// cached by its hash; a signed-in page carries the session's CSRF token and starts the overview's report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './helpers.js';

describe('the dashboard page', () => {
  let server: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    server = await testServer('pglite');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves one page for every dashboard path, under a CSP without inline script or style', async () => {
    for (const path of ['/admin', '/admin/', '/admin/overview', '/admin/leads', '/admin/meetings', '/admin/routing', '/admin/flow', '/admin/settings']) {
      const answer = await fetch(server.url + path);
      expect(answer.status, path).toBe(200);
      const csp = answer.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await answer.text();
      expect(html).toMatch(/<script type="module" src="\/admin\/app\.js\?v=[\w-]+"><\/script>/);
      // Every script has a src, and nothing carries a style attribute or element.
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
      expect(html).not.toMatch(/<style|\sstyle=/);
      expect(html).toContain('<dc-admin data-csrf-token="">');
    }
    expect((await fetch(`${server.url}/admin/nothing`)).status).toBe(404);
  });

  it('serves the bundled script, cached for good under its hash', async () => {
    const html = await (await fetch(`${server.url}/admin`)).text();
    const src = html.match(/src="(\/admin\/app\.js\?v=[\w-]+)"/)![1];
    const answer = await fetch(server.url + src);
    expect(answer.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(answer.headers.get('cache-control')).toContain('immutable');
    const js = await answer.text();
    expect(js).toContain('dc-admin');
    expect(js.length).toBeGreaterThan(20_000);
    const again = await fetch(server.url + src, { headers: { 'If-None-Match': answer.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('gives a signed-in page its CSRF token and starts the overview report early; other pages do not preload', async () => {
    const signIn = await fetch(`${server.url}/admin/api/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ token: server.token }),
    });
    const { csrfToken } = await signIn.json() as { csrfToken: string };
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const overview = await (await fetch(`${server.url}/admin`, { headers: { cookie } })).text();
    expect(overview).toContain(`<dc-admin data-csrf-token="${csrfToken}">`);
    expect(overview).toContain('<link rel="preload" href="/admin/api/report?days=30" as="fetch" crossorigin="anonymous">');
    const leads = await (await fetch(`${server.url}/admin/leads`, { headers: { cookie } })).text();
    expect(leads).toContain(`data-csrf-token="${csrfToken}"`);
    expect(leads).not.toContain('rel="preload"');
    // A forged cookie is no session.
    expect(await (await fetch(`${server.url}/admin`, { headers: { cookie: 'dc_admin_session=forged' } })).text()).toContain('data-csrf-token=""');
  });
});
