// The demo's pure parts in Node: JSON positions for error lines, the graph layout, share links, snippets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
