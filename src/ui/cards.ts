/** Templates of the cards that wait for the visitor: choice buttons, an input box, a slot picker. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChatState } from '../engine/state.js';
import type { ChoiceCard, InputCard, InputKind, Slot } from '../engine/types.js';
import type { MeetingView } from '../stores/chat.js';
import { externalIcon } from './icons.js';
import { groupSlots } from './slot-format.js';
import type { ChatStrings } from './strings.js';

/** What the card templates need from the element. */
export interface CardContext {
  strings: ChatStrings;
  locale: string;
  timeZone: string;
  meeting: MeetingView | null;
  onChoose(index: number): void;
  onDraft(value: string): void;
  onSubmit(event: Event): void;
  onPickSlot(slot: Slot): void;
  onRetry(): void;
}

/** The id of the input card's error text (referenced by `aria-describedby`). */
export const INPUT_ERROR_ID = 'dc-input-error';

/** The input types and autocomplete tokens the widget uses (typed so template bindings are checked). */
type InputType = 'text' | 'email' | 'tel' | 'url';
type Autocomplete = 'off' | 'name' | 'given-name' | 'family-name' | 'email' | 'tel' | 'url';

const INPUT_TYPES: Record<InputKind, { type: InputType; inputmode?: string; autocomplete: Autocomplete }> = {
  text: { type: 'text', autocomplete: 'off' },
  name: { type: 'text', autocomplete: 'name' },
  email: { type: 'email', autocomplete: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  url: { type: 'url', autocomplete: 'url' },
  number: { type: 'text', inputmode: 'numeric', autocomplete: 'off' },
};

// The second click of a double click lands on whatever replaced the button (with no response
// delay, the next card's option or Send): it is not a choice the visitor made.
function isRepeatClick(event: MouseEvent): boolean {
  return event.detail > 1;
}

// Enter held down repeats: the repeats would reach the next card's box (focus moves there) as an empty send.
function ignoreHeldEnter(event: KeyboardEvent): void {
  if (event.key === 'Enter' && event.repeat) event.preventDefault();
}

function questionOf(state: ChatState, cardId: string, fallback: string): string {
  const line = [...state.transcript].reverse().find((entry) => entry.from === 'bot' && entry.cardId === cardId);
  return line?.text || fallback;
}

function choiceCard(card: ChoiceCard, ctx: CardContext): TemplateResult {
  return html`<div part="options" class="options" role="group">
    ${card.options.map((option, index) => html`<button part="option" class="option" type="button" data-focus
      @click=${(event: MouseEvent) => { if (!isRepeatClick(event)) ctx.onChoose(index); }}>${option.label}${option.url ? externalIcon : nothing}</button>`)}
  </div>`;
}

function inputCard(state: ChatState, card: InputCard, ctx: CardContext): TemplateResult {
  const awaiting = state.awaiting?.kind === 'input' ? state.awaiting : undefined;
  const error = awaiting?.error;
  const kind = INPUT_TYPES[card.kind ?? 'text'] ?? INPUT_TYPES.text;
  const autocomplete: Autocomplete = card.field === 'firstName' ? 'given-name' : card.field === 'lastName' ? 'family-name' : kind.autocomplete;
  // No value binding: the element writes the draft into the box after each render (see DynamicChat.updated).
  return html`<form novalidate @submit=${ctx.onSubmit}>
      <input part="input" data-focus type=${kind.type} inputmode=${kind.inputmode ?? nothing}
        autocomplete=${autocomplete} placeholder=${ifDefined(card.placeholder)}
        aria-label=${questionOf(state, awaiting?.cardId ?? '', ctx.strings.yourAnswer)}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? INPUT_ERROR_ID : nothing}
        @input=${(e: Event) => ctx.onDraft((e.target as HTMLInputElement).value)}
        @keydown=${ignoreHeldEnter}>
      <button part="send" class="send" type="submit"
        @click=${(event: MouseEvent) => { if (isRepeatClick(event)) event.preventDefault(); }}>${ctx.strings.send}</button>
    </form>
    ${error ? html`<p id=${INPUT_ERROR_ID} class="error">${error}</p>` : nothing}`;
}

function meetingCard(ctx: CardContext): TemplateResult {
  const { meeting, strings } = ctx;
  if (!meeting || meeting.status === 'loading') return html`<p class="status" role="status">${strings.loadingSlots}</p>`;
  if (meeting.status === 'error') {
    return html`<div class="failed"><p class="error">${strings.slotsFailed}</p>
      <button class="retry" type="button" data-focus @click=${ctx.onRetry}>${strings.tryAgain}</button></div>`;
  }
  // Every offered slot is a button (contract §5); the list scrolls rather than hiding days.
  const days = groupSlots(meeting.slots, ctx.locale, ctx.timeZone);
  const booking = meeting.status === 'booking';
  return html`${meeting.failed === 'booking'
      ? html`<div class="failed"><p class="error" role="alert">${strings.bookingFailed}</p>
          <button class="retry" type="button" @click=${ctx.onRetry}>${strings.tryAgain}</button></div>`
      : nothing}
    ${booking ? html`<p class="status" role="status">${strings.booking}</p>` : nothing}
    <div class="slots" part="slots" role="group" aria-label=${strings.chooseTime}>
      ${days.map((day) => html`<div role="group" aria-labelledby="day-${day.key}">
        <p class="day-label" id="day-${day.key}">${day.label}</p>
        <div class="day-slots">
          ${day.slots.map((entry) => html`<button part="slot" class="slot" type="button" data-focus
            aria-label=${entry.name} ?disabled=${booking} @click=${() => ctx.onPickSlot(entry.slot)}>${entry.time}</button>`)}
        </div>
      </div>`)}
    </div>`;
}

/** The card the conversation waits on, or nothing while the bot is still talking. */
export function renderCard(state: ChatState, ctx: CardContext): TemplateResult | typeof nothing {
  const awaiting = state.awaiting;
  if (!awaiting) return nothing;
  const card = state.dialogue.cards[awaiting.cardId];
  if (!card) return nothing;
  if (awaiting.kind === 'choice' && card.type === 'choice') return choiceCard(card, ctx);
  if (awaiting.kind === 'input' && card.type === 'input') return inputCard(state, card, ctx);
  if (awaiting.kind === 'meeting' && card.type === 'meeting') return meetingCard(ctx);
  return nothing;
}
