/**
 * The interpreter: a deterministic reducer. `start` opens a dialogue and `step` applies one
 * visitor (or adapter) input; time is passed in and delays are data, so any dialogue replays
 * in Node with no DOM and no timers. States are plain JSON and are never mutated.
 */
import { checkInput } from './input-rules.js';
import type { ChatState, PageContext, StepInput, StepResult, Output } from './state.js';
import { formatMeetingTime } from './time-format.js';
import type { Booking, Flow, Lead } from './types.js';
import { SAFE_URL } from './validate-settings.js';
import { isObject } from './validate-util.js';
import { answer, cardOf, draftOf, isoOf, walk, writeField } from './walk.js';

/** The response delay when the flow does not set one. */
export const DEFAULT_RESPONSE_DELAY_MS = 900;

/** Who is chatting and where, when a dialogue starts. */
export interface StartContext { lead?: Lead; page: PageContext }

// A copy that storage round-trips unchanged; a host object JSON cannot hold (a cycle, a BigInt)
// is used as it is rather than failing the conversation.
function plainCopy<T>(value: T): T {
  try {
    return value === undefined ? value : JSON.parse(JSON.stringify(value)) as T;
  } catch {
    return value;
  }
}

function unchanged(state: ChatState): StepResult {
  return { state, outputs: [] };
}

/**
 * Starts a dialogue of the flow and walks it to the first card that waits for the visitor.
 * The dialogue is copied into the state, so the conversation keeps the version it began with.
 * An unknown dialogue id gives a completed state with no outputs.
 */
export function start(flow: Flow, dialogueId: string, ctx: StartContext, now: Date): StepResult {
  const dialogues = Array.isArray(flow?.dialogues) ? flow.dialogues : [];
  const dialogue = dialogues.find((d) => isObject(d) && d.id === dialogueId);
  const settings = isObject(flow?.settings) ? flow.settings : {};
  const delay = settings.responseDelayMs;
  const state: ChatState = {
    dialogueId,
    dialogue: dialogue ? plainCopy(dialogue) : { id: dialogueId, start: '', cards: {} },
    settings: {
      responseDelayMs: typeof delay === 'number' && delay >= 0 ? delay : DEFAULT_RESPONSE_DELAY_MS,
      blockedEmailDomains: Array.isArray(settings.blockedEmailDomains) ? settings.blockedEmailDomains.filter((d) => typeof d === 'string') : [],
      agentIds: Array.isArray(flow?.agents) ? flow.agents.filter(isObject).map((a) => a.id).filter((id) => typeof id === 'string') : [],
    },
    cardId: null,
    awaiting: null,
    answers: {},
    lead: isObject(ctx?.lead) ? plainCopy(ctx.lead) : {},
    page: { url: String(ctx?.page?.url ?? ''), path: String(ctx?.page?.path ?? ''), referrer: String(ctx?.page?.referrer ?? '') },
    status: dialogue ? 'active' : 'completed',
    engaged: false,
    transcript: [],
  };
  if (!dialogue) return unchanged(state);
  const outputs: Output[] = [];
  walk(state, state.dialogue.start, outputs, now);
  return { state, outputs };
}

function choose(state: ChatState, index: number, now: Date): StepResult {
  const cardId = state.awaiting!.cardId;
  const card = cardOf(state, cardId);
  if (card?.type !== 'choice' || !Array.isArray(card.options) || !Number.isInteger(index)) return unchanged(state);
  const option = card.options[index];
  if (!isObject(option) || typeof option.label !== 'string') return unchanged(state);
  const value = typeof option.value === 'string' ? option.value : option.label;
  const draft = draftOf(state);
  const outputs: Output[] = [];
  draft.awaiting = null;
  answer(draft, cardId, value, option.label, outputs, now);
  if (card.field !== undefined) writeField(draft, card.field, value, outputs);
  if (typeof option.url === 'string' && SAFE_URL.test(option.url)) outputs.push({ type: 'openUrl', url: option.url });
  walk(draft, option.next ?? card.next, outputs, now);
  return { state: draft, outputs };
}

