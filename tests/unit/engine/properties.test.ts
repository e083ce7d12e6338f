import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import schema from '../../../src/engine/flow.schema.json';
import { start, step } from '../../../src/engine/interpreter.js';
import type { ChatState, Output, StepInput } from '../../../src/engine/state.js';
import type { Card, Flow } from '../../../src/engine/types.js';
import { validateFlow } from '../../../src/engine/validate.js';

const source = readFileSync(new URL('../../../demo/flows/northwind.json', import.meta.url), 'utf8');
const northwind = JSON.parse(source) as Flow;
const schemaAccepts = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
const now = new Date('2026-11-20T10:00:00Z');
const page = { url: 'https://northwind.example/pricing', path: '/pricing', referrer: '' };

/** Every path (as key lists) inside the northwind document, so mutations can hit any of them. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}
const allPaths = paths(northwind).filter((p) => p.length > 0);

type Mutation = { path: Array<string | number>; value: unknown; remove: boolean };

function mutate(mutations: Mutation[]): unknown {
  const doc = JSON.parse(source);
  for (const { path, value, remove } of mutations) {
    let parent = doc;
    for (const key of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      parent = parent[key];
    }
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1];
    if (remove) delete parent[last];
    else parent[last] = value;
  }
  // Back through JSON, as a real document would arrive (a deleted array item becomes null).
  return JSON.parse(JSON.stringify(doc));
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.constantFrom(...allPaths),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('nope', 'hi', 'maria', '#fff', 'red', 'matches', '(', 'equals', 0, -1, 1e9, '', [], {})),
  remove: fc.boolean(),
});

describe('validateFlow on arbitrary input', () => {
  it('never throws on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => {
      const result = validateFlow(doc);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 500 });
  });

  it('never throws on mutated copies of northwind, and agrees with the schema on every valid one', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
      const doc = mutate(mutations);
      const result = validateFlow(doc);
      // validateFlow is stricter than the schema: whatever it accepts, the schema accepts too.
      if (result.ok) expect(schemaAccepts(doc), JSON.stringify(schemaAccepts.errors)).toBe(true);
      // …and whatever the schema refuses, validateFlow refuses.
      if (!schemaAccepts(doc)) expect(result.ok).toBe(false);
      for (const problem of result.ok ? result.warnings : result.errors) {
        expect(problem.path === '' || problem.path.startsWith('/')).toBe(true);
        expect(problem.message.length).toBeGreaterThan(10);
      }
    }), { numRuns: 1000 });
  });
});

/** Random dialogues built from every card type, kept when validateFlow accepts them. */
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const next = fc.option(fc.constantFrom(...ids), { nil: undefined });
const condition = fc.record({
  field: fc.constantFrom('lead.email', 'answers.a', 'answers.b', 'company.size', 'page.path'),
  op: fc.constantFrom('equals', 'isEmpty', 'isNotEmpty', 'contains', 'gt'),
  value: fc.constantFrom('x', '1', 'sales'),
});
const card: fc.Arbitrary<Card> = fc.oneof(
  fc.record({ type: fc.constant('message' as const), text: fc.constant('Hi {{lead.firstName | there}}'), next }),
  fc.record({ type: fc.constant('choice' as const), text: fc.constant('Pick'), field: fc.constant('pick'), next,
    options: fc.array(fc.record({ label: fc.string({ minLength: 1, maxLength: 5 }), value: fc.option(fc.constant('sales'), { nil: undefined }), next }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('input' as const), text: fc.constant('Type'), field: fc.constantFrom('email', 'firstName', 'note'),
    kind: fc.constantFrom('text', 'email', 'phone', 'name', 'number', 'url'), required: fc.boolean(), skipIfKnown: fc.boolean(), next }),
  fc.record({ type: fc.constant('meeting' as const), text: fc.constant('When?'), durationMinutes: fc.constant(30), next, fallback: next }),
  fc.record({ type: fc.constant('branch' as const), rules: fc.array(fc.record({ when: condition, next: fc.constantFrom(...ids) }), { maxLength: 2 }), otherwise: fc.constantFrom(...ids) }),
  fc.record({ type: fc.constant('goal' as const), name: fc.constant('Goal'), next }),
  fc.record({ type: fc.constant('end' as const), text: fc.option(fc.constant('Bye'), { nil: undefined }) }),
);
const dialogueFlow: fc.Arbitrary<Flow> = fc.tuple(...ids.map(() => card)).map((cards) => JSON.parse(JSON.stringify({
  version: 1,
  settings: { blockedEmailDomains: ['competitor.com'] },
  agents: [{ id: 'maria', name: 'Maria' }],
  dialogues: [{ id: 'd', start: 'a', cards: Object.fromEntries(ids.map((id, i) => [id, cards[i]])) }],
})) as Flow).filter((f) => validateFlow(f).ok);

const input: fc.Arbitrary<StepInput> = fc.oneof(
  fc.record({ type: fc.constant('choose' as const), index: fc.integer({ min: -1, max: 4 }) }),
  fc.record({ type: fc.constant('submit' as const), value: fc.constantFrom('', 'ana@acme.com', 'x@competitor.com', '+1 555 123 4567', 'Ana', '42', 'https://a.example', 'junk @@') }),
  fc.constant({ type: 'booked' as const, booking: { id: 'b', agent: { id: 'maria', name: 'Maria' }, start: '2026-11-24T15:00:00Z', end: '2026-11-24T15:30:00Z' }, timeZone: 'UTC' }),
  fc.constant({ type: 'noSlots' as const }),
);

function checkCardsExist(state: ChatState, outputs: Output[]) {
  const cards = state.dialogue.cards;
  const exists = (id: string) => Object.prototype.hasOwnProperty.call(cards, id);
  if (state.cardId !== null) expect(exists(state.cardId)).toBe(true);
  if (state.awaiting) expect(exists(state.awaiting.cardId)).toBe(true);
  for (const o of outputs) if ('cardId' in o) expect(exists(o.cardId)).toBe(true);
  for (const e of state.transcript) expect(exists(e.cardId)).toBe(true);
  expect(state.status === 'completed' ? state.awaiting === null && state.cardId === null : state.awaiting !== null).toBe(true);
}

describe('step on valid flows with random inputs', () => {
  it('never reaches a card that does not exist (northwind)', () => {
    fc.assert(fc.property(fc.constantFrom(...northwind.dialogues.map((d) => d.id)), fc.array(input, { maxLength: 12 }), (dialogueId, inputs) => {
      let result = start(northwind, dialogueId, { page }, now);
      checkCardsExist(result.state, result.outputs);
      for (const i of inputs) {
        result = step(result.state, i, now);
        checkCardsExist(result.state, result.outputs);
      }
      expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
    }), { numRuns: 500 });
  });

  it('never reaches a card that does not exist (generated flows with every card type)', () => {
    fc.assert(fc.property(dialogueFlow, fc.array(input, { maxLength: 12 }), fc.boolean(), (flow, inputs, known) => {
      let result = start(flow, 'd', { page, lead: known ? { email: 'k@acme.com', firstName: 'K' } : undefined }, now);
      checkCardsExist(result.state, result.outputs);
      for (const i of inputs) {
        result = step(result.state, i, now);
        checkCardsExist(result.state, result.outputs);
      }
    }), { numRuns: 300 });
  });
});

describe('step on damaged states', () => {
  const base = start(northwind, 'pricing-anonymous', { page, lead: { company: { size: 3 } } }, now).state;
  const statePaths = paths(base).filter((p) => p.length > 0);

  it('never throws when any part of a stored state is replaced or removed', () => {
    fc.assert(fc.property(fc.constantFrom(...statePaths), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), input, (path, value, remove, i) => {
      const damaged = JSON.parse(JSON.stringify(base));
      let parent = damaged;
      for (const key of path.slice(0, -1)) parent = parent[key];
      if (remove) delete parent[path[path.length - 1]];
      else parent[path[path.length - 1]] = value;
      expect(() => step(damaged, i, now)).not.toThrow();
      expect(() => step(damaged, { type: 'choose', index: 0 }, now)).not.toThrow();
    }), { numRuns: 1000 });
  });
});
