/** Generates large, valid flow documents with a realistic card mix and varied audiences. */
import type { Audience, Card, Dialogue, Flow, InputKind, PageRule } from '../src/engine/types.js';

/** Cards per generated dialogue, about what a real qualification dialogue holds. */
export const CARDS_PER_DIALOGUE = 25;

/** A small deterministic PRNG (mulberry32), so every run measures the same flows. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: InputKind[] = ['email', 'name', 'phone', 'text', 'number', 'url'];
const SECTIONS = ['pricing', 'blog', 'docs', 'product', 'careers', 'contact', 'customers', 'partners'];

// Relative weights of segment kinds: mostly messages, then choices and inputs, as real flows are.
const MIX: Array<[Card['type'], number]> = [
  ['message', 40], ['choice', 20], ['input', 15], ['branch', 10], ['goal', 8], ['meeting', 7],
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

function kindOfSegment(rnd: () => number): Card['type'] {
  let roll = rnd() * 100;
  for (const [type, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'message';
}

function card(type: Card['type'], id: string, next: string, i: number, rnd: () => number): Card {
  switch (type) {
    case 'choice':
      return {
        type, text: `Question ${i}: what brings you here, {{lead.firstName | friend}}?`, field: `interest${i}`,
        options: [
          { label: 'Pricing', value: 'pricing', next },
          { label: 'A demo', value: 'demo', next },
          { label: 'Read the docs', url: 'https://example.com/docs', next },
        ],
      };
    case 'input': {
      const kind = pick(rnd, KINDS);
      return { type, kind, field: kind === 'email' ? 'email' : `field${i}`, text: `Your ${kind}?`, required: true, skipIfKnown: kind === 'email', next };
    }
    case 'branch':
      return {
        type, otherwise: next,
        rules: [
          { when: [{ field: 'company.size', op: 'gte', value: 200 }], next },
          { when: { field: 'lead.email', op: 'endsWith', value: '.edu' }, next },
        ],
      };
    case 'goal': return { type, name: `Goal ${i}`, next };
    case 'meeting': return { type, text: 'Pick a time:', durationMinutes: 30, daysAhead: 14, next, fallback: next };
    default: return { type: 'message', text: `Step ${i} of **${id}**: see [our plans](https://example.com/pricing).`, next };
  }
}

function cards(count: number, dialogueIndex: number, rnd: () => number): Record<string, Card> {
  const out: Record<string, Card> = {};
  const types: Card['type'][] = [];
  for (let i = 0; i < count - 1; i++) types.push(i === 0 ? 'message' : kindOfSegment(rnd));
  types.forEach((type, i) => {
    const next = i + 1 < types.length ? `c${i + 1}` : 'end';
    out[`c${i}`] = card(type, `d${dialogueIndex}`, next, i, rnd);
  });
  out.end = { type: 'end', text: 'Thanks, {{lead.firstName | there}}!' };
  return out;
}

function pageRule(rnd: () => number, section: string): PageRule {
  switch (Math.floor(rnd() * 6)) {
    case 0: return { match: 'contains', value: `/${section}` };
    case 1: return { match: 'startsWith', value: `/${section}` };
    case 2: return { match: 'glob', value: `https://*.example.com/${section}/*` };
    case 3: return { match: 'matches', value: `^/(en|de|fr)/${section}(/|$)` };
    case 4: return { match: 'param', name: 'utm_campaign', value: section };
    default: return { match: 'equals', value: `/${section}` };
  }
}

function audience(rnd: () => number): Audience {
  const section = pick(rnd, SECTIONS);
  const result: Audience = { pages: [pageRule(rnd, section), pageRule(rnd, section)], visitor: pick(rnd, ['anonymous', 'known', 'any'] as const) };
  if (rnd() < 0.4) result.excludePages = [{ match: 'startsWith', value: `/${section}/internal` }];
  if (rnd() < 0.5) {
    result.conditions = [
      { field: 'company.industry', op: 'in', value: ['Software', 'Retail', 'Finance'] },
      { field: 'company.size', op: 'gte', value: Math.floor(rnd() * 500) },
    ];
  }
  if (rnd() < 0.3) result.devices = [pick(rnd, ['desktop', 'mobile'] as const)];
  if (rnd() < 0.3) {
    result.schedule = { timeZone: pick(rnd, ['Europe/Rome', 'America/New_York', 'Asia/Tokyo']), days: [1, 2, 3, 4, 5], hours: ['08:00', '20:00'] };
  }
  return result;
}

/** A valid flow of about `totalCards` cards spread over dialogues of CARDS_PER_DIALOGUE cards. */
export function generateFlow(totalCards: number, seed = 42): Flow {
  const rnd = random(seed);
  const dialogues: Dialogue[] = [];
  const count = Math.max(1, Math.round(totalCards / CARDS_PER_DIALOGUE));
  for (let d = 0; d < count; d++) {
    dialogues.push({
      id: `d${d}`, name: `Dialogue ${d}`, priority: Math.floor(rnd() * 20),
      audience: audience(rnd), trigger: { on: 'load' }, frequency: pick(rnd, ['once', 'session', 'always'] as const),
      start: 'c0', cards: cards(CARDS_PER_DIALOGUE, d, rnd),
    });
  }
  return {
    version: 1,
    settings: { botName: 'Bench', responseDelayMs: 600, blockedEmailDomains: ['competitor.example'] },
    agents: [{ id: 'ana', name: 'Ana' }, { id: 'ben', name: 'Ben' }, { id: 'cy', name: 'Cy' }],
    dialogues,
  };
}

/** Number of cards in a flow. */
export function cardCount(flow: Flow): number {
  return flow.dialogues.reduce((sum, d) => sum + Object.keys(d.cards).length, 0);
}
