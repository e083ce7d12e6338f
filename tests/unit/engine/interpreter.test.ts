import { describe, expect, it } from 'vitest';
import { start, step } from '../../../src/engine/interpreter.js';
import { INPUT_ERRORS } from '../../../src/engine/input-rules.js';
import { formatMeetingTime } from '../../../src/engine/time-format.js';
import type { ChatState, Output, StepInput } from '../../../src/engine/state.js';
import type { Booking, Card, Condition, Flow, Lead } from '../../../src/engine/types.js';

const now = new Date('2026-11-20T10:00:00Z');
const page = { url: 'https://acme.example/pricing?plan=pro', path: '/pricing', referrer: 'https://google.com/' };

function flowOf(cards: Record<string, Card>, extra: Partial<Flow> = {}, first = Object.keys(cards)[0]): Flow {
  return {
    version: 1,
    agents: [{ id: 'maria', name: 'Maria Lopez' }, { id: 'kenji', name: 'Kenji Sato' }],
    ...extra,
    dialogues: [{ id: 'd', start: first, cards }],
  };
}

function play(flow: Flow, inputs: StepInput[] = [], lead?: Lead) {
  let result = start(flow, 'd', { lead, page }, now);
  const all: Output[][] = [result.outputs];
  for (const input of inputs) {
    result = step(result.state, input, now);
    all.push(result.outputs);
  }
  return { state: result.state, outputs: result.outputs, all };
}

const types = (outputs: Output[]) => outputs.map((o) => o.type);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const booking: Booking = { id: 'b1', agent: { id: 'maria', name: 'Maria Lopez' }, start: '2026-11-24T15:00:00.000Z', end: '2026-11-24T15:30:00.000Z' };

describe('start', () => {
  it('says messages with the response delay as data and stops at the first question', () => {
    const { state, outputs } = play(flowOf({
      hi: { type: 'message', text: 'Hi **there**', next: 'ask' },
      ask: { type: 'choice', text: 'Pick one', options: [{ label: 'A' }] },
    }));
    expect(outputs).toEqual([
      { type: 'message', cardId: 'hi', text: 'Hi there', tree: [{ type: 'text', text: 'Hi ' }, { type: 'bold', children: [{ type: 'text', text: 'there' }] }], delayMs: 900 },
      { type: 'message', cardId: 'ask', text: 'Pick one', tree: [{ type: 'text', text: 'Pick one' }], delayMs: 900 },
    ]);
    expect(state).toMatchObject({ dialogueId: 'd', cardId: 'ask', awaiting: { kind: 'choice', cardId: 'ask' }, status: 'active', engaged: false });
    expect(state.transcript.map((e) => [e.from, e.cardId, e.text, e.at])).toEqual([
      ['bot', 'hi', 'Hi there', now.toISOString()], ['bot', 'ask', 'Pick one', now.toISOString()],
    ]);
  });

  it('uses settings.responseDelayMs, including 0 for instant', () => {
    const cards: Record<string, Card> = { hi: { type: 'message', text: 'Hi' } };
    expect(play(flowOf(cards, { settings: { responseDelayMs: 0 } })).all[0][0]).toMatchObject({ delayMs: 0 });
    expect(play(flowOf(cards, { settings: { responseDelayMs: 250 } })).all[0][0]).toMatchObject({ delayMs: 250 });
  });

  it('keeps the dialogue it started with, even when the flow changes later', () => {
    const flow = flowOf({ hi: { type: 'message', text: 'Version one', next: 'ask' }, ask: { type: 'choice', text: 'Go?', options: [{ label: 'Yes', next: 'bye' }] }, bye: { type: 'end', text: 'Bye from version one' } });
    const { state } = play(flow);
    (flow.dialogues[0].cards.bye as { text: string }).text = 'Bye from version two';
    const after = step(JSON.parse(JSON.stringify(state)), { type: 'choose', index: 0 }, now);
    expect(after.outputs[1]).toMatchObject({ type: 'message', text: 'Bye from version one' });
  });

  it('fills tokens from the lead, company and page', () => {
    const { outputs } = play(flowOf({ hi: { type: 'message', text: 'Hi {{lead.firstName | there}} from {{company.name}} on {{page.path}}' } }), [], { firstName: 'Ana', company: { name: 'Acme' } });
    expect(outputs[0]).toMatchObject({ text: 'Hi Ana from Acme on /pricing' });
  });

  it('does not throw on a lead that JSON cannot hold', () => {
    const lead: Lead = { firstName: 'Ana' };
    lead.self = lead;
    expect(play(flowOf({ hi: { type: 'message', text: 'Hi {{lead.firstName}}' } }), [], lead).outputs[0]).toMatchObject({ text: 'Hi Ana' });
  });

  it('gives a completed state and no outputs for an unknown dialogue', () => {
    const result = start(flowOf({ hi: { type: 'message', text: 'x' } }), 'nope', { page }, now);
    expect(result.outputs).toEqual([]);
    expect(result.state.status).toBe('completed');
  });
});

