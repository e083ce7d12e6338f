// Shared helpers of the <dynamic-chat> browser tests: a small flow, a recording adapter, queries by role and name.
import '../../src/define.js';
import type { DynamicChat } from '../../src/page/dynamic-chat.js';
import type { ChatAdapter, ChatEvent, FieldSubmission, MeetingRequest, SlotQuery } from '../../src/adapters/types.js';
import type { Booking, Flow, Slot } from '../../src/engine/types.js';

export type { DynamicChat };

/**
 * Test files run in parallel tabs of one origin and would share the real localStorage (another
 * suite's outbox, this suite's finished dialogues). Each page gets its own in-memory localStorage
 * instead; sessionStorage is already per tab and stays real, so reloads are tested for real.
 */
class PageStorage implements Storage {
  private map = new Map<string, string>();
  get length(): number { return this.map.size; }
  clear(): void { this.map.clear(); }
  getItem(key: string): string | null { return this.map.has(key) ? this.map.get(key)! : null; }
  key(index: number): string | null { return [...this.map.keys()][index] ?? null; }
  removeItem(key: string): void { this.map.delete(key); }
  setItem(key: string, value: string): void { this.map.set(key, String(value)); }
}
Object.defineProperty(window, 'localStorage', { configurable: true, value: new PageStorage() });

/** A flow exercising every card kind, instant (responseDelayMs 0), triggered on load. */
export function testFlow(overrides: Partial<Flow['settings']> = {}): Flow {
  return {
    version: 1,
    settings: { botName: 'Ava', responseDelayMs: 0, privacyUrl: 'https://example.com/privacy', ...overrides },
    agents: [{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }],
    dialogues: [{
      id: 'hello',
      trigger: { on: 'load' },
      frequency: 'always',
      start: 'hi',
      cards: {
        hi: { type: 'message', text: 'Hi **there**! See [the docs](https://example.com/docs).', next: 'ask' },
        ask: {
          type: 'choice', text: 'What brings you here?', field: 'interest',
          options: [
            { label: 'Talk to sales', value: 'sales', next: 'email' },
            { label: 'Read the docs', url: 'https://example.com/docs', next: 'bye' },
            { label: 'Just looking', value: 'browsing', next: 'bye' },
          ],
        },
        email: { type: 'input', kind: 'email', field: 'email', text: 'Your work email?', error: 'Please enter a valid work email.', next: 'meet' },
        meet: { type: 'meeting', text: 'Pick a time:', durationMinutes: 30, daysAhead: 7, next: 'booked', fallback: 'none' },
        none: { type: 'end', text: 'Nobody is free; we will email you.' },
        booked: { type: 'end', text: 'All set!' },
        bye: { type: 'end', text: 'Happy browsing!' },
      },
    }],
  };
}

/** Slots tomorrow at 10:00 and 11:00 and the day after at 09:30, visitor's local time. */
export function localSlots(): Slot[] {
  const at = (days: number, h: number, m: number) => {
    const d = new Date();
    d.setDate(d.getDate() + days);
    d.setHours(h, m, 0, 0);
    return d;
  };
  return [[1, 10, 0], [1, 11, 0], [2, 9, 30]].map(([days, h, m]) => {
    const start = at(days, h, m);
    return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString(), agentIds: ['ana', 'ben'] };
  });
}

/** An in-memory adapter that records every call; slots and booking failures are configurable. */
export class RecordingAdapter implements ChatAdapter {
  fields: FieldSubmission[] = [];
  events: ChatEvent[] = [];
  queries: SlotQuery[] = [];
  bookings: MeetingRequest[] = [];
  slots: Slot[] = localSlots();
  failBookings = 0;

  async submitFields(s: FieldSubmission): Promise<void> { this.fields.push(s); }
  async track(e: ChatEvent): Promise<void> { this.events.push(e); }
  async findSlots(q: SlotQuery): Promise<Slot[]> {
    this.queries.push(q);
    return this.slots;
  }
  async bookMeeting(r: MeetingRequest): Promise<Booking> {
    this.bookings.push(r);
    if (this.failBookings > 0) {
      this.failBookings--;
      this.slots = this.slots.filter((s) => s.start !== r.slot.start);
      throw new Error('slot-taken');
    }
    return { id: `b${this.bookings.length}`, agent: { id: 'ben', name: 'Ben' }, start: r.slot.start, end: r.slot.end };
  }
}

