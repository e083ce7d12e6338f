/**
 * The loader's own look at a flow before it targets anything: cheap, and without the validator's
 * messages. It looks for what would make targeting or the trigger misbehave, for links that go
 * nowhere and for script links. It may doubt a valid flow (then the full validator, a chunk,
 * decides and names every problem); what it passes is checked again in full before anything plays
 * (stage 2), so a subtler problem (an unknown card type or trigger, a colour without contrast) is
 * reported then, with every path, and nothing plays.
 */
import { has, type Flow } from '../engine/index.js';

// A script or non-image data URL anywhere, once the characters a browser drops from a URL are gone.
const UNSAFE = /script:|data:(?!image\/)/i;
/** Deeper than this, the document is not one a person wrote (or it has a cycle): the validator looks. */
const MAX_DEPTH = 40;

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** No string in `value` looks like a script or data link. */
function safeTexts(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return !UNSAFE.test(value.replace(/[\0-\x20]/g, ''));
  if (!value || typeof value !== 'object') return true;
  return depth < MAX_DEPTH && Object.values(value).every((item) => safeTexts(item, depth + 1));
}

/** Every card link of the dialogue (start, next, option, rule, fallback) names one of its cards. */
function linked(dialogue: Record<string, unknown>): boolean {
  const cards = dialogue.cards;
  if (!isRecord(cards)) return false;
  const known = (id: unknown) => typeof id === 'string' && has(cards, id);
  const optional = (id: unknown) => id === undefined || known(id);
  return known(dialogue.start) && Object.values(cards).every((card) => isRecord(card) && optional(card.next) && optional(card.otherwise) && optional(card.fallback)
    && [card.options, card.rules].every((list) => list === undefined
      || (Array.isArray(list) && list.every((item) => isRecord(item) && optional(item.next)))));
}

/** True when the flow looks playable; false means "ask the validator", not "invalid". */
export function looksPlayable(doc: unknown): doc is Flow {
  try {
    return isRecord(doc) && doc.version === 1 && Array.isArray(doc.dialogues) && (doc.settings === undefined || isRecord(doc.settings))
      && doc.dialogues.every((dialogue) => isRecord(dialogue) && typeof dialogue.id === 'string' && dialogue.id !== ''
        && (dialogue.trigger === undefined || isRecord(dialogue.trigger)) && linked(dialogue))
      && safeTexts(doc);
  } catch {
    // A throwing getter or a revoked Proxy: the validator says what it is.
    return false;
  }
}
