// Pages that redefine built-ins, flows whose ids are awkward keys: the widget plays and delivers all the same.
import { expect } from '@open-wc/testing';
import type { Flow } from '../../src/engine/types.js';
import { bookThroughSales, cleanPage, findByRole, localSlots, logLines, mount, RecordingAdapter, testFlow, until } from './element-helpers.js';

// Taken before any test redefines them: the fake backend must not be bent by the page either.
const pristine = { parse: JSON.parse, stringify: JSON.stringify };
const endpoint = '/api/hostile-page';

interface SeenRequest { method: string; path: string; key: string | null; body: any }

/**
 * A backend behind `fetch` for `endpoint`: every request goes through `new Request`, which refuses
 * a header `fetch` would refuse (a non-Latin-1 Idempotency-Key), and is recorded.
 */
function fakeBackend() {
  const requests: SeenRequest[] = [];
  const slotsAnswer = pristine.stringify({ slots: localSlots() });
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (!path.startsWith(endpoint)) return original(input, init);
    const text = await request.text();
    const body: any = text ? pristine.parse(text) : undefined;
    requests.push({ method: request.method, path: path.slice(endpoint.length), key: request.headers.get('Idempotency-Key'), body });
    if (path.endsWith('/slots')) return new Response(slotsAnswer, { headers: { 'Content-Type': 'application/json' } });
    if (path.endsWith('/meetings')) {
      const booking = { id: 'b1', agent: { id: 'ana', name: 'Ana' }, start: body.slot.start, end: body.slot.end };
      return new Response(pristine.stringify({ booking }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(null, { status: 204 });
  };
  return { requests, restore: () => { window.fetch = original; } };
}

const errorsOf = (events: Array<{ type: string; detail: unknown }>) => events.filter((e) => e.type === 'dc-error').map((e) => e.detail);

describe('<dynamic-chat> on a hostile page', () => {
  let backend: ReturnType<typeof fakeBackend>;
  beforeEach(() => { backend = fakeBackend(); });
  afterEach(() => {
    backend.restore();
    cleanPage();
  });

  /** Runs `body` with the page's globals redefined by `patch` (which returns how to undo it); console output waits until they are back. */
  async function onHostilePage(patch: () => () => void, body: () => Promise<void>): Promise<void> {
    // The test runner sends console output with the page's JSON: held back until the globals are restored.
    const held: Array<['warn' | 'error', unknown[]]> = [];
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => void held.push(['warn', args]);
    console.error = (...args: unknown[]) => void held.push(['error', args]);
    const undo = patch();
    try {
      await body();
    } finally {
      undo();
      Object.assign(console, { warn, error });
      for (const [level, args] of held) console[level](...args.map(String));
    }
  }

  it('Prototype.js-style Array.prototype.toJSON: the flow plays, and queued fields and events arrive', async () => {
    const arrays = Array.prototype as unknown as { toJSON?: () => string };
    await onHostilePage(() => {
      // As Prototype.js 1.6 does: the array's JSON text, built by hand, returned as a string.
      arrays.toJSON = function (this: unknown[]) { return `[${this.map((item) => pristine.stringify(item)).join(', ')}]`; };
      return () => delete arrays.toJSON;
    }, async () => {
      const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), attrs: { endpoint } });
      await bookThroughSales(el);
      await until(() => backend.requests.some((r) => r.path === '/events'), 'the queued events at the backend', 8000);
      const sent = backend.requests.filter((r) => r.path === '/events').flatMap((r) => r.body as Array<{ type: string }>);
      expect(sent.map((e) => e.type)).to.include.members(['triggered', 'engaged']);
      await until(() => backend.requests.filter((r) => r.path === '/fields').length >= 2, 'the fields at the backend', 8000);
      expect(backend.requests.filter((r) => r.path === '/fields').map((r) => Object.keys(r.body.fields)[0])).to.include.members(['interest', 'email']);
      expect(errorsOf(events)).to.deep.equal([]);
    });
  });

  it('a JSON.parse wrapped with a date reviver: the slots are offered and booked', async () => {
    await onHostilePage(() => {
      JSON.parse = (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => pristine.parse(text, function (key, value) {
        const revived = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value) : value;
        return reviver ? reviver.call(this, key, revived) : revived;
      });
      return () => { JSON.parse = pristine.parse; };
    }, async () => {
      const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), attrs: { endpoint } });
      await bookThroughSales(el);
      expect(errorsOf(events)).to.deep.equal([]);
    });
  });

  it('a dialogue whose card ids are __proto__, constructor and prototype plays to the end', async () => {
    const flow = pristine.parse(`{"version": 1, "settings": {"botName": "Ava", "responseDelayMs": 0, "autoOpen": true},
      "dialogues": [{"id": "d", "trigger": {"on": "load"}, "start": "__proto__", "cards": {
        "__proto__": {"type": "message", "text": "Hello from the first card.", "next": "constructor"},
        "constructor": {"type": "choice", "text": "Go on?", "options": [{"label": "Go on", "next": "prototype"}]},
        "prototype": {"type": "end", "text": "The end."}}}]}`) as Flow;
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Go on')).click();
    await until(() => logLines(el).includes('The end.'), 'the last card');
    expect(logLines(el)[0]).to.equal('Hello from the first card.');
    expect(errorsOf(events)).to.deep.equal([]);
    expect(events.find((e) => e.type === 'dc-dialogue-end')?.detail).to.deep.equal({ dialogueId: 'd', reason: 'completed' });
  });

  it('books through the endpoint when the dialogue id is emoji and CJK and the meeting card id Cyrillic', async () => {
    const flow = testFlow({ autoOpen: true });
    const dialogue = flow.dialogues[0];
    dialogue.id = '🎉 демо 日本';
    dialogue.cards['встреча'] = dialogue.cards.meet;
    delete dialogue.cards.meet;
    (dialogue.cards.email as { next: string }).next = 'встреча';
    const { el, events } = await mount({ flow, attrs: { endpoint } });
    await bookThroughSales(el);
    expect(errorsOf(events)).to.deep.equal([]);
    const [booking] = backend.requests.filter((r) => r.path === '/meetings');
    expect(booking.key).to.match(/^[!-~]+$/);
    expect(booking.key, 'the body carries the header\'s key').to.equal(booking.body.key);
    expect(decodeURIComponent(booking.key!)).to.contain(':🎉 демо 日本:встреча:');
    await until(() => backend.requests.some((r) => r.path === '/events'), 'the events at the backend', 8000);
    expect(backend.requests.every((r) => r.key === null || /^[!-~]+$/.test(r.key))).to.equal(true);
  });
});
