/**
 * The shape of a conversation read back from sessionStorage. It may come from another widget
 * version or from tampering, so it is untrusted input: the render and the engine only ever see a
 * conversation that passes these checks.
 */
import { isBooking } from '../engine/interpreter.js';
import type { ChatState } from '../engine/state.js';
import { validateFlow } from '../engine/validate.js';
import { has, isObject, isText, type JsonObject } from '../engine/validate-util.js';
import type { SavedConversation } from './persistence.js';

const isFlag = (value: unknown): boolean => typeof value === 'boolean';
const optional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);
const every = (value: unknown, check: (item: unknown) => boolean): boolean => Array.isArray(value) && value.every(check);
const allText = (value: unknown, keys: string[]): boolean => isObject(value) && keys.every((key) => isText(value[key]));

/** Deeper than this, a markdown tree is not one the engine made (and would exhaust the render's stack). */
const MAX_DEPTH = 32;

/** A markdown tree as the engine makes it: text leaves, bold/italic/link nodes with children. */
function isTree(value: unknown, depth = 0): boolean {
  return depth < MAX_DEPTH && every(value, (node) => isObject(node) && (node.type === 'text' ? isText(node.text)
    : ['bold', 'italic', 'link'].includes(node.type as string) && (node.type !== 'link' || isText(node.href)) && isTree(node.children, depth + 1)));
}

const isEntry = (entry: unknown): boolean => allText(entry, ['cardId', 'text'])
  && ((entry as JsonObject).from === 'bot' || (entry as JsonObject).from === 'visitor')
  && optional((entry as JsonObject).tree, isTree) && optional((entry as JsonObject).booking, isBooking);

/** The text fields each output type carries (and that a replay reads). */
const OUTPUT_TEXTS: Record<string, string[]> = {
  message: ['cardId', 'text'], answer: ['cardId', 'value', 'label'], field: ['field', 'value'], invalid: ['cardId', 'error', 'value'],
  goal: ['goal'], requestSlots: ['cardId'], meeting: ['cardId'], end: [],
};

/** An output still waiting out its delay, as the engine made it. */
function isOutput(output: unknown): boolean {
  const type = isObject(output) && isText(output.type) ? output.type : '';
  return has(OUTPUT_TEXTS, type) && allText(output, OUTPUT_TEXTS[type])
    && (type !== 'message' || isTree((output as JsonObject).tree))
    && (type !== 'meeting' || isBooking((output as JsonObject).booking));
}

/** The awaited card exists and is of the kind awaited. */
function isAwaiting(awaiting: unknown, cards: JsonObject): boolean {
  if (awaiting === null) return true;
  if (!allText(awaiting, ['kind', 'cardId'])) return false;
  const { kind, cardId, error, value } = awaiting as JsonObject;
  return has(cards, cardId as string) && (cards[cardId as string] as JsonObject).type === kind
    && optional(error, isText) && optional(value, isText);
}

/** The dialogue the conversation plays is a valid one: checked as a one-dialogue flow with the state's agents. */
function isDialogue(state: JsonObject, settings: JsonObject): boolean {
  const agents = (settings.agentIds as string[]).map((id) => ({ id, name: id }));
  return isObject(state.dialogue) && state.dialogue.id === state.dialogueId
    && validateFlow({ version: 1, agents, dialogues: [state.dialogue] }).ok;
}

/** True when `state` is a conversation state this widget could have written. */
export function isSavedState(state: unknown): state is ChatState {
  if (!isObject(state) || !isText(state.dialogueId)) return false;
  const { settings, answers, page, transcript } = state;
  return isObject(settings) && Number.isFinite(settings.responseDelayMs)
    && every(settings.blockedEmailDomains, isText) && every(settings.agentIds, isText)
    && isDialogue(state, settings)
    && (state.cardId === null || isText(state.cardId))
    && isAwaiting(state.awaiting, (state.dialogue as JsonObject).cards as JsonObject)
    && isObject(answers) && Object.values(answers).every(isText)
    && isObject(state.lead) && allText(page, ['url', 'path', 'referrer'])
    && (state.status === 'active' || state.status === 'completed') && isFlag(state.engaged)
    && every(transcript, isEntry);
}

/** True when `saved` is a saved conversation this widget could have written. */
export function isSavedConversation(saved: unknown): saved is SavedConversation {
  return isObject(saved) && isSavedState(saved.state) && isFlag(saved.triggered) && isFlag(saved.open)
    && isFlag(saved.closedReported) && optional(saved.pokeDone, isFlag)
    && optional(saved.pending, (pending) => every(pending, isOutput)) && optional(saved.revealed, Number.isFinite);
}
