/** validateFlow: every problem of a flow document, each with a path and a message a marketer understands. */
import type { Flow, ValidationResult } from './types.js';
import { checkAudience, checkTrigger } from './validate-audience.js';
import { checkCard, type CardInfo } from './validate-cards.js';
import { checkGraph } from './validate-graph.js';
import { checkAgents, checkSettings, type AgentList } from './validate-settings.js';
import {
  Problems, booleanField, checkKeys, choiceField, has, isObject, kindOf, listField, numberField, objectField, pointer,
  quote, textField, type JsonObject,
} from './validate-util.js';

const ROOT_KEYS = new Set(['$schema', 'version', 'settings', 'agents', 'dialogues']);
const DIALOGUE_KEYS = new Set(['id', 'name', 'enabled', 'priority', 'audience', 'trigger', 'frequency', 'start', 'cards']);

function checkDialogue(p: Problems, dialogue: JsonObject, path: string, agents: AgentList): string | undefined {
  const id = textField(p, dialogue, 'id', path, 'A dialogue', { required: true, nonEmpty: true });
  const label = id === undefined ? 'A dialogue' : `Dialogue ${quote(id)}`;
  checkKeys(p, dialogue, path, label, DIALOGUE_KEYS);
  textField(p, dialogue, 'name', path, label);
  booleanField(p, dialogue, 'enabled', path, label);
  numberField(p, dialogue, 'priority', path, label);
  const audience = objectField(p, dialogue, 'audience', path, label);
  if (audience) checkAudience(p, audience, pointer(path, 'audience'), `${label}, audience`);
  const trigger = objectField(p, dialogue, 'trigger', path, label);
  if (trigger) checkTrigger(p, trigger, pointer(path, 'trigger'), `${label}, trigger`);
  choiceField(p, dialogue, 'frequency', path, label, ['once', 'session', 'always']);
  const start = textField(p, dialogue, 'start', path, label, { required: true, nonEmpty: true });
  const cards = objectField(p, dialogue, 'cards', path, label, true);
  if (!cards) return id;
  const infos = new Map<string, CardInfo>();
  const cardsPath = pointer(path, 'cards');
  const ctx = { agents, cards };
  for (const cardId of Object.keys(cards)) {
    const cardPath = pointer(cardsPath, cardId);
    if (cardId === '') p.error(cardPath, `${label} has a card with an empty id; give every card a name.`);
    infos.set(cardId, checkCard(p, cards[cardId], cardId, cardPath, ctx));
  }
  checkGraph(p, infos, start, path);
  return id;
}

function checkFlow(p: Problems, doc: unknown): void {
  if (!isObject(doc)) {
    p.error('', `The flow must be a JSON object such as { "version": 1, "dialogues": [ … ] }, not ${kindOf(doc)}.`);
    return;
  }
  checkKeys(p, doc, '', 'The flow', ROOT_KEYS);
  if (!has(doc, 'version')) p.error('/version', 'The flow needs "version": 1.');
  else if (doc.version !== 1) {
    const shown = typeof doc.version === 'string' ? quote(doc.version) : typeof doc.version === 'number' ? String(doc.version) : kindOf(doc.version);
    p.error('/version', `The flow says version ${shown}, but dynamic-chat reads version 1.`);
  }
  const settings = objectField(p, doc, 'settings', '', 'The flow');
  if (settings) checkSettings(p, settings, '/settings');
  const agents = checkAgents(p, doc);
  const dialogues = listField(p, doc, 'dialogues', '', 'The flow', true);
  if (!dialogues) return;
  const seen = new Map<string, number>();
  dialogues.forEach((dialogue, i) => {
    const path = pointer('/dialogues', i);
    if (!isObject(dialogue)) {
      p.error(path, `Each dialogue must be an object with an id, a start and cards, not ${kindOf(dialogue)}.`);
      return;
    }
    const id = checkDialogue(p, dialogue, path, agents);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) p.error(pointer(path, 'id'), `Two dialogues share the id ${quote(id)} (also /dialogues/${first}); dialogue ids must be unique.`);
    else seen.set(id, i);
  });
}

/**
 * Checks a flow document and reports every problem it finds; never throws, whatever `doc` is.
 * Warnings (unreachable cards, unknown keys, tokens that show nothing) do not make a flow
 * invalid: they come back in `warnings` when it is valid, and after the errors in `errors`
 * (with `level: 'warning'`) when it is not.
 */
export function validateFlow(doc: unknown): ValidationResult {
  const p = new Problems();
  try {
    checkFlow(p, doc);
  } catch (err) {
    // Only a non-JSON value (a throwing getter, a Proxy) can get here; it is reported, not thrown.
    p.error('', `The flow could not be read: ${err instanceof Error ? err.message : 'unexpected value'}.`);
  }
  const errors = p.list.filter((problem) => problem.level === 'error');
  if (errors.length === 0) return { ok: true, flow: doc as Flow, warnings: p.list };
  // Errors first (each group in document order), so the first entry is always a real blocker.
  return { ok: false, errors: [...errors, ...p.list.filter((problem) => problem.level !== 'error')] };
}
