// The demo's pure parts in Node: JSON positions for error lines, the graph layout, share links,
// snippets; and the backend switch in front of the reference server, as `npm run demo` sets it up.
import { readFileSync } from 'node:fs';
import { bypass } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../mocks/handlers.js';
import { startServer } from '../../server/src/server.js';
import type { Dialogue } from '../../src/engine/types.js';
import { layoutDialogue } from '../../demo/graph-layout.js';
import { lineOf, scanJson } from '../../demo/json-scan.js';
import { decodeFlowHash, encodeFlowHash } from '../../demo/share-codec.js';
import { npmSnippet, scriptTagSnippet } from '../../demo/snippets.js';

const northwind = readFileSync(new URL('../../demo/flows/northwind.json', import.meta.url), 'utf8');

describe('scanJson', () => {
  it('parses like JSON.parse and knows the line of every key and item', () => {
    const scanned = scanJson(northwind);
    if (!scanned.ok) throw new Error(scanned.message);
    expect(scanned.value).toEqual(JSON.parse(northwind));
    const lines = northwind.split('\n');
    const at = (path: string) => lines[lineOf(scanned.lines, path) - 1];
    expect(at('/dialogues/0/cards/need/options/1/next')).toContain('"See the docs"');
    expect(at('/dialogues/1/start')).toContain('"start": "welcome"');
    expect(at('/settings/theme/radius')).toContain('"radius": 14');
    expect(at('/agents/2')).toContain('"olu"');
  });

  it('falls back to the nearest existing parent for a missing key, and reads ~1 in card ids', () => {
    const text = '{\n  "cards": {\n    "a/b": {\n      "type": "message"\n    }\n  }\n}';
    const scanned = scanJson(text);
    if (!scanned.ok) throw new Error(scanned.message);
    expect(lineOf(scanned.lines, '/cards/a~1b/text')).toBe(3);
    expect(lineOf(scanned.lines, '/nothing/here')).toBe(1);
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 'Expected'],
    ['{\n  "a": [1, 2,]\n}', 2, 'Trailing comma'],
    ['{\n  "a": "x\ny"\n}', 2, 'Line break'],
    ['{"a": tru}', 1, 'Unexpected'],
    ['{"a": 1} x', 1, 'after the end'],
    ['', 1, 'end of the document'],
  ])('reports where %j stops being JSON', (text, line, message) => {
    const scanned = scanJson(text);
    expect(scanned.ok).toBe(false);
    if (scanned.ok) return;
    expect(scanned.line).toBe(line);
    expect(scanned.message).toContain(message);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('layoutDialogue', () => {
  const dialogue: Dialogue = {
    id: 'd', start: 'hi',
    cards: {
      hi: { type: 'message', text: 'Hi', next: 'pick' },
      pick: { type: 'choice', text: 'Pick', options: [{ label: 'Yes', next: 'meet' }, { label: 'No', next: 'bye' }, { label: 'Maybe', next: 'bye' }] },
      meet: { type: 'meeting', text: 'When?', durationMinutes: 30, next: 'bye', fallback: 'bye' },
      bye: { type: 'end', text: 'Bye' },
      lost: { type: 'message', text: 'Nobody comes here', next: 'ghost' },
    },
  };
  const layout = layoutDialogue(dialogue);
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('puts cards in rows by their distance from start and marks unreachable cards', () => {
    expect([node('hi').layer, node('pick').layer, node('meet').layer, node('bye').layer]).toEqual([0, 1, 2, 2]);
    expect(node('lost').reachable).toBe(false);
    expect(node('bye').reachable).toBe(true);
  });

  it('labels links with option labels and joins parallel links into one', () => {
    const label = (from: string, to: string) => layout.edges.find((e) => e.from === from && e.to === to)?.label;
    expect(label('pick', 'meet')).toBe('Yes');
    expect(label('pick', 'bye')).toBe('No / Maybe');
    expect(label('meet', 'bye')).toBe('booked / no slot');
  });

  it('draws a dangling next as a missing card', () => {
    expect(node('ghost').type).toBe('missing');
  });
});

describe('share links', () => {
  it('carry the flow compressed in the hash and bring it back formatted', async () => {
    const hash = await encodeFlowHash(northwind);
    expect(hash).toMatch(/^flow=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(northwind.length);
    expect(JSON.parse((await decodeFlowHash(`#${hash}`))!)).toEqual(JSON.parse(northwind));
  });

  it('ignore a hash without a readable flow', async () => {
    expect(await decodeFlowHash('#other=1')).toBeNull();
    expect(await decodeFlowHash('#flow=not-deflate')).toBeNull();
  });
});

describe('install snippets', () => {
  it('inline the flow so that it cannot close its script element', () => {
    const hostile = JSON.stringify({ version: 1, settings: { botName: '</script><script>alert(1)</script>' }, dialogues: [] });
    const snippet = scriptTagSnippet(hostile, { theme: 'dark' });
    expect(snippet.match(/<\/script>/g)).toHaveLength(2);
    expect(snippet).toContain('data-flow="#chat-flow"');
    expect(snippet).toContain('data-theme="dark"');
    const json = /<script type="application\/json" id="chat-flow">(.*)<\/script>/.exec(snippet)![1];
    expect(JSON.parse(json).settings.botName).toBe('</script><script>alert(1)</script>');
  });

  it('register the element through the package entries', () => {
    const snippet = npmSnippet({ theme: 'light' });
    expect(snippet).toContain("import 'dynamic-chat/define';");
    expect(snippet).not.toContain('theme');
  });
});

describe('the backend switch in front of the reference server', () => {
  it('passes requests through when healthy and breaks them otherwise, storing nothing it broke', async () => {
    const api = await startServer({ inMemory: true, adminToken: 'demo-parts', flow: JSON.parse(northwind), log: () => {} });
    // The switch answers on the server's own address, so passthrough() reaches the real server.
    const backend = createBackend({ endpoint: api.url, agents: [], passthrough: true });
    const forward = setupServer(...backend.handlers);
    forward.listen({ onUnhandledRequest: 'error' });
    try {
      const send = (key: string, email: string) => fetch(`${api.url}/fields`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ key, sessionId: `s-${key}`, dialogueId: 'pricing-anonymous', fields: { email }, page: '/pricing', at: new Date().toISOString() }),
      });
      // msw's HttpResponse.error() reaches a caller as a rejection or as Response.error() (status 0), depending on the fetch.
      const outcome = (answer: Promise<Response>) => answer.then((r) => (r.type === 'error' || r.status === 0 ? 'network error' : r.status), () => 'network error');
      // What the server stored, read past the switch.
      const leads = async (): Promise<string[]> => {
        const response = await fetch(bypass(new Request(`${api.url}/admin/api/leads`, { headers: { Authorization: 'Bearer demo-parts' } })));
        return ((await response.json()) as { leads: Array<{ email: string }> }).leads.map((l) => l.email).sort();
      };

      backend.setMode('down');
      expect(await outcome(send('k-down', 'down@example.com'))).toBe('network error');
      backend.setMode('500');
      expect(await outcome(send('k-500', 'five@example.com'))).toBe(500);
      backend.setMode('429', { retryAfter: '1' });
      expect((await send('k-429', 'busy@example.com')).headers.get('Retry-After')).toBe('1');
      expect(await leads()).toEqual([]);

      backend.setMode('healthy');
      expect((await send('k-down', 'down@example.com')).status).toBe(200);
      expect((await send('k-down', 'down@example.com')).status).toBe(200);
      expect(await leads()).toEqual(['down@example.com']);
      expect(backend.state.requests.map((r) => r.mode)).toEqual(['down', '500', '429', 'healthy', 'healthy']);
    } finally {
      forward.close();
      await api.close();
    }
  });
});
