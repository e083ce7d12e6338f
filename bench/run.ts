/** `npm run bench`: validate, resolve and replay generated flows of growing size; prints figures. */
import { performance } from 'node:perf_hooks';
import { validateFlow } from '../src/engine/validate.js';
import { start, step } from '../src/engine/interpreter.js';
import type { ChatState, StepInput } from '../src/engine/state.js';
import type { Flow, InputCard, InputKind } from '../src/engine/types.js';
import { resolveDialogue, type ResolveContext } from '../src/targeting/index.js';
import { compileGlob, matchPage } from '../src/targeting/pages.js';
import { parsePageUrl } from '../src/targeting/url.js';
import { MAX_STATES, MAX_SUBJECT, compilePattern } from '../src/engine/pattern.js';
import { CARDS_PER_DIALOGUE, cardCount, generateFlow } from './generate.js';

const SIZES = [500, 5_000, 50_000];
const NOW = new Date('2026-03-27T10:00:00Z');
const PAGE = { url: 'https://www.example.com/en/pricing?utm_campaign=pricing', path: '/en/pricing', referrer: '' };

// A known visitor from a mid-size software company on a pricing page: several audiences match.
const CONTEXT: ResolveContext = {
  url: PAGE.url,
  lead: { email: 'ana@acme.com', firstName: 'Ana', company: { industry: 'Software', size: 250 } },
  device: 'desktop',
  now: NOW,
  completed: ['d1', 'd7', 'd30'],
  sessionSeen: ['d2'],
};