describe('choice cards', () => {
  const flow = flowOf({
    ask: {
      type: 'choice', text: 'What brings you here?', field: 'interest', next: 'fallthrough',
      options: [
        { label: 'Talk to sales', value: 'sales', next: 'sales' },
        { label: 'Read the docs', url: 'https://acme.example/docs', next: 'docs' },
        { label: 'Nothing' },
        { label: 'Bad link', url: 'javascript:alert(1)', next: 'docs' },
      ],
    },
    sales: { type: 'end', text: 'You chose {{answers.ask}}' },
    docs: { type: 'end', text: 'Enjoy the docs' },
    fallthrough: { type: 'end', text: 'Fell through to the card next' },
  });

  it('stores the value, shows the label, writes the field and goes to the option next', () => {
    const { state, outputs } = play(flow, [{ type: 'choose', index: 0 }]);
    expect(outputs).toEqual([
      { type: 'answer', cardId: 'ask', value: 'sales', label: 'Talk to sales' },
      { type: 'field', cardId: 'ask', field: 'interest', value: 'sales' },
      expect.objectContaining({ type: 'message', cardId: 'sales', text: 'You chose sales' }),
      { type: 'end', reason: 'completed' },
    ]);
    expect(state.answers).toEqual({ ask: 'sales' });
    expect(state.lead.interest).toBe('sales');
    expect(state.transcript.find((e) => e.from === 'visitor')).toMatchObject({ cardId: 'ask', text: 'Talk to sales' });
    expect(state).toMatchObject({ status: 'completed', cardId: null, awaiting: null, engaged: true });
  });

  it('stores the label when the option has no value, and opens a url option while following its next', () => {
    const { state, outputs } = play(flow, [{ type: 'choose', index: 1 }]);
    expect(state.answers.ask).toBe('Read the docs');
    expect(outputs).toContainEqual({ type: 'openUrl', url: 'https://acme.example/docs' });
    expect(outputs).toContainEqual(expect.objectContaining({ type: 'message', text: 'Enjoy the docs' }));
  });

  it('falls back to the card next when the option has none', () => {
    expect(play(flow, [{ type: 'choose', index: 2 }]).outputs).toContainEqual(expect.objectContaining({ text: 'Fell through to the card next' }));
  });

  it('never opens a javascript: url from a tampered flow', () => {
    expect(types(play(flow, [{ type: 'choose', index: 3 }]).outputs)).not.toContain('openUrl');
  });

  it.each([[-1], [4], [1.5], [Number.NaN]])('ignores option index %s', (index) => {
    const before = play(flow).state;
    const after = step(before, { type: 'choose', index }, now);
    expect(after.state).toBe(before);
    expect(after.outputs).toEqual([]);
  });
});

