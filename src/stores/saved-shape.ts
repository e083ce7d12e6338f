/**
 * The shape of a conversation read back from sessionStorage. It may come from another widget
 * version or from tampering, so it is untrusted input: the render and the engine only ever see a
 * conversation that passes these checks.
 */
import { validateFlow, has, isObject, isText, type JsonObject } from '../engine/index.js';
import { hasTexts } from '../adapters/slot-shape.js';
import type { SavedConversation } from './persistence.js';

type Check = (value: unknown) => boolean;

const isFlag: Check = (value) => typeof value === 'boolean';
const optional = (value: unknown, check: Check): boolean => value === undefined || check(value);
const every = (value: unknown, check: Check): boolean => Array.isArray(value) && value.every(check);

/**
 * A markdown tree as the engine makes it: text leaves, bold/italic/link nodes with children.
 * Deeper than 32 levels it is not one the engine made (and would exhaust the render's stack).
 */
const isTree = (value: unknown, depth = 0): boolean => depth < 32 && every(value, (node) => isObject(node)
  && (node.type === 'text' ? isText(node.text)
    : (node.type === 'bold' || node.type === 'italic' || (node.type === 'link' && isText(node.href))) && isTree(node.children, depth + 1)));

const isEntry: Check = (entry) => hasTexts(entry, 'from cardId text') && /^(bot|visitor)$/.test(entry.from as string)
  // A booking of the wrong shape is harmless: the line shows without its calendar link.
  && optional(entry.tree, isTree);

/** True when `saved` is a saved conversation this widget could have written. */
export function isSavedConversation(saved: unknown): saved is SavedConversation {
  if (!isObject(saved) || !hasTexts(saved.state, 'dialogueId status')) return false;
  const { state, pending } = saved;
  const { settings, dialogue, awaiting, answers } = state;
  const cards = isObject(dialogue) && isObject(dialogue.cards) ? dialogue.cards : {};
  return isObject(settings) && Number.isFinite(settings.responseDelayMs)
    && every(settings.blockedEmailDomains, isText) && every(settings.agentIds, isText)
    // The dialogue is checked as a one-dialogue flow with the state's agents.
    && isObject(dialogue) && dialogue.id === state.dialogueId
    && validateFlow({ version: 1, agents: (settings.agentIds as string[]).map((id) => ({ id, name: id })), dialogues: [dialogue] }).ok
    && (state.cardId === null || isText(state.cardId))
    // Waiting on a card the dialogue has, of the kind awaited.
    && (awaiting === null || (hasTexts(awaiting, 'kind cardId') && has(cards, awaiting.cardId as string)
      && (cards[awaiting.cardId as string] as JsonObject).type === awaiting.kind))
    && isObject(answers) && Object.values(answers).every(isText)
    && isObject(state.lead) && hasTexts(state.page, 'url path referrer')
    && /^(active|completed)$/.test(state.status as string) && isFlag(state.engaged)
    && every(state.transcript, isEntry)
    && isFlag(saved.triggered) && isFlag(saved.open) && isFlag(saved.closedReported) && optional(saved.pokeDone, isFlag)
    // Outputs still to play (a replayed message shows no tree of its own; a field is sent on).
    && optional(pending, (list) => every(list, (output) => hasTexts(output, 'type') && (output.type !== 'field' || hasTexts(output, 'field value'))))
    && optional(saved.revealed, Number.isFinite);
}