/** Waits until `check` returns a truthy value (polling each animation frame), or fails with `what`. */
export async function until<T>(check: () => T | null | undefined | false, what = 'condition', timeoutMs = 4000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const IMPLICIT: Record<string, string> = {
  BUTTON: 'button', A: 'link', DIALOG: 'dialog', UL: 'list', LI: 'listitem', FORM: 'form', H2: 'heading', IMG: 'img',
};

function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit;
  if (el.tagName === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return ['text', 'email', 'tel', 'url', 'search'].includes(type) ? 'textbox' : null;
  }
  if (el.tagName === 'A' && !el.hasAttribute('href')) return null;
  return IMPLICIT[el.tagName] ?? null;
}

/** The accessible name, simplified: aria-label, aria-labelledby, else the text. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const root = el.getRootNode() as ShadowRoot | Document;
    return by.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
  }
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function visible(el: Element): boolean {
  const style = getComputedStyle(el);
  return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
}

/** Every visible element in the widget with the role whose name matches. */
export function allByRole(el: DynamicChat, role: string, name?: string | RegExp): HTMLElement[] {
  const nodes = [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')];
  return nodes.filter((n) => roleOf(n) === role && visible(n) && (name === undefined
    || (typeof name === 'string' ? nameOf(n) === name : name.test(nameOf(n)))));
}

/** The one visible element with the role and name, or null. */
export function byRole(el: DynamicChat, role: string, name?: string | RegExp): HTMLElement | null {
  return allByRole(el, role, name)[0] ?? null;
}

/** Waits for the element with the role and name. */
export function findByRole(el: DynamicChat, role: string, name?: string | RegExp): Promise<HTMLElement> {
  return until(() => byRole(el, role, name), `${role} "${name ?? ''}"`);
}

/** The text of the transcript, one line per message. */
export function logLines(el: DynamicChat): string[] {
  const log = el.shadowRoot!.querySelector('[role="log"]');
  return [...(log?.querySelectorAll('.msg:not(.typing)') ?? [])].map((m) => (m.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** Every dc-* event the element fired, in order. */
export function recordEvents(el: HTMLElement): Array<{ type: string; detail: unknown }> {
  const seen: Array<{ type: string; detail: unknown }> = [];
  for (const type of ['dc-ready', 'dc-open', 'dc-close', 'dc-dialogue-start', 'dc-message', 'dc-answer', 'dc-field',
    'dc-goal', 'dc-meeting-booked', 'dc-dialogue-end', 'dc-error']) {
    el.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  }
  return seen;
}

/** Creates a widget in the page, wires it before connection, and waits for `dc-ready` or `dc-error`. */
export async function mount(options: {
  flow?: Flow | string;
  adapter?: ChatAdapter;
  attrs?: Record<string, string>;
  parent?: HTMLElement;
} = {}): Promise<{ el: DynamicChat; events: Array<{ type: string; detail: unknown }> }> {
  const el = document.createElement('dynamic-chat');
  const events = recordEvents(el);
  for (const [k, v] of Object.entries(options.attrs ?? {})) el.setAttribute(k, v);
  if (options.flow !== undefined) {
    if (typeof options.flow === 'string') el.setAttribute('flow', options.flow);
    else el.flow = options.flow;
  }
  if (options.adapter) el.adapter = options.adapter;
  (options.parent ?? document.body).append(el);
  await until(() => events.some((e) => e.type === 'dc-ready' || e.type === 'dc-error'), 'dc-ready or dc-error');
  await el.updateComplete;
  return { el, events };
}

/** Removes every widget and forgets all storage, so each test starts as a new visitor. */
export function cleanPage(): void {
  for (const el of document.querySelectorAll('dynamic-chat')) el.remove();
  localStorage.clear();
  sessionStorage.clear();
}

/** Jumps every running animation to its end, so checks see the final colors, not a fade. */
export function finishAnimations(el: DynamicChat): void {
  for (const animation of el.shadowRoot!.getAnimations()) animation.finish();
}

/** Plays the test flow's sales path (the option, a work email, Send) to the meeting card; resolves to its first slot. */
export async function toMeeting(el: DynamicChat): Promise<HTMLElement> {
  (await findByRole(el, 'button', 'Talk to sales')).click();
  const box = await findByRole(el, 'textbox') as HTMLInputElement;
  box.value = 'jo@acme.com';
  box.dispatchEvent(new Event('input'));
  (await findByRole(el, 'button', 'Send')).click();
  return findByRole(el, 'button', /, \d{2}:\d{2}$/);
}

/** Plays the test flow's sales path to the booking confirmation ("All set!"), booking the first slot. */
export async function bookThroughSales(el: DynamicChat): Promise<void> {
  (await toMeeting(el)).click();
  await until(() => logLines(el).includes('All set!'), 'the booking confirmed');
}
