/**
 * Moves a conversation from card to card until it must wait for the visitor or it ends. A state
 * is itself what tokens and branch conditions read: its lead, answers and page (`company.*` is
 * the lead's company).
 */
import { testCondition, type ConditionContext } from './conditions.js';
import { renderText } from './render.js';
import type { ChatState, MarkdownNode, Output, TranscriptEntry } from './state.js';
import type { Booking, Card, Condition, MeetingCard } from './types.js';
import { RESERVED_FIELDS } from './validate-cards.js';
import { has, isFilled, isObject, isText, setOwn } from './guards.js';

/** Days a meeting card offers slots for when it does not say. */
export const DEFAULT_DAYS_AHEAD = 14;

/** Minutes a meeting lasts when a (tampered) card does not say; the validator requires it. */
const DEFAULT_DURATION_MINUTES = 30;

/** What a meeting card asks the adapter for. */
export interface SlotRequest { agentIds: string[]; durationMinutes: number; daysAhead: number }

/**
 * The agents (text ids; all of the flow's when the card names none), length and days ahead a
 * meeting card asks for, with the defaults. The card may come from storage, so nothing is trusted.
 */
export function slotRequest(card: MeetingCard, settings: ChatState['settings']): SlotRequest {
  const positive = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 && value < Infinity ? value : fallback);
  return {
    // The flow's agents only when the card names none: a tampered state may lack its settings.
    agentIds: (Array.isArray(card.agents) ? card.agents : isObject(settings) && Array.isArray(settings.agentIds) ? settings.agentIds : []).filter(isText),
    durationMinutes: positive(card.durationMinutes, DEFAULT_DURATION_MINUTES),
    daysAhead: positive(card.daysAhead, DEFAULT_DAYS_AHEAD),
  };
}

/** A state the reducer may change: its lists and maps are already copies. */
export type Draft = ChatState;

/** Copies the parts of a state a step changes, so the caller's state is never mutated. */
export function draftOf(state: ChatState): Draft {
  return { ...state, answers: { ...state.answers }, lead: { ...state.lead }, transcript: [...state.transcript] };
}

/** The card with this id when it exists and is an object (state may come from storage). */
export function cardOf(state: ChatState, id: string | null | undefined): Card | undefined {
  const cards = state.dialogue?.cards;
  if (!isText(id) || !isObject(cards) || !has(cards, id)) return undefined;
  const card = cards[id];
  return isObject(card) ? card : undefined;
}

// One step stamps many lines with the same instant; formatting it once is enough.
let stampMs = NaN;
let stamp = '';

/** An ISO timestamp; an invalid `now` gives the epoch rather than an exception. */
export function isoOf(now: Date): string {
  const raw = now instanceof Date ? now.getTime() : NaN;
  const ms = Number.isNaN(raw) ? 0 : raw;
  if (ms !== stampMs) {
    stampMs = ms;
    stamp = new Date(ms).toISOString();
  }
  return stamp;
}

/** A bot line: a message output (the delay is data) and the same line in the transcript. */
export function botLine(draft: Draft, cardId: string, text: string, tree: MarkdownNode[], delayMs: number, outputs: Output[], now: Date, booking?: Booking): void {
  outputs.push({ type: 'message', cardId, text, tree, delayMs });
  const line: TranscriptEntry = { from: 'bot', cardId, text, tree, at: isoOf(now) };
  if (booking) line.booking = booking;
  draft.transcript.push(line);
}

/** The bot says a card's text, tokens filled, after the response delay; a blank text says nothing. */
export function say(draft: Draft, cardId: string, template: unknown, outputs: Output[], now: Date): void {
  if (!isText(template)) return;
  const { text, tree } = renderText(template, draft);
  if (text.trim() !== '') botLine(draft, cardId, text, tree, draft.settings.responseDelayMs, outputs, now);
}

