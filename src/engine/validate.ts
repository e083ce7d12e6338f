/** validateFlow: every problem of a flow document, each with a path and a message a marketer understands. */
import type { Flow, ValidationResult } from './types.js';
import { AUDIENCE, TRIGGER } from './validate-audience.js';
import { CARD_ID, checkCards, type CardNode } from './validate-cards.js';
import { checkGraph } from './validate-graph.js';
import { AGENTS, SETTINGS, uniqueId } from './validate-settings.js';
import { has, isObject, type JsonObject } from './guards.js';
import { ANY, BOOLEAN, FILLED, TEXT, is, listOf, number, oneOf, report, shape, type Check, type Run } from './validate-util.js';

const DIALOGUE_FIELDS = shape({
  id: uniqueId('dialogues'),
  name: TEXT,
  enabled: BOOLEAN,
  priority: number(),
  audience: AUDIENCE,
  trigger: TRIGGER,
  frequency: oneOf(['once', 'session', 'always']),
  start: CARD_ID,
  cards: is<JsonObject>('an object', isObject, ANY),
}, ['id', 'start', 'cards']);

// A dialogue: its keys, then each card (links and answers are checked against its own cards), then the graph.
const DIALOGUE: Check = (run, dialogue, path) => {
  const cards = isObject(dialogue) && isObject(dialogue.cards) ? dialogue.cards : undefined;
  run.cards = cards;
  DIALOGUE_FIELDS(run, dialogue, path);
  if (!cards) return;
  const nodes = new Map<string, CardNode>();
  const at = `${path}/cards`;
  checkCards(run, cards, at, nodes);
  const start = (dialogue as JsonObject).start;
  checkGraph(run, nodes, typeof start === 'string' && has(cards, start) ? start : undefined, at);
};

const FLOW = shape({
  $schema: ANY,
  version: is('1', (value) => value === 1),
  settings: SETTINGS,
  agents: AGENTS,
  dialogues: listOf(DIALOGUE),
}, ['version', 'dialogues']);

/**
 * Checks a flow document and reports every problem it finds; never throws, whatever `doc` is.
 * Warnings (unreachable cards, unknown keys, tokens that show nothing) do not make a flow
 * invalid: they come back in `warnings` when it is valid, and after the errors in `errors`
 * (with `level: 'warning'`) when it is not.
 */
export function validateFlow(doc: unknown): ValidationResult {
  const run: Run = { problems: [], agents: new Map(), dialogues: new Map(), links: [] };
  try {
    FLOW(run, doc, '');
  } catch (err) {
    // Only a non-JSON value (a throwing getter, a Proxy) can get here; it is reported, not thrown.
    report(run, '', `The flow could not be read: ${err instanceof Error ? err.message : 'unexpected value'}.`);
  }
  const errors = run.problems.filter((problem) => problem.level === 'error');
  if (errors.length === 0) return { ok: true, flow: doc as Flow, warnings: run.problems };
  // Errors first (each group in document order), so the first entry is always a real blocker.
  return { ok: false, errors: [...errors, ...run.problems.filter((problem) => problem.level !== 'error')] };
}