describe('input cards', () => {
  const flow = flowOf({
    email: { type: 'input', kind: 'email', field: 'email', text: 'Your work email?', error: 'Please use your work email.', next: 'phone' },
    phone: { type: 'input', kind: 'phone', field: 'phone', text: 'Phone (optional)?', required: false, next: 'bye' },
    bye: { type: 'end', text: 'Thanks {{lead.email}}' },
  }, { settings: { blockedEmailDomains: ['competitor.com'] } });

  it('accepts a valid value: answer, field, next', () => {
    const { state, outputs } = play(flow, [{ type: 'submit', value: ' ana@acme.com ' }]);
    expect(outputs.slice(0, 3)).toEqual([
      { type: 'answer', cardId: 'email', value: 'ana@acme.com', label: 'ana@acme.com' },
      { type: 'field', cardId: 'email', field: 'email', value: 'ana@acme.com' },
      expect.objectContaining({ type: 'message', cardId: 'phone' }),
    ]);
    expect(state.lead.email).toBe('ana@acme.com');
    expect(state.awaiting).toEqual({ kind: 'input', cardId: 'phone' });
  });

  it("refuses an invalid value with the card's error, keeps the value and waits on the same card", () => {
    const { state, outputs } = play(flow, [{ type: 'submit', value: 'bob@competitor.com' }]);
    expect(outputs).toEqual([{ type: 'invalid', cardId: 'email', error: 'Please use your work email.', value: 'bob@competitor.com' }]);
    expect(state.awaiting).toEqual({ kind: 'input', cardId: 'email', error: 'Please use your work email.', value: 'bob@competitor.com' });
    expect(state.cardId).toBe('email');
    expect(state.lead.email).toBeUndefined();
    expect(state.transcript.filter((e) => e.from === 'visitor')).toEqual([]);
    const corrected = step(state, { type: 'submit', value: 'bob@acme.com' }, now);
    expect(corrected.state.lead.email).toBe('bob@acme.com');
    expect(corrected.state.awaiting).toEqual({ kind: 'input', cardId: 'phone' });
  });

  it('uses the default error when the card has none', () => {
    const { outputs } = play(flow, [{ type: 'submit', value: 'ana@acme.com' }, { type: 'submit', value: 'abc' }]);
    expect(outputs).toEqual([{ type: 'invalid', cardId: 'phone', error: INPUT_ERRORS.phone, value: 'abc' }]);
  });

  it('lets an optional input be skipped with an empty value, writing no field', () => {
    const { state, outputs } = play(flow, [{ type: 'submit', value: 'ana@acme.com' }, { type: 'submit', value: '' }]);
    expect(types(outputs)).toEqual(['answer', 'message', 'end']);
    expect(state.lead.phone).toBeUndefined();
    expect(outputs[1]).toMatchObject({ text: 'Thanks ana@acme.com' });
  });

  it('stores a number typed with a decimal comma as a number a branch can compare', () => {
    const numbers = flowOf({
      seats: { type: 'input', kind: 'number', field: 'seats', text: 'How many seats?', next: 'route' },
      route: { type: 'branch', rules: [{ when: { field: 'answers.seats', op: 'gt', value: 3 }, next: 'many' }], otherwise: 'few' },
      many: { type: 'end', text: 'many' }, few: { type: 'end', text: 'few' },
    });
    const { state, outputs } = play(numbers, [{ type: 'submit', value: '3,5' }]);
    expect(outputs[0]).toEqual({ type: 'answer', cardId: 'seats', value: '3.5', label: '3,5' });
    expect(state.lead.seats).toBe('3.5');
    expect(state.transcript.at(-2)).toMatchObject({ from: 'visitor', text: '3,5' });
    expect(outputs).toContainEqual(expect.objectContaining({ type: 'message', text: 'many' }));
  });

  it('names the card that wrote each field on the field output itself', () => {
    const named = flowOf({
      work: { type: 'input', kind: 'email', field: 'workEmail', text: 'Work email?', next: 'role' },
      role: { type: 'choice', field: 'role', text: 'Your role?', options: [{ label: 'Buyer', value: 'buyer' }], next: 'bye' },
      bye: { type: 'end', text: 'Bye' },
    });
    const { all } = play(named, [{ type: 'submit', value: 'ana@acme.com' }, { type: 'choose', index: 0 }]);
    // The store tells an email card's field from another without the answer output played before it.
    expect(all.flat().filter((o) => o.type === 'field')).toEqual([
      { type: 'field', cardId: 'work', field: 'workEmail', value: 'ana@acme.com' },
      { type: 'field', cardId: 'role', field: 'role', value: 'buyer' },
    ]);
  });

  it('makes the visitor known by writing email', () => {
    const { state } = play(flow, [{ type: 'submit', value: 'ana@acme.com' }]);
    expect(state.lead.email).toBe('ana@acme.com');
  });

  it('passes over a skipIfKnown card when the lead has the field, silently', () => {
    const skipping = flowOf({
      name: { type: 'input', kind: 'name', field: 'firstName', text: 'Your name?', skipIfKnown: true, next: 'bye' },
      bye: { type: 'end', text: 'Bye {{lead.firstName}}' },
    });
    expect(play(skipping, [], { firstName: 'Ana' }).outputs).toEqual([
      expect.objectContaining({ type: 'message', cardId: 'bye', text: 'Bye Ana' }), { type: 'end', reason: 'completed' },
    ]);
    expect(play(skipping, [], { firstName: '  ' }).state.awaiting).toEqual({ kind: 'input', cardId: 'name' });
    expect(play(skipping).state.awaiting).toEqual({ kind: 'input', cardId: 'name' });
  });

  it('ignores a choice while an input is awaited', () => {
    const before = play(flow).state;
    expect(step(before, { type: 'choose', index: 0 }, now)).toEqual({ state: before, outputs: [] });
  });
});