/** Records a visitor's answer: `answers`, the transcript, an `answer` output; the dialogue is now engaged. */
export function answer(draft: Draft, cardId: string, value: string, label: string, outputs: Output[], now: Date): void {
  setOwn(draft.answers, cardId, value);
  draft.engaged = true;
  outputs.push({ type: 'answer', cardId, value, label });
  if (label !== '') draft.transcript.push({ from: 'visitor', cardId, text: label, at: isoOf(now) });
}

/**
 * Writes a lead field and reports it with the card that wrote it; writing `email` is what makes
 * the visitor known.
 */
export function writeField(draft: Draft, cardId: string, field: unknown, value: string, outputs: Output[]): void {
  if (!isFilled(field) || RESERVED_FIELDS.includes(field)) return;
  setOwn(draft.lead, field, value);
  outputs.push({ type: 'field', cardId, field, value });
}

function isKnown(draft: Draft, field: unknown): boolean {
  if (!isText(field) || !has(draft.lead, field)) return false;
  const value = draft.lead[field];
  return (isText(value) && value.trim() !== '') || typeof value === 'number' || typeof value === 'boolean';
}

function finish(draft: Draft, outputs: Output[]): void {
  draft.status = 'completed';
  draft.cardId = null;
  draft.awaiting = null;
  outputs.push({ type: 'end', reason: 'completed' });
}

// A malformed condition (from a stored state) makes its rule fail rather than throw.
const isCondition = (c: unknown): c is Condition => isObject(c) && isText(c.field);

function branchTarget(card: { rules?: unknown; otherwise?: unknown }, ctx: ConditionContext): unknown {
  const rule = (Array.isArray(card.rules) ? card.rules : []).find((r) => {
    const when: unknown[] = !isObject(r) ? [] : Array.isArray(r.when) ? r.when : [r.when];
    return when.length > 0 && when.every((c) => isCondition(c) && testCondition(c, ctx));
  });
  return rule ? rule.next : card.otherwise;
}

/** Says a choice, input or meeting card's text and waits there for the visitor. */
function waitOn(draft: Draft, cardId: string, card: Extract<Card, { type: 'choice' | 'input' | 'meeting' }>, outputs: Output[], now: Date): void {
  say(draft, cardId, card.text, outputs, now);
  if (card.type === 'meeting') outputs.push({ type: 'requestSlots', cardId, ...slotRequest(card, draft.settings) });
  draft.cardId = cardId;
  draft.awaiting = { kind: card.type, cardId };
}

/**
 * Walks from `id` through silent cards (message, branch, goal, a skipped input) until a card
 * waits for the visitor or the dialogue ends. A card seen twice in one walk means a loop with
 * nothing to answer (a malformed or tampered state): the dialogue ends instead of spinning.
 */
export function walk(draft: Draft, id: unknown, outputs: Output[], now: Date): void {
  const seen = new Set<string>();
  for (let cardId = id; ; ) {
    const card = isText(cardId) && !seen.has(cardId) ? cardOf(draft, cardId) : undefined;
    if (card === undefined || !isText(cardId)) return finish(draft, outputs);
    seen.add(cardId);
    switch (card.type) {
      case 'branch':
        cardId = branchTarget(card, draft);
        break;
      case 'goal':
        if (isText(card.name)) outputs.push({ type: 'goal', goal: card.name });
        cardId = card.next;
        break;
      case 'message':
        say(draft, cardId, card.text, outputs, now);
        cardId = card.next;
        break;
      case 'end':
        say(draft, cardId, card.text, outputs, now);
        return finish(draft, outputs);
      case 'input':
        if (card.skipIfKnown === true && isKnown(draft, card.field)) {
          cardId = card.next;
          break;
        }
        return waitOn(draft, cardId, card, outputs, now);
      case 'choice':
      case 'meeting':
        return waitOn(draft, cardId, card, outputs, now);
      default:
        // A card type this version does not know (a tampered state): the dialogue ends.
        return finish(draft, outputs);
    }
  }
}
