import { describe, expect, it } from 'vitest';
import { httpAdapter } from '../../../src/adapters/http.js';
import { memoryStorage } from '../../../src/platform/storage.js';
import { VISITOR_KEY } from '../../../src/platform/storage-keys.js';

/** A fetch that records URLs and answers with `status` and `body`. */
function backend(status: number, body: unknown) {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { urls, fetch: fetch as typeof globalThis.fetch };
}

describe('httpAdapter identify (GET /identify)', () => {
  it('asks the server about the widget\'s visitor id and returns the known lead', async () => {
    const storage = memoryStorage();
    storage.setItem('dc:visitor', 'v 42');
    const server = backend(200, { lead: { email: 'ada@example.com', firstName: 'Ada' } });
    const adapter = httpAdapter({ endpoint: 'https://api.example/chat/', fetch: server.fetch, storage, locks: null });
    expect(await adapter.identify!()).toEqual({ email: 'ada@example.com', firstName: 'Ada' });
    expect(server.urls).toContain('https://api.example/chat/identify?visitorId=v+42');
    adapter.dispose();
  });

  it('returns null for an unknown visitor, for a first visit without asking, and for a backend without /identify', async () => {
    const storage = memoryStorage();
    const none = backend(200, { lead: null });
    const first = httpAdapter({ endpoint: 'https://api.example', fetch: none.fetch, storage, locks: null });
    expect(await first.identify!()).toBeNull();
    expect(none.urls.filter((url) => url.includes('/identify'))).toEqual([]);
    first.dispose();

    storage.setItem('dc:visitor', 'v-1');
    const unknown = httpAdapter({ endpoint: 'https://api.example', fetch: none.fetch, storage, locks: null });
    expect(await unknown.identify!()).toBeNull();
    unknown.dispose();

    const old = httpAdapter({ endpoint: 'https://api.example', fetch: backend(404, { error: { message: 'No route' } }).fetch, storage, locks: null });
    expect(await old.identify!()).toBeNull();
    old.dispose();
  });

  it('rejects an unreadable answer', async () => {
    const storage = memoryStorage();
    storage.setItem('dc:visitor', 'v-1');
    const adapter = httpAdapter({ endpoint: 'https://api.example', fetch: backend(200, { lead: 'yes' }).fetch, storage, locks: null });
    await expect(adapter.identify!()).rejects.toMatchObject({ code: 'bad-response' });
    adapter.dispose();
  });

  it('asks once per session: a later page (another adapter on the same sessionStorage) reads the answer, a new visitor id asks again', async () => {
    const storage = memoryStorage();
    const session = memoryStorage();
    storage.setItem(VISITOR_KEY, 'v-7');
    const server = backend(200, { lead: { email: 'ada@example.com' } });
    for (let page = 0; page < 3; page++) {
      const adapter = httpAdapter({ endpoint: 'https://api.example', fetch: server.fetch, storage, session, locks: null });
      expect(await adapter.identify!()).toEqual({ email: 'ada@example.com' });
      adapter.dispose();
    }
    expect(server.urls.filter((url) => url.includes('/identify'))).toHaveLength(1);
    storage.setItem(VISITOR_KEY, 'v-8');
    const next = httpAdapter({ endpoint: 'https://api.example', fetch: backend(200, { lead: null }).fetch, storage, session, locks: null });
    expect(await next.identify!()).toBeNull();
    next.dispose();
  });
});