describe('cards named like Object.prototype members', () => {
  it('keeps the answer of a card whose id is __proto__ or constructor, and a branch and a token read it', () => {
    const flow = flowOf({
      ['__proto__']: { type: 'input', kind: 'text', field: 'topic', text: 'Topic?', next: 'constructor' },
      constructor: { type: 'choice', text: 'Size?', options: [{ label: 'Big', value: 'big' }], next: 'route' },
      route: { type: 'branch', rules: [{ when: { field: 'answers.__proto__', op: 'equals', value: 'pricing' }, next: 'yes' }], otherwise: 'no' },
      yes: { type: 'end', text: 'About {{answers.__proto__}}, {{answers.constructor}}' },
      no: { type: 'end', text: 'lost' },
    } as Record<string, Card>, {}, '__proto__');
    const { state } = play(flow, [{ type: 'submit', value: 'pricing' }, { type: 'choose', index: 0 }]);
    expect(Object.getPrototypeOf(state.answers)).toBe(Object.prototype);
    expect(Object.keys(state.answers)).toEqual(['__proto__', 'constructor']);
    expect(state.transcript.at(-1)?.text).toBe('About pricing, big');
  });
});

describe('branch cards: every condition operator', () => {
  const lead: Lead = { email: 'ana@acme.com', firstName: 'Ana', company: { name: 'Acme Software', size: 250, industry: 'Software' } };
  const rows: Array<[string, Condition, Condition]> = [
    ['equals (case-insensitive)', { field: 'company.industry', op: 'equals', value: 'software' }, { field: 'company.industry', op: 'equals', value: 'Retail' }],
    ['notEquals', { field: 'lead.firstName', op: 'notEquals', value: 'Bob' }, { field: 'lead.firstName', op: 'notEquals', value: 'ana' }],
    ['contains', { field: 'company.name', op: 'contains', value: 'soft' }, { field: 'company.name', op: 'contains', value: 'hard' }],
    ['notContains', { field: 'company.name', op: 'notContains', value: 'hard' }, { field: 'company.name', op: 'notContains', value: 'acme' }],
    ['startsWith', { field: 'page.path', op: 'startsWith', value: '/pri' }, { field: 'page.path', op: 'startsWith', value: '/blog' }],
    ['endsWith', { field: 'lead.email', op: 'endsWith', value: '@acme.com' }, { field: 'lead.email', op: 'endsWith', value: '@gmail.com' }],
    ['isEmpty', { field: 'lead.phone', op: 'isEmpty' }, { field: 'lead.email', op: 'isEmpty' }],
    ['isNotEmpty', { field: 'lead.email', op: 'isNotEmpty' }, { field: 'lead.phone', op: 'isNotEmpty' }],
    ['gt', { field: 'company.size', op: 'gt', value: 200 }, { field: 'company.size', op: 'gt', value: 250 }],
    ['gte', { field: 'company.size', op: 'gte', value: '250' }, { field: 'company.size', op: 'gte', value: 251 }],
    ['lt', { field: 'company.size', op: 'lt', value: 251 }, { field: 'company.size', op: 'lt', value: 250 }],
    ['lte', { field: 'company.size', op: 'lte', value: 250 }, { field: 'company.size', op: 'lte', value: 249 }],
    ['in', { field: 'company.industry', op: 'in', value: ['Retail', 'Software'] }, { field: 'company.industry', op: 'in', value: ['Retail'] }],
    ['matches', { field: 'page.url', op: 'matches', value: 'plan=(pro|team)' }, { field: 'page.url', op: 'matches', value: '^/blog' }],
    ['page.referrer', { field: 'page.referrer', op: 'contains', value: 'google' }, { field: 'page.referrer', op: 'contains', value: 'bing' }],
    ['answers of an earlier card', { field: 'answers.ask', op: 'equals', value: 'yes' }, { field: 'answers.ask', op: 'equals', value: 'no' }],
  ];

  function route(when: Condition | Condition[]) {
    const flow = flowOf({
      ask: { type: 'choice', text: 'Ready?', options: [{ label: 'Yes', value: 'yes', next: 'route' }] },
      route: { type: 'branch', rules: [{ when, next: 'matched' }], otherwise: 'other' },
      matched: { type: 'end', text: 'matched' },
      other: { type: 'end', text: 'otherwise' },
    });
    return play(flow, [{ type: 'choose', index: 0 }], lead).outputs.find((o) => o.type === 'message');
  }

  it.each(rows)('%s', (_name, holds, fails) => {
    expect(route(holds)).toMatchObject({ text: 'matched' });
    expect(route(fails)).toMatchObject({ text: 'otherwise' });
  });

  it('needs every condition of a list to hold, and takes the first rule that does', () => {
    expect(route([rows[0][1], rows[1][1]])).toMatchObject({ text: 'matched' });
    expect(route([rows[0][1], rows[1][2]])).toMatchObject({ text: 'otherwise' });
    const flow = flowOf({
      route: { type: 'branch', rules: [{ when: rows[0][2], next: 'a' }, { when: rows[0][1], next: 'b' }, { when: rows[1][1], next: 'c' }], otherwise: 'a' },
      a: { type: 'end', text: 'a' }, b: { type: 'end', text: 'b' }, c: { type: 'end', text: 'c' },
    });
    expect(play(flow, [], lead).outputs[0]).toMatchObject({ text: 'b' });
  });
});

