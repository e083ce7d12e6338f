/**
 * The interpreter: a deterministic reducer. `start` opens a dialogue and `step` applies one
 * visitor (or adapter) input; time is passed in and delays are data, so any dialogue replays
 * in Node with no DOM and no timers. States are plain JSON and are never mutated.
 */
import { checkInput } from './input-rules.js';
import { fromJson, toJson } from './json.js';
import type { ChatState, PageContext, StepInput, StepResult, Output } from './state.js';
import { formatMeetingTime } from './time-format.js';
import type { Booking, Card, Flow, Lead } from './types.js';
import { SAFE_URL } from './validate-settings.js';
import { has, isFilled, isObject, isText, setOwn } from './guards.js';
import { answer, botLine, cardOf, draftOf, walk, writeField, type Draft } from './walk.js';

/** The response delay when the flow does not set one. */
export const DEFAULT_RESPONSE_DELAY_MS = 900;

/** Who is chatting and where, when a dialogue starts. */
export interface StartContext { lead?: Lead; page: PageContext }

// A copy that storage round-trips unchanged, whatever the page did to JSON or Array.prototype; a host
// object JSON cannot hold (a cycle, a BigInt) is used as it is rather than failing the conversation.
function plainCopy<T>(value: T): T {
  try {
    return value === undefined ? value : fromJson(toJson(value)) as T;
  } catch {
    return value;
  }
}

const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter(isText) : []);

/**
 * Starts a dialogue of the flow and walks it to the first card that waits for the visitor.
 * The dialogue is copied into the state, so the conversation keeps the version it began with.
 * An unknown dialogue id gives a completed state with no outputs.
 */
export function start(flow: Flow, dialogueId: string, ctx: StartContext, now: Date): StepResult {
  const dialogue = (Array.isArray(flow?.dialogues) ? flow.dialogues : []).find((d) => isObject(d) && d.id === dialogueId);
  const settings = isObject(flow?.settings) ? flow.settings : {};
  const delay = settings.responseDelayMs;
  const page = ctx?.page;
  const state: ChatState = {
    dialogueId,
    dialogue: dialogue ? plainCopy(dialogue) : { id: dialogueId, start: '', cards: {} },
    settings: {
      responseDelayMs: typeof delay === 'number' && delay >= 0 ? delay : DEFAULT_RESPONSE_DELAY_MS,
      blockedEmailDomains: strings(settings.blockedEmailDomains),
      agentIds: strings(Array.isArray(flow?.agents) ? flow.agents.filter(isObject).map((a) => a.id) : []),
    },
    cardId: null,
    awaiting: null,
    answers: {},
    lead: isObject(ctx?.lead) ? plainCopy(ctx.lead) : {},
    page: { url: String(page?.url ?? ''), path: String(page?.path ?? ''), referrer: String(page?.referrer ?? '') },
    status: dialogue ? 'active' : 'completed',
    engaged: false,
    transcript: [],
  };
  const outputs: Output[] = [];
  if (dialogue) walk(state, state.dialogue.start, outputs, now);
  return { state, outputs };
}

/** A booking the engine accepts (the transcript keeps it for the calendar link: id and readable times). */
export function isBooking(value: unknown): value is Booking {
  const isInstant = (v: unknown) => isText(v) && !Number.isNaN(Date.parse(v));
  return isObject(value) && isFilled(value.id) && isInstant(value.start) && isInstant(value.end)
    && isObject(value.agent) && isText(value.agent.id) && isText(value.agent.name);
}

/** The confirmation line of a booking when the UI gives no localised one. */
export const DEFAULT_CONFIRMATION = 'Booked with {agent}: {time}';

/**
 * Applies an input to a copy of the state waiting on `card`: true when it is meant for the card
 * (the draft then holds the answer and the walk to the next card, or a refused input's error),
 * false when it is not, leaving the state unchanged.
 */
type Apply<I> = (draft: Draft, card: Card, cardId: string, input: I, outputs: Output[], now: Date) => boolean;