const VALUES: Record<InputKind, string> = {
  email: 'ana@acme.com', name: 'Ana Rossi', phone: '+39 06 1234 5678', text: 'Just looking', number: '42', url: 'https://acme.com',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(runs: number, work: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** The scripted visitor: first option, a valid value for each input kind, the first slot booked. */
function answer(state: ChatState): StepInput {
  const awaiting = state.awaiting!;
  if (awaiting.kind === 'choice') return { type: 'choose', index: 0 };
  if (awaiting.kind === 'input') {
    const card = state.dialogue.cards[awaiting.cardId] as InputCard;
    return { type: 'submit', value: VALUES[card.kind ?? 'text'] };
  }
  const at = new Date(NOW.getTime() + 86_400_000);
  return {
    type: 'booked', timeZone: 'UTC',
    booking: { id: 'b1', agent: { id: 'ana', name: 'Ana' }, start: at.toISOString(), end: new Date(at.getTime() + 1_800_000).toISOString() },
  };
}

/** Plays one dialogue from its start card to its end; returns the number of steps taken. */
function replay(flow: Flow, dialogueId: string): number {
  let { state } = start(flow, dialogueId, { lead: {}, page: PAGE }, NOW);
  let steps = 0;
  while (state.status === 'active' && state.awaiting && steps < 1000) {
    state = step(state, answer(state), NOW).state;
    steps++;
  }
  if (state.status !== 'completed') throw new Error(`replay of ${dialogueId} stopped at ${state.cardId} after ${steps} steps`);
  return steps;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(3) : ms.toFixed(1);
}

/** Runs every measured path once on a small flow, so the first size is not timed while the JIT is cold. */
function warmUp(): void {
  const doc: unknown = JSON.parse(JSON.stringify(generateFlow(2_000, 7)));
  const checked = validateFlow(doc);
  if (!checked.ok) return;
  for (let i = 0; i < 20; i++) {
    validateFlow(doc);
    resolveDialogue(checked.flow, CONTEXT);
    for (const d of checked.flow.dialogues) replay(checked.flow, d.id);
  }
}

warmUp();
const rows: string[][] = [];
for (const size of SIZES) {
  // A flow arrives as JSON text; validating the parsed document is what a backend or the element does.
  const doc: unknown = JSON.parse(JSON.stringify(generateFlow(size)));
  const checked = validateFlow(doc);
  if (!checked.ok) {
    console.error(`generated flow of ${size} cards is invalid:`, checked.errors.slice(0, 5));
    process.exit(1);
  }
  const flow = checked.flow;
  const cards = cardCount(flow);
  const per1k = (ms: number) => fmt((ms / cards) * 1000);

  const resolved = resolveDialogue(flow, CONTEXT);
  const validateMs = time(15, () => validateFlow(doc));
  const resolveMs = time(51, () => resolveDialogue(flow, CONTEXT));
  let steps = 0;
  const replayMs = time(9, () => {
    steps = 0;
    for (const d of flow.dialogues) steps += replay(flow, d.id);
  });

  rows.push([
    String(cards), String(flow.dialogues.length),
    fmt(validateMs), per1k(validateMs),
    fmt(resolveMs), per1k(resolveMs), fmt(validateMs + resolveMs),
    fmt(replayMs), per1k(replayMs), String(steps),
    resolved.dialogueId ?? '-',
  ]);
}

const head = ['cards', 'dialogues', 'validate ms', 'per 1k', 'resolve ms', 'per 1k', 'validate+resolve', 'replay ms', 'per 1k', 'steps', 'winner'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log(`Node ${process.version}; medians of 15 (validate), 51 (resolve), 9 (replay) runs after a warm-up.`);
console.log(`${CARDS_PER_DIALOGUE} cards per dialogue; resolve = a known visitor on a pricing page, every dialogue explained;`);
console.log('replay = start + step through every dialogue of the flow to its end with scripted answers.');
console.log('Aim: 5,000 cards validated and resolved in under 10 ms; per-1k figures stay flat when growth is linear.\n');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

// A hostile upload (every card a silent loop) must cost a backend no more than a valid flow does.
const looping = (size: number): unknown => ({
  version: 1,
  dialogues: [{ id: 'd', start: 'c0', cards: Object.fromEntries(Array.from({ length: size }, (_, i) => [`c${i}`, { type: 'message', text: 'x', next: `c${i}` }])) }],
});
console.log('\nWorst case, every card a silent loop (all reported): validate ms (median of 5)');
for (const size of [5_000, 50_000]) {
  const doc = looping(size);
  console.log(`${String(size).padStart(6)} cards  ${fmt(time(5, () => validateFlow(doc))).padStart(8)}`);
}

// A crafted link against `matches` page rules: the patterns that freeze a backtracking RegExp,
// and the costliest ones the validator accepts, beside a plain includes. The worst case needs a
// text that keeps every state alive: a path of 2,100 `a`s (the widest `{1,n}` of `[a-z]|a`, or the
// glob with the most `*a`, never finds its end).
const CRAFTED = `https://www.example.com/blog/${'a'.repeat(10_000)}!`;
const WORST = `/${'a'.repeat(2100)}`;
const accepted = (value: string, match = 'matches') =>
  validateFlow({ version: 1, dialogues: [{ id: 'd', start: 'c', audience: { pages: [{ match, value }] }, cards: { c: { type: 'end' } } }] }).ok;
let widest = 1;
while (accepted(`(?:[a-z]|a){1,${widest + 1}}x`)) widest++;
let stars = 1;
while (accepted(`/${'*a'.repeat(stars + 1)}b`, 'glob')) stars++;
const RULES: Array<[string, string, string]> = [
  ['matches', '(a+)+$', CRAFTED], ['matches', '^/blog/([a-z0-9]+-?)+$', CRAFTED], ['matches', '\\d+\\d+\\d+x', CRAFTED],
  ['matches', `(?:[a-z]|a){1,${widest}}x`, WORST], ['glob', `/${'*a'.repeat(stars)}b`, WORST],
];
console.log(`\nCrafted URLs against page rules (the matcher reads the first ${MAX_SUBJECT} characters, at most ${MAX_STATES} states; median of 9 runs, cache warm):`);
console.log(`${'includes (reference)'.padEnd(40)} ${fmt(time(9, () => CRAFTED.includes('/pricing'))).padStart(8)} ms`);
for (const [match, value, url] of RULES) {
  const ms = time(9, () => matchPage({ match, value } as never, url));
  const counter = { steps: 0 };
  const page = parsePageUrl(url);
  if (match === 'glob') compileGlob(value)(page, counter);
  else (compilePattern(value) as (text: string, c: typeof counter) => boolean)(page.pathQuery, counter);
  const shown = `${match} ${value.length > 32 ? `${value.slice(0, 29)}…` : value}`;
  console.log(`${shown.padEnd(40)} ${fmt(ms).padStart(8)} ms  ${accepted(value, match) ? 'accepted' : 'refused'}, ${counter.steps} steps, ${((ms * 1e6) / counter.steps).toFixed(0)} ns/step`);
}