describe('goal and end cards', () => {
  it('records a goal silently and goes on', () => {
    const { outputs, state } = play(flowOf({ g: { type: 'goal', name: 'Qualified', next: 'bye' }, bye: { type: 'end' } }));
    expect(outputs).toEqual([{ type: 'goal', goal: 'Qualified' }, { type: 'end', reason: 'completed' }]);
    expect(state.transcript).toEqual([]);
    expect(state.status).toBe('completed');
  });

  it('says the end text, then ends', () => {
    expect(types(play(flowOf({ bye: { type: 'end', text: 'Bye' } })).outputs)).toEqual(['message', 'end']);
  });

  it('ends after a card with no next', () => {
    expect(types(play(flowOf({ hi: { type: 'message', text: 'Only this' } })).outputs)).toEqual(['message', 'end']);
  });
});

describe('meeting cards', () => {
  const cards: Record<string, Card> = {
    meet: { type: 'meeting', text: 'Pick a time, {{lead.firstName | friend}}:', durationMinutes: 30, next: 'booked', fallback: 'sorry' },
    booked: { type: 'end', text: 'See you then.' },
    sorry: { type: 'end', text: 'Nobody is free.' },
  };

  it('asks for slots with every flow agent and 14 days by default, then waits', () => {
    const { outputs, state } = play(flowOf(cards));
    expect(outputs).toEqual([
      expect.objectContaining({ type: 'message', text: 'Pick a time, friend:' }),
      { type: 'requestSlots', cardId: 'meet', agentIds: ['maria', 'kenji'], durationMinutes: 30, daysAhead: 14 },
    ]);
    expect(state.awaiting).toEqual({ kind: 'meeting', cardId: 'meet' });
  });

  it("uses the card's agents and daysAhead", () => {
    const { outputs } = play(flowOf({ ...cards, meet: { ...(cards.meet as object), agents: ['kenji'], daysAhead: 7 } as Card }));
    expect(outputs[1]).toEqual({ type: 'requestSlots', cardId: 'meet', agentIds: ['kenji'], durationMinutes: 30, daysAhead: 7 });
  });

  it('confirms a booking naming the agent and the local time, then goes to next', () => {
    const { outputs, state } = play(flowOf(cards), [{ type: 'booked', booking, timeZone: 'America/New_York' }]);
    const text = 'Booked with Maria Lopez: Tue 24 Nov, 10:00';
    expect(outputs).toEqual([
      { type: 'message', cardId: 'meet', text, tree: [{ type: 'text', text }], delayMs: 0 },
      { type: 'meeting', cardId: 'meet', booking },
      expect.objectContaining({ type: 'message', text: 'See you then.' }),
      { type: 'end', reason: 'completed' },
    ]);
    expect(state.transcript.find((e) => e.booking)).toMatchObject({ from: 'bot', cardId: 'meet', text, booking });
    expect(state.engaged).toBe(true);
  });

  it('formats the time in the visitor zone and locale', () => {
    const { outputs } = play(flowOf(cards), [{ type: 'booked', booking, timeZone: 'Europe/Berlin', locale: 'en-GB' }]);
    expect(outputs[0]).toMatchObject({ text: 'Booked with Maria Lopez: Tue 24 Nov, 16:00' });
  });

  it('takes a localised confirmation line from the UI', () => {
    const { outputs } = play(flowOf(cards), [{ type: 'booked', booking: { ...booking, agent: { id: 'x', name: 'Zoë $& Co' } }, timeZone: 'Europe/Rome', locale: 'it', confirmation: 'Prenotato con {agent}: {time}' }]);
    expect(outputs[0]).toMatchObject({ text: 'Prenotato con Zoë $& Co: mar 24 nov, 16:00' });
  });

  it('goes to the fallback when there are no slots, or ends without one', () => {
    expect(play(flowOf(cards), [{ type: 'noSlots' }]).outputs[0]).toMatchObject({ text: 'Nobody is free.' });
    const noFallback = flowOf({ meet: { type: 'meeting', text: 'Pick', durationMinutes: 30 } });
    expect(types(play(noFallback, [{ type: 'noSlots' }]).outputs)).toEqual(['end']);
  });

  it('ignores a booking the calendar link could not use: no id, no agent id, an unreadable start or end', () => {
    const before = play(flowOf(cards)).state;
    const { id: _id, ...noId } = booking;
    for (const bad of [noId, { ...booking, end: '' }, { ...booking, start: 'soon' }, { ...booking, agent: { name: 'Maria Lopez' } }]) {
      expect(step(before, { type: 'booked', booking: bad as Booking, timeZone: 'UTC' }, now).state).toBe(before);
    }
  });

  it('ignores a booking without an agent, and a submit while a meeting is awaited', () => {
    const before = play(flowOf(cards)).state;
    expect(step(before, { type: 'booked', booking: { id: 'x' } as Booking, timeZone: 'UTC' }, now).state).toBe(before);
    expect(step(before, { type: 'submit', value: 'Tuesday' }, now).state).toBe(before);
  });
});