const choose: Apply<{ index: number }> = (draft, card, cardId, { index }, outputs, now) => {
  if (card.type !== 'choice') return false;
  const option: unknown = Array.isArray(card.options) && Number.isInteger(index) ? card.options[index] : undefined;
  if (!isObject(option) || !isText(option.label)) return false;
  const value = isText(option.value) ? option.value : option.label;
  answer(draft, cardId, value, option.label, outputs, now);
  writeField(draft, cardId, card.field, value, outputs);
  if (isText(option.url) && SAFE_URL.test(option.url)) outputs.push({ type: 'openUrl', url: option.url });
  walk(draft, option.next ?? card.next, outputs, now);
  return true;
};

const submit: Apply<{ value: unknown }> = (draft, card, cardId, { value: raw }, outputs, now) => {
  if (card.type !== 'input') return false;
  const typed = isText(raw) ? raw : '';
  const value = typed.trim();
  const problem = checkInput(card.kind, value, { required: card.required !== false, blockedDomains: draft.settings.blockedEmailDomains });
  if (problem !== null) {
    // The visitor tries again: same card, their value kept for correction, the card's own error first.
    const error = isFilled(card.error) ? card.error : problem;
    draft.awaiting = { kind: 'input', cardId, error, value: typed };
    outputs.push({ type: 'invalid', cardId, error, value: typed });
    return true;
  }
  // A decimal comma is read as a point, so number answers compare as numbers in branches.
  const stored = card.kind === 'number' ? value.replace(',', '.') : value;
  answer(draft, cardId, stored, value, outputs, now);
  if (stored !== '') writeField(draft, cardId, card.field, stored, outputs);
  walk(draft, card.next, outputs, now);
  return true;
};

const booked: Apply<Extract<StepInput, { type: 'booked' }>> = (draft, card, cardId, { booking, timeZone, locale, confirmation }, outputs, now) => {
  if (card.type !== 'meeting' || !isBooking(booking)) return false;
  const when = formatMeetingTime(booking.start, isText(timeZone) ? timeZone : 'UTC', isText(locale) ? locale : 'en');
  const template = isFilled(confirmation) ? confirmation : DEFAULT_CONFIRMATION;
  // A function replacement, so a `$` in an agent's name is taken literally.
  const text = template.replace(/\{agent\}/g, () => booking.agent.name).replace(/\{time\}/g, () => when);
  const copy = plainCopy(booking);
  setOwn(draft.answers, cardId, booking.start);
  draft.engaged = true;
  // The confirmation follows the adapter's answer at once: no typing delay.
  botLine(draft, cardId, text, [{ type: 'text', text }], 0, outputs, now, copy);
  outputs.push({ type: 'meeting', cardId, booking: copy });
  walk(draft, card.next, outputs, now);
  return true;
};

const noSlots: Apply<unknown> = (draft, card, _cardId, _input, outputs, now) => {
  if (card.type !== 'meeting') return false;
  walk(draft, card.fallback, outputs, now);
  return true;
};

// How each input type is applied; each checks that the card waited on is of its kind. `step`
// looks a handler up by the input's own type, so the input it passes always fits (hence `never`).
const APPLY: Record<StepInput['type'], Apply<never>> = { choose, submit, booked, noSlots };

// A state read back from storage may have been tampered with or written by an older version:
// it is only played when every part the reducer touches has the right shape.
function isPlayable(state: ChatState): state is ChatState & { awaiting: NonNullable<ChatState['awaiting']> } {
  if (!isObject(state) || state.status !== 'active' || !isObject(state.awaiting) || !isText(state.awaiting.cardId)) return false;
  const { settings } = state;
  return [state.dialogue, state.answers, state.lead, state.page, settings].every(isObject) && typeof settings.responseDelayMs === 'number'
    && [state.transcript, settings.agentIds, settings.blockedEmailDomains].every(Array.isArray);
}

/**
 * Applies one input to a conversation. A completed state, or an input that does not fit the
 * card being waited on, gives the same state back with no outputs; `step` never throws.
 */
export function step(state: ChatState, input: StepInput, now: Date): StepResult {
  if (!isPlayable(state) || !isObject(input) || !has(APPLY, input.type)) return { state, outputs: [] };
  const { cardId, kind } = state.awaiting;
  const card = cardOf(state, cardId);
  const draft = draftOf(state);
  const outputs: Output[] = [];
  // Walking on from the card sets what the draft waits for next (or ends it).
  return card?.type === kind && APPLY[input.type](draft, card, cardId, input as never, outputs, now) ? { state: draft, outputs } : { state, outputs: [] };
}
