// The conversation stores in Node: delays, tracking keys, adapter calls and persistence, with the real engine.
import { atom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatAdapter, ChatEvent, FieldSubmission, MeetingRequest, SlotQuery } from '../../../src/adapters/types.js';
import type { Booking, Flow, Slot } from '../../../src/engine/types.js';
import { createChat } from '../../../src/stores/chat.js';
import type { DynamicChatEventDetails } from '../../../src/stores/events.js';
import { isSavedConversation } from '../../../src/stores/saved-shape.js';
import { createPersistence } from '../../../src/stores/persistence.js';
import { memoryStorage, safeStorage } from '../../../src/platform/storage.js';

const NOW = new Date('2026-11-22T10:00:00Z');

function flow(delay: number): Flow {
  return {
    version: 1,
    settings: { responseDelayMs: delay },
    agents: [{ id: 'ana', name: 'Ana' }],
    dialogues: [{
      id: 'd', start: 'hi', cards: {
        hi: { type: 'message', text: 'Hi', next: 'ask' },
        ask: { type: 'choice', text: 'Pick', options: [{ label: 'Meet', value: 'meet', next: 'email' }, { label: 'Bye', next: 'bye' }] },
        email: { type: 'input', kind: 'email', field: 'email', text: 'Email?', next: 'goal' },
        goal: { type: 'goal', name: 'Lead', next: 'meet' },
        meet: { type: 'meeting', text: 'When?', durationMinutes: 30, next: 'bye', fallback: 'bye' },
        bye: { type: 'end', text: 'Bye' },
      },
    }],
  };
}

const slot: Slot = { start: '2026-11-23T10:00:00Z', end: '2026-11-23T10:30:00Z', agentIds: ['ana'] };

class Recorder implements ChatAdapter {
  fields: FieldSubmission[] = [];
  events: ChatEvent[] = [];
  queries: SlotQuery[] = [];
  requests: MeetingRequest[] = [];
  failNext = false;
  async submitFields(s: FieldSubmission) { this.fields.push(s); }
  async track(e: ChatEvent) { this.events.push(e); }
  async findSlots(q: SlotQuery) { this.queries.push(q); return [slot]; }
  async bookMeeting(r: MeetingRequest): Promise<Booking> {
    this.requests.push(r);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('slot-taken');
    }
    return { id: 'b1', agent: { id: 'ana', name: 'Ana' }, start: r.slot.start, end: r.slot.end };
  }
}

function setup(delay = 0, storage = { local: memoryStorage(), session: memoryStorage() }, $open = atom(false)) {
  const adapter = new Recorder();
  const emitted: Array<{ name: keyof DynamicChatEventDetails; detail: unknown }> = [];
  const doc = flow(delay);
  const chat = createChat({
    persistence: createPersistence(storage),
    adapter: () => adapter,
    flow: () => doc,
    page: () => ({ url: 'https://site.example/pricing', path: '/pricing', referrer: '' }),
    emit: (name, detail) => void emitted.push({ name, detail }),
    now: () => new Date(Date.now()),
    timeZone: () => 'Europe/Rome',
    locale: () => 'en',
    openUrl: () => undefined,
    $open,
  });
  return { chat, adapter, emitted, doc, storage };
}

/** Resolves after `ms` of (fake) time: an adapter that answers slowly. */
const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Plays the test dialogue to its meeting card ("Meet", then an email) and lets the slots load. */
async function toMeeting({ chat, doc }: { chat: ReturnType<typeof setup>['chat']; doc: Flow }) {
  chat.actions.begin(doc, 'd', {});
  chat.actions.choose(0);
  chat.actions.submit('jo@acme.com');
  await vi.advanceTimersByTimeAsync(0);
}