describe('the state', () => {
  const flow = flowOf({
    ask: { type: 'choice', text: 'Go?', field: 'go', options: [{ label: 'Yes', next: 'email' }] },
    email: { type: 'input', kind: 'email', field: 'email', text: 'Email?', next: 'meet' },
    meet: { type: 'meeting', text: 'When?', durationMinutes: 30, next: 'bye' },
    bye: { type: 'end', text: 'Bye' },
  });

  it('is plain JSON at every step', () => {
    const inputs: StepInput[] = [{ type: 'choose', index: 0 }, { type: 'submit', value: 'x' }, { type: 'submit', value: 'a@b.co' }, { type: 'booked', booking, timeZone: 'UTC' }];
    let result = start(flow, 'd', { lead: { firstName: 'Ana', company: { size: 3 } }, page }, now);
    for (const input of [...inputs, undefined]) {
      expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
      if (input) result = step(result.state, input, now);
    }
  });

  it('is never mutated by step', () => {
    const before = deepFreeze(play(flow).state);
    const snapshot = JSON.stringify(before);
    step(before, { type: 'choose', index: 0 }, now);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('turns engaged on with the first answer', () => {
    expect(play(flow).state.engaged).toBe(false);
    expect(play(flow, [{ type: 'choose', index: 0 }]).state.engaged).toBe(true);
  });

  it('does nothing once completed', () => {
    const done = play(flowOf({ bye: { type: 'end' } })).state;
    for (const input of [{ type: 'choose', index: 0 }, { type: 'submit', value: 'x' }, { type: 'noSlots' }] as StepInput[]) {
      expect(step(done, input, now)).toEqual({ state: done, outputs: [] });
    }
  });

  it('never throws on junk states or inputs', () => {
    const junk = [null, undefined, {}, { status: 'active', awaiting: { kind: 'choice', cardId: 'x' } }, { status: 'active', awaiting: { kind: 'input', cardId: 'x' }, dialogue: null }];
    for (const state of junk) {
      for (const input of [null, {}, { type: 'choose', index: 0 }, { type: 'submit', value: 1 }]) {
        expect(() => step(state as unknown as ChatState, input as unknown as StepInput, now)).not.toThrow();
      }
    }
  });

  it('stops a silent loop in a malformed (unvalidated) flow instead of spinning', () => {
    const loop = flowOf({ a: { type: 'message', text: 'a', next: 'b' }, b: { type: 'goal', name: 'g', next: 'a' } });
    const { outputs, state } = play(loop);
    expect(types(outputs)).toEqual(['message', 'goal', 'end']);
    expect(state.status).toBe('completed');
  });

  it('stops when skipped inputs form a loop', () => {
    const loop = flowOf({ a: { type: 'input', field: 'email', text: 'Email?', skipIfKnown: true, next: 'b' }, b: { type: 'message', text: 'b', next: 'a' } });
    expect(play(loop, [], { email: 'a@b.co' }).state.status).toBe('completed');
  });

  it('ends at a dangling next in a malformed flow', () => {
    const { outputs } = play(flowOf({ a: { type: 'message', text: 'a', next: 'gone' } }));
    expect(types(outputs)).toEqual(['message', 'end']);
  });

  it('treats a card id named like an Object property as missing', () => {
    const { outputs } = play(flowOf({ a: { type: 'message', text: 'a', next: 'constructor' } }));
    expect(types(outputs)).toEqual(['message', 'end']);
  });
});

describe('formatMeetingTime', () => {
  it.each([
    ['2026-11-24T15:00:00Z', 'America/New_York', 'en', 'Tue 24 Nov, 10:00'],
    ['2026-11-24T15:00:00Z', 'Asia/Tokyo', 'en-US', 'Wed 25 Nov, 00:00'],
    ['2026-11-24T15:00:00Z', 'Europe/Berlin', 'de', 'Di., 24. Nov., 16:00'],
    ['2026-11-24T15:00:00Z', 'Not/AZone', 'en', 'Tue 24 Nov, 15:00'],
    ['2026-11-24T15:00:00Z', 'UTC', 'xx-invalid-locale-!!', 'Tue 24 Nov, 15:00'],
    ['not a date', 'UTC', 'en', 'not a date'],
  ])('formats %s in %s (%s)', (instant, zone, locale, expected) => {
    expect(formatMeetingTime(instant, zone, locale)).toBe(expected);
  });
});
