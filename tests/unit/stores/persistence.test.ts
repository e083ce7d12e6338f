// What comes back from storage is untrusted input: another widget version or tampering may have written it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../../src/engine/types.js';
import { start } from '../../../src/engine/interpreter.js';
import { isSavedConversation } from '../../../src/stores/saved-shape.js';
import { createPersistence, type SavedConversation } from '../../../src/stores/persistence.js';
import { plainJson } from '../../../src/stores/plain.js';
import { memoryStorage } from '../../../src/platform/storage.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const flow: Flow = {
  version: 1,
  agents: [{ id: 'ana', name: 'Ana' }],
  dialogues: [{
    id: 'd', start: 'hi', cards: {
      hi: { type: 'message', text: 'Hi **there**', next: 'ask' },
      ask: { type: 'choice', text: 'Pick', options: [{ label: 'Meet', value: 'meet', next: 'meet' }, { label: 'Bye', next: 'bye' }] },
      meet: { type: 'meeting', text: 'When?', durationMinutes: 30, next: 'bye', fallback: 'bye' },
      bye: { type: 'end', text: 'Bye' },
    },
  }],
};

/** A conversation exactly as the widget saves it, waiting on the choice card. */
function saved(): SavedConversation {
  const { state } = start(flow, 'd', { page: { url: 'https://site.test/', path: '/', referrer: '' } }, NOW);
  return JSON.parse(JSON.stringify({ state, triggered: true, open: true, closedReported: false, pokeDone: true })) as SavedConversation;
}

function load(value: unknown) {
  const session = memoryStorage();
  session.setItem('dc:conversation', typeof value === 'string' ? value : JSON.stringify(value));
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const loaded = createPersistence({ local: memoryStorage(), session }).loadConversation(isSavedConversation);
  return { loaded, warned: warn.mock.calls.map((args) => String(args[0])), stored: session.getItem('dc:conversation') };
}

afterEach(() => vi.restoreAllMocks());

describe('a saved conversation read back from sessionStorage', () => {
  it('loads as it was saved', () => {
    const { loaded, warned } = load(saved());
    expect(loaded).toEqual(saved());
    expect(warned).toEqual([]);
  });

  const tampered: Array<[string, (s: SavedConversation & Record<string, any>) => void]> = [
    ['a transcript entry that is null', (s) => { s.state.transcript.push(null as never); }],
    ['a markdown node without children', (s) => { s.state.transcript[0].tree = [{ type: 'bold' } as never]; }],
    ['a link node with no href', (s) => { s.state.transcript[0].tree = [{ type: 'link', children: [] } as never]; }],
    ['a markdown tree nested deeper than the engine ever makes', (s) => {
      let node: any = { type: 'text', text: 'x' };
      for (let i = 0; i < 100; i++) node = { type: 'bold', children: [node] };
      s.state.transcript[0].tree = [node];
    }],
    ['a transcript that is not a list', (s) => { s.state.transcript = {} as never; }],
    ['an entry from neither bot nor visitor', (s) => { (s.state.transcript[0] as any).from = 'admin'; }],
    ['an awaited card the dialogue does not have', (s) => { s.state.awaiting = { kind: 'choice', cardId: 'gone' }; }],
    ['an awaited card of another kind', (s) => { s.state.awaiting = { kind: 'input', cardId: 'ask' }; }],
    ['a choice card whose options are not a list', (s) => { (s.state.dialogue.cards.ask as any).options = 'Meet'; }],
    ['a dialogue without cards', (s) => { delete (s.state.dialogue as any).cards; }],
    ['no dialogue at all', (s) => { s.state.dialogue = null as never; }],
    ['no settings', (s) => { delete (s.state as any).settings; }],
    ['a dialogue that is not the one named', (s) => { s.state.dialogueId = 'other'; }],
    ['answers that are not text', (s) => { s.state.answers = { ask: 42 } as never; }],
    ['settings without agents', (s) => { delete (s.state.settings as any).agentIds; }],
    ['no page', (s) => { delete (s.state as any).page; }],
    ['an unknown status', (s) => { (s.state as any).status = 'paused'; }],
    ['pending outputs that are not a list', (s) => { s.pending = 'message' as never; }],
    ['a pending output with no type', (s) => { s.pending = [{ goal: 'x' } as never]; }],
    ['a pending field without its value', (s) => { s.pending = [{ type: 'field', field: 'email' } as never]; }],
    ['open that is not a boolean', (s) => { s.open = 'yes' as never; }],
  ];
  for (const [what, tamper] of tampered) {
    it(`with ${what} is dropped with a console warning, and the visitor starts afresh`, () => {
      const value = saved();
      tamper(value);
      const { loaded, warned, stored } = load(value);
      expect(loaded).toBe(null);
      expect(warned.join('\n')).toContain('dc:conversation');
      expect(stored, 'removed, so a reload does not meet it again').toBe(null);
    });
  }

  it('that is not JSON, or JSON of another shape, reads as none (with a warning)', () => {
    for (const value of ['{not json', 'null', '[]', '"text"', JSON.stringify({ state: null })]) {
      const { loaded } = load(value);
      expect(loaded).toBe(null);
    }
  });
});

describe('other saved values', () => {
  it('lists, the captured lead and the draft of another shape are dropped with a warning', () => {
    const local = memoryStorage();
    const session = memoryStorage();
    local.setItem('dc:completed', JSON.stringify(['a', null, { id: 'b' }]));
    session.setItem('dc:seen', '{"d":1}');
    session.setItem('dc:lead', JSON.stringify(['jo@acme.com']));
    session.setItem('dc:draft', JSON.stringify({ card: 'd:email', value: 7 }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const persistence = createPersistence({ local, session });
    expect(persistence.completed()).toEqual(['a']);
    expect(persistence.sessionSeen()).toEqual([]);
    expect(persistence.capturedLead()).toEqual({});
    expect(persistence.draft()).toBe(null);
    expect(warn.mock.calls.map((args) => String(args[0])).join('\n')).toMatch(/dc:completed[\s\S]*dc:seen[\s\S]*dc:lead[\s\S]*dc:draft/);
    persistence.addCompleted('c');
    expect(persistence.completed()).toEqual(['a', 'c']);
  });
});

describe('plainJson, the copy of host objects (flow, lead)', () => {
  it('keeps a key named __proto__ as a key, never as the prototype', () => {
    const cards = JSON.parse('{"__proto__": {"type": "end", "text": "Bye"}, "constructor": {"type": "end", "text": "Hi"}}') as object;
    const copy = plainJson(cards) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ type: 'end', text: 'Bye' });
  });

  it('ignores a toJSON the page put on Array.prototype or Object.prototype, honours a Date\'s', () => {
    const proto = Array.prototype as unknown as { toJSON?: () => string };
    const object = Object.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function (this: unknown[]) { return `[${this.length} items]`; };
    object.toJSON = () => 'an object';
    try {
      expect(plainJson({ list: [1, { a: [2] }], at: new Date(NOW) })).toEqual({ list: [1, { a: [2] }], at: NOW.toISOString() });
    } finally {
      delete proto.toJSON;
      delete object.toJSON;
    }
  });
});