describe('createChat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('waits out each response delay with the typing flag before revealing a bot message', async () => {
    const { chat, doc, emitted } = setup(900);
    chat.actions.begin(doc, 'd', {});
    expect(chat.$typing.get()).toBe(true);
    expect(chat.$revealed.get()).toBe(0);
    await vi.advanceTimersByTimeAsync(900);
    expect(chat.$revealed.get()).toBe(1);
    expect(emitted.filter((e) => e.name === 'dc-message')).toHaveLength(1);
    expect(chat.$busy.get()).toBe(true);
    await vi.advanceTimersByTimeAsync(900);
    expect(chat.$busy.get()).toBe(false);
    expect(chat.$typing.get()).toBe(false);
    expect(chat.$revealed.get()).toBe(2);
  });

  it('ignores answers while the bot is still talking', async () => {
    const { chat, doc } = setup(500);
    chat.actions.begin(doc, 'd', {});
    expect(chat.actions.choose(0)).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(chat.actions.choose(0)).toBe(true);
  });

  it('tracks triggered, engaged, acquired and completed once per session; goals each time', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const first = setup(0, storage);
    await toMeeting(first);
    const again = setup(0, storage);
    await toMeeting(again);
    expect(first.adapter.events.map((e) => e.type)).toEqual(['triggered', 'engaged', 'acquired', 'goal']);
    expect(again.adapter.events.map((e) => e.type), 'a second run in the same session adds only the goal').toEqual(['goal']);
    expect(first.adapter.events[0].key).toBe(`${first.adapter.events[0].sessionId}:d:triggered`);
    expect(first.adapter.fields.map((f) => f.fields)).toEqual([{ email: 'jo@acme.com' }]);
  });

  it('counts acquired for an email input card whatever its field is called', async () => {
    const { chat, doc, adapter } = setup();
    (doc.dialogues[0].cards.email as { field: string }).field = 'workEmail';
    await toMeeting({ chat, doc });
    expect(adapter.events.map((e) => e.type)).toContain('acquired');
    expect(adapter.fields.map((f) => f.fields)).toEqual([{ workEmail: 'jo@acme.com' }]);
  });

  it('asks for slots over daysAhead in the visitor time zone, and books with a key stable across retries', async () => {
    const { chat, doc, adapter, emitted } = setup();
    await toMeeting({ chat, doc });
    expect(adapter.queries[0]).toMatchObject({ agentIds: ['ana'], durationMinutes: 30, timeZone: 'Europe/Rome', from: NOW.toISOString() });
    expect(Date.parse(adapter.queries[0].to) - NOW.getTime()).toBe(14 * 86_400_000);
    expect(chat.$meeting.get()).toMatchObject({ status: 'ready', slots: [slot] });
    adapter.failNext = true;
    chat.actions.pickSlot(slot);
    expect(chat.$meeting.get()!.status).toBe('booking');
    await vi.advanceTimersByTimeAsync(0);
    expect(chat.$meeting.get()).toMatchObject({ status: 'ready', failed: 'booking' });
    expect(emitted.some((e) => e.name === 'dc-error')).toBe(true);
    chat.actions.pickSlot(slot);
    await vi.advanceTimersByTimeAsync(0);
    expect(adapter.requests).toHaveLength(2);
    expect(adapter.requests[0].key).toBe(adapter.requests[1].key);
    expect(chat.$conversation.get()!.status).toBe('completed');
    expect(emitted.find((e) => e.name === 'dc-meeting-booked')!.detail).toMatchObject({ dialogueId: 'd', booking: { id: 'b1' } });
  });

  it('a restored meeting card with tampered agents and days ahead asks for sane slots, without throwing', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const first = setup(0, storage);
    await toMeeting(first);
    const saved = createPersistence(storage).loadConversation(isSavedConversation)!;
    Object.assign(saved.state.dialogue.cards.meet, { agents: ['ana', 42, null], daysAhead: 'soon', durationMinutes: 'long' });
    const second = setup(0, storage);
    expect(() => second.chat.actions.restore(saved)).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.adapter.queries[0]).toMatchObject({ agentIds: ['ana'], durationMinutes: 30 });
    expect(Date.parse(second.adapter.queries[0].to) - NOW.getTime()).toBe(14 * 86_400_000);
    expect(second.chat.$meeting.get()).toMatchObject({ status: 'ready', slots: [slot] });
  });

  it('a restored meeting card whose saved state lost its settings still asks for the card\'s own agents', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const first = setup(0, storage);
    await toMeeting(first);
    const saved = createPersistence(storage).loadConversation(isSavedConversation)!;
    Object.assign(saved.state.dialogue.cards.meet, { agents: ['ana'] });
    delete (saved.state as Partial<typeof saved.state>).settings;
    const second = setup(0, storage);
    expect(() => second.chat.actions.restore(saved)).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.adapter.queries[0]).toMatchObject({ agentIds: ['ana'] });
  });

  it('saves the conversation so a new instance on the same storage restores it without delays', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const first = setup(300, storage);
    first.chat.actions.begin(first.doc, 'd', {});
    await vi.advanceTimersByTimeAsync(600);
    first.chat.actions.setOpen(true);
    first.chat.actions.choose(0);
    await vi.advanceTimersByTimeAsync(300);
    const second = setup(300, storage);
    const saved = createPersistence(storage).loadConversation(isSavedConversation)!;
    second.chat.actions.restore(saved);
    expect(second.chat.$open.get()).toBe(true);
    expect(second.chat.$typing.get()).toBe(false);
    expect(second.chat.$revealed.get()).toBe(saved.state.transcript.length);
    expect(second.chat.actions.snapshot().answers).toEqual({ ask: 'meet' });
  });

  it('a restore while the bot was typing plays what was left, once, with its delay', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const first = setup(300, storage);
    first.chat.actions.begin(first.doc, 'd', {});
    await vi.advanceTimersByTimeAsync(600);
    first.chat.actions.choose(1);
    expect(first.chat.$typing.get()).toBe(true);
    first.chat.actions.dispose();
    const second = setup(300, storage);
    const saved = createPersistence(storage).loadConversation(isSavedConversation)!;
    expect(saved.pending?.map((o) => o.type)).toEqual(['message', 'end']);
    second.chat.actions.restore(saved);
    expect(second.chat.$typing.get()).toBe(true);
    expect(second.chat.$revealed.get()).toBe(saved.state.transcript.length - 1);
    await vi.advanceTimersByTimeAsync(300);
    expect(second.chat.$revealed.get()).toBe(saved.state.transcript.length);
    expect(second.emitted.map((e) => e.name)).toEqual(['dc-message', 'dc-dialogue-end']);
    expect(second.adapter.events.map((e) => e.type)).toEqual(['completed']);
    expect(createPersistence(storage).loadConversation(isSavedConversation)!.pending).toBeUndefined();
  });

  it('clear() drops the conversation and ignores adapter answers that arrive later', async () => {
    const { chat, doc, adapter, storage } = setup();
    chat.actions.begin(doc, 'd', {});
    chat.actions.choose(0);
    chat.actions.submit('jo@acme.com');
    expect(createPersistence(storage).loadConversation(isSavedConversation)).not.toBe(null);
    chat.actions.clear();
    await vi.advanceTimersByTimeAsync(0);
    expect(adapter.queries).toHaveLength(1);
    expect(chat.$meeting.get()).toBe(null);
    expect(chat.$conversation.get()).toBe(null);
    expect(createPersistence(storage).loadConversation(isSavedConversation)).toBe(null);
  });

  it('a booking answered after reset() does not book the new conversation waiting on the same card', async () => {
    const { chat, doc, adapter, emitted } = setup();
    await toMeeting({ chat, doc });
    const real = adapter.bookMeeting.bind(adapter);
    adapter.bookMeeting = async (r) => {
      await later(5000);
      return real(r);
    };
    chat.actions.pickSlot(slot);
    // reset(): the conversation is dropped, and the dialogue plays again up to the same meeting card.
    chat.actions.clear();
    await toMeeting({ chat, doc });
    expect(chat.$meeting.get()).toMatchObject({ cardId: 'meet', status: 'ready' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(adapter.requests, 'the old booking did answer').toHaveLength(1);
    expect(chat.$conversation.get()).toMatchObject({ status: 'active', awaiting: { kind: 'meeting', cardId: 'meet' } });
    expect(chat.$meeting.get()).toMatchObject({ cardId: 'meet', status: 'ready', slots: [slot] });
    expect(emitted.map((e) => e.name)).not.toContain('dc-meeting-booked');
    expect(adapter.events.map((e) => e.type)).not.toContain('meeting');
  });

  it('slots that fail after reset() leave the slots of the new conversation on the same card alone', async () => {
    const { chat, doc, adapter, emitted } = setup();
    adapter.findSlots = async () => {
      await later(5000);
      throw new Error('the old request timed out');
    };
    await toMeeting({ chat, doc });
    chat.actions.clear();
    adapter.findSlots = async () => [slot];
    await toMeeting({ chat, doc });
    await vi.advanceTimersByTimeAsync(5000);
    expect(chat.$meeting.get()).toMatchObject({ cardId: 'meet', status: 'ready', slots: [slot] });
    expect(emitted.filter((e) => e.name === 'dc-error')).toEqual([]);
  });

  it('a response delay of the last conversation reveals nothing in the next one', async () => {
    const { chat, doc, emitted } = setup(500);
    chat.actions.begin(doc, 'd', {});
    await vi.advanceTimersByTimeAsync(300);
    chat.actions.clear();
    chat.actions.begin(doc, 'd', {});
    await vi.advanceTimersByTimeAsync(300);
    expect(chat.$revealed.get(), 'the old delay ran out, the new one has not').toBe(0);
    expect(emitted.filter((e) => e.name === 'dc-message')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(chat.$revealed.get()).toBe(1);
  });

  it('counts acquired for a restored email card field played after the reload, its answer played before it', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const first = setup(0, storage);
    (first.doc.dialogues[0].cards.email as { field: string }).field = 'workEmail';
    first.chat.actions.begin(first.doc, 'd', {});
    first.chat.actions.choose(0);
    const saved = createPersistence(storage).loadConversation(isSavedConversation)!;
    // Saved by a reload between the answer output and the field output it wrote.
    saved.pending = [{ type: 'field', cardId: 'email', field: 'workEmail', value: 'jo@acme.com' }];
    const second = setup(0, storage);
    second.chat.actions.restore(saved);
    await vi.advanceTimersByTimeAsync(0);
    expect(second.adapter.fields.map((f) => f.fields)).toEqual([{ workEmail: 'jo@acme.com' }]);
    expect(second.adapter.events.map((e) => e.type)).toEqual(['acquired']);
  });

  it('opens and closes the panel through the atom its caller owns; closing before the end reports closed once', () => {
    const $open = atom(false);
    const { chat, doc, adapter, emitted } = setup(0, undefined, $open);
    chat.actions.begin(doc, 'd', {});
    expect(chat.$open).toBe($open);
    chat.actions.setOpen(true);
    expect($open.get()).toBe(true);
    chat.actions.setOpen(false);
    chat.actions.setOpen(true);
    chat.actions.setOpen(false);
    expect($open.get()).toBe(false);
    expect(emitted.filter((e) => e.name === 'dc-dialogue-end').map((e) => e.detail)).toEqual([{ dialogueId: 'd', reason: 'closed' }]);
    expect(adapter.events.filter((e) => e.type === 'closed')).toHaveLength(1);
  });

  for (const removedOn of ['dc-answer', 'dc-field'] as const) {
    it(`a host listener that removes the widget on ${removedOn} still gets the captured email to the adapter`, async () => {
      const storage = { local: memoryStorage(), session: memoryStorage() };
      const recorder = new Recorder();
      // The element hands out its adapter only while connected, as dynamic-chat.ts does.
      let connected: ChatAdapter | null = recorder;
      let armed = false;
      const errors: unknown[] = [];
      const doc = flow(0);
      const chat = createChat({
        persistence: createPersistence(storage),
        adapter: () => connected!,
        flow: () => doc,
        page: () => ({ url: 'https://site.example/pricing', path: '/pricing', referrer: '' }),
        emit: (name, detail) => {
          if (name === 'dc-error') errors.push(detail);
          if (armed && name === removedOn) {
            // "Email captured: hide the chat" removes the element inside the listener.
            armed = false;
            chat.actions.dispose();
            connected = null;
          }
        },
        now: () => new Date(Date.now()),
        timeZone: () => 'Europe/Rome',
        locale: () => 'en',
        openUrl: () => undefined,
        $open: atom(false),
      });
      chat.actions.begin(doc, 'd', {});
      chat.actions.choose(0);
      armed = true;
      chat.actions.submit('jo@acme.com');
      await vi.advanceTimersByTimeAsync(0);
      expect(recorder.fields.map((f) => f.fields)).toEqual([{ email: 'jo@acme.com' }]);
      expect(createPersistence(storage).capturedLead()).toEqual({ email: 'jo@acme.com' });
      expect(errors).toEqual([]);
    });
  }

  it('plays a dialogue whose lead or flow JSON cannot hold (BigInt, a cycle), keeping what can be saved', async () => {
    const { chat, doc, adapter, emitted, storage } = setup();
    const company: Record<string, unknown> = { name: 'Acme', revenue: 10n };
    company.parent = company;
    (doc.dialogues[0] as unknown as Record<string, unknown>).owner = doc;
    expect(chat.actions.begin(doc, 'd', { firstName: 'Jo', company })).toBe(true);
    expect(emitted.map((e) => e.name)).toContain('dc-dialogue-start');
    expect(createPersistence(storage).loadConversation(isSavedConversation)!.state.lead).toEqual({ firstName: 'Jo', company: { name: 'Acme' } });
    chat.actions.choose(0);
    chat.actions.submit('jo@acme.com');
    await vi.advanceTimersByTimeAsync(0);
    expect(adapter.fields.map((f) => f.fields)).toEqual([{ email: 'jo@acme.com' }]);
    expect(chat.actions.snapshot().lead).toMatchObject({ firstName: 'Jo', email: 'jo@acme.com' });
  });

  it('a storage that throws on write gives a dc-error, not an exception, and the dialogue plays on', async () => {
    const session = memoryStorage();
    const broken = {
      ...session,
      setItem: (key: string, value: string) => {
        if (key === 'dc:conversation') throw new Error('quota');
        session.setItem(key, value);
      },
    };
    const { chat, doc, adapter, emitted } = setup(0, { local: memoryStorage(), session: broken });
    expect(chat.actions.begin(doc, 'd', {})).toBe(true);
    chat.actions.choose(0);
    chat.actions.submit('jo@acme.com');
    await vi.advanceTimersByTimeAsync(0);
    expect(adapter.fields.map((f) => f.fields)).toEqual([{ email: 'jo@acme.com' }]);
    expect(emitted.filter((e) => e.name === 'dc-error').map((e) => (e.detail as { code: string }).code)).toContain('save-failed');
  });

  it('a full sessionStorage (the browser wrapper swallows the quota error) gives save-failed once per streak of failures', async () => {
    const real = memoryStorage();
    let full = true;
    const quota = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    const session = safeStorage(() => ({ ...real, setItem: (key: string, value: string) => (full ? quota() : real.setItem(key, value)) }));
    const { chat, doc, emitted } = setup(0, { local: memoryStorage(), session });
    const saveFailures = () => emitted.filter((e) => e.name === 'dc-error' && (e.detail as { code: string }).code === 'save-failed');
    chat.actions.begin(doc, 'd', {});
    chat.actions.choose(0);
    expect(saveFailures()).toHaveLength(1);
    expect((saveFailures()[0].detail as { message: string }).message).toContain('could not be saved for a reload');
    full = false;
    chat.actions.setOpen(true);
    expect(real.getItem('dc:conversation'), 'saved once the storage takes it again').not.toBe(null);
    full = true;
    chat.actions.setOpen(false);
    chat.actions.submit('jo@acme.com');
    expect(saveFailures(), 'a new streak is said again, once').toHaveLength(2);
  });

  it('findSlots (a custom adapter) answering malformed slots offers only the well-formed ones', async () => {
    const { chat, doc, adapter } = setup();
    const malformed = [
      { ...slot, end: slot.start },
      { ...slot, end: '2026-11-23T09:00:00Z' },
      { ...slot, start: 'tomorrow' },
      { ...slot, start: '2026-11-23' },
      { ...slot, agentIds: [] },
      { ...slot, agentIds: [7] },
      { ...slot, agentIds: 'ana' },
    ];
    adapter.findSlots = async () => [...malformed, slot] as Slot[];
    await toMeeting({ chat, doc });
    expect(chat.$meeting.get()).toMatchObject({ status: 'ready', slots: [slot] });
  });

  it('bookMeeting answering a booking that ends before it starts is a booking-failed dc-error, nothing confirmed', async () => {
    const { chat, doc, adapter, emitted } = setup();
    adapter.bookMeeting = async () => ({ id: 'b1', agent: { id: 'ana', name: 'Ana' }, start: slot.end, end: slot.start });
    await toMeeting({ chat, doc });
    chat.actions.pickSlot(slot);
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted.map((e) => e.name)).not.toContain('dc-meeting-booked');
    expect(emitted.some((e) => e.name === 'dc-error' && (e.detail as { code: string }).code === 'booking-failed')).toBe(true);
  });

  it('the booking key is header-safe whatever the ids, and the same on a retry', async () => {
    const storage = { local: memoryStorage(), session: memoryStorage() };
    const { chat, adapter } = setup(0, storage);
    const doc = flow(0);
    doc.dialogues[0].id = '🎉 демо';
    doc.dialogues[0].cards['встреча'] = doc.dialogues[0].cards.meet;
    (doc.dialogues[0].cards.goal as { next: string }).next = 'встреча';
    adapter.failNext = true;
    chat.actions.begin(doc, '🎉 демо', {});
    chat.actions.choose(0);
    chat.actions.submit('jo@acme.com');
    await vi.advanceTimersByTimeAsync(0);
    chat.actions.pickSlot(slot);
    await vi.advanceTimersByTimeAsync(0);
    chat.actions.pickSlot(slot);
    await vi.advanceTimersByTimeAsync(0);
    const [first, retry] = adapter.requests.map((r) => r.key);
    expect(first).toMatch(/^[!-~]+$/);
    expect(decodeURIComponent(first)).toContain(':🎉 демо:встреча:2026-11-23T10:00:00Z');
    expect(retry).toBe(first);
  });

  it('state stays readable after identify() with a reactive Proxy or a method, and keeps the plain attributes', () => {
    const { chat, doc, storage } = setup();
    chat.actions.begin(doc, 'd', {});
    const reactive = new Proxy({ name: 'Acme', size: 50 }, {});
    chat.actions.mergeLead({ email: 'jo@acme.com', company: reactive, greet: () => 'hi' });
    expect(chat.actions.snapshot().lead).toEqual({ email: 'jo@acme.com', company: { name: 'Acme', size: 50 } });
    expect(createPersistence(storage).loadConversation(isSavedConversation)!.state.lead).toEqual({ email: 'jo@acme.com', company: { name: 'Acme', size: 50 } });
  });

  it('an adapter whose submitFields and track return nothing (not a promise) raises no dc-error', async () => {
    const { chat, doc, adapter, emitted } = setup();
    const sent: string[] = [];
    adapter.submitFields = ((s: FieldSubmission) => void sent.push(Object.keys(s.fields)[0])) as never;
    adapter.track = ((e: ChatEvent) => void sent.push(e.type)) as never;
    await toMeeting({ chat, doc });
    expect(sent).toEqual(expect.arrayContaining(['triggered', 'engaged', 'email', 'acquired']));
    expect(emitted.filter((e) => e.name === 'dc-error')).toEqual([]);
  });

  it('findSlots answering with nulls among the slots offers the real ones; only nulls go to the fallback', async () => {
    const first = setup();
    first.adapter.findSlots = async () => [null, slot, 'x'] as unknown as Slot[];
    await toMeeting(first);
    expect(first.chat.$meeting.get()).toMatchObject({ status: 'ready', slots: [slot] });

    const second = setup();
    second.adapter.findSlots = async () => [null] as unknown as Slot[];
    await toMeeting(second);
    expect(second.chat.$conversation.get()!.status).toBe('completed');
  });

  it('bookMeeting resolving to something that is not a booking is a booking-failed dc-error, the slots offered again', async () => {
    const { chat, doc, adapter, emitted } = setup();
    const real = adapter.bookMeeting.bind(adapter);
    adapter.bookMeeting = async (r) => ({ booking: await real(r) }) as unknown as Booking;
    await toMeeting({ chat, doc });
    chat.actions.pickSlot(slot);
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted.filter((e) => e.name === 'dc-error').map((e) => (e.detail as { code: string }).code)).toEqual(['booking-failed']);
    expect(chat.$meeting.get()).toMatchObject({ status: 'ready', failed: 'booking', slots: [slot] });
    expect(emitted.some((e) => e.name === 'dc-meeting-booked')).toBe(false);
  });
});