function submit(state: ChatState, raw: unknown, now: Date): StepResult {
  const cardId = state.awaiting!.cardId;
  const card = cardOf(state, cardId);
  if (card?.type !== 'input') return unchanged(state);
  const typed = typeof raw === 'string' ? raw : '';
  const value = typed.trim();
  const problem = checkInput(card.kind, value, { required: card.required !== false, blockedDomains: state.settings.blockedEmailDomains });
  if (problem !== null) {
    // The visitor tries again: same card, their value kept for correction, the card's own error first.
    const error = typeof card.error === 'string' && card.error !== '' ? card.error : problem;
    return {
      state: { ...state, awaiting: { kind: 'input', cardId, error, value: typed } },
      outputs: [{ type: 'invalid', cardId, error, value: typed }],
    };
  }
  const draft = draftOf(state);
  const outputs: Output[] = [];
  draft.awaiting = null;
  // A decimal comma is read as a point, so number answers compare as numbers in branches.
  const stored = card.kind === 'number' ? value.replace(',', '.') : value;
  answer(draft, cardId, stored, value, outputs, now);
  if (stored !== '') writeField(draft, card.field, stored, outputs);
  walk(draft, card.next, outputs, now);
  return { state: draft, outputs };
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** A booking the engine accepts (the transcript keeps it for the calendar link: id and readable times). */
export function isBooking(value: unknown): value is Booking {
  return isObject(value) && typeof value.id === 'string' && value.id !== '' && isInstant(value.start) && isInstant(value.end)
    && isObject(value.agent) && typeof value.agent.id === 'string' && typeof value.agent.name === 'string';
}

/** The confirmation line of a booking when the UI gives no localised one. */
export const DEFAULT_CONFIRMATION = 'Booked with {agent}: {time}';

function booked(state: ChatState, input: Extract<StepInput, { type: 'booked' }>, now: Date): StepResult {
  const { booking, timeZone, locale, confirmation } = input;
  const cardId = state.awaiting!.cardId;
  const card = cardOf(state, cardId);
  if (card?.type !== 'meeting' || !isBooking(booking)) return unchanged(state);
  const draft = draftOf(state);
  const outputs: Output[] = [];
  const when = formatMeetingTime(booking.start, typeof timeZone === 'string' ? timeZone : 'UTC', typeof locale === 'string' ? locale : 'en');
  const template = typeof confirmation === 'string' && confirmation !== '' ? confirmation : DEFAULT_CONFIRMATION;
  // A function replacement, so a `$` in an agent's name is taken literally.
  const text = template.replace(/\{agent\}/g, () => booking.agent.name).replace(/\{time\}/g, () => when);
  const copy = plainCopy(booking);
  draft.awaiting = null;
  draft.answers[cardId] = booking.start;
  draft.engaged = true;
  // The confirmation follows the adapter's answer at once: no typing delay.
  outputs.push({ type: 'message', cardId, text, tree: [{ type: 'text', text }], delayMs: 0 });
  draft.transcript.push({ from: 'bot', cardId, text, tree: [{ type: 'text', text }], booking: copy, at: isoOf(now) });
  outputs.push({ type: 'meeting', cardId, booking: copy });
  walk(draft, card.next, outputs, now);
  return { state: draft, outputs };
}

function noSlots(state: ChatState, now: Date): StepResult {
  const card = cardOf(state, state.awaiting!.cardId);
  if (card?.type !== 'meeting') return unchanged(state);
  const draft = draftOf(state);
  const outputs: Output[] = [];
  draft.awaiting = null;
  walk(draft, card.fallback, outputs, now);
  return { state: draft, outputs };
}

// A state read back from storage may have been tampered with or written by an older version:
// it is only played when every part the reducer touches has the right shape.
function isPlayable(state: ChatState): state is ChatState & { awaiting: NonNullable<ChatState['awaiting']> } {
  if (!isObject(state) || state.status !== 'active' || !isObject(state.awaiting) || typeof state.awaiting.cardId !== 'string') return false;
  const { settings } = state;
  return isObject(state.dialogue) && isObject(state.answers) && isObject(state.lead) && isObject(state.page)
    && Array.isArray(state.transcript) && isObject(settings) && typeof settings.responseDelayMs === 'number'
    && Array.isArray(settings.agentIds) && Array.isArray(settings.blockedEmailDomains);
}

/**
 * Applies one input to a conversation. A completed state, or an input that does not fit the
 * card being waited on, gives the same state back with no outputs; `step` never throws.
 */
export function step(state: ChatState, input: StepInput, now: Date): StepResult {
  if (!isPlayable(state) || !isObject(input)) return unchanged(state);
  const kind = state.awaiting.kind;
  if (input.type === 'choose' && kind === 'choice') return choose(state, input.index, now);
  if (input.type === 'submit' && kind === 'input') return submit(state, input.value, now);
  if (input.type === 'booked' && kind === 'meeting') return booked(state, input, now);
  if (input.type === 'noSlots' && kind === 'meeting') return noSlots(state, now);
  return unchanged(state);
}
