/** Templates of the cards that wait for the visitor: choice buttons, an input box, a slot picker. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Awaiting, ChoiceCard, InputCard } from '../engine/index.js';
import { externalIcon } from './icons.js';
import type { ViewWithState } from './panel-view.js';
import { groupSlots, visitorTimeZone } from './slot-format.js';
import { inputErrorText } from './strings.js';

/** The id of the input card's error text (referenced by `aria-describedby`). */
export const INPUT_ERROR_ID = 'dc-input-error';

/** The input types and autocomplete tokens the widget uses (typed so template bindings are checked). */
type InputType = 'text' | 'email' | 'tel' | 'url';
type Autocomplete = 'off' | 'name' | 'given-name' | 'family-name' | 'email' | 'tel' | 'url';

// The input's type and autocomplete token per kind; any other kind (text, number, or one a saved
// conversation made up) is plain text with autocomplete off. A Map: no kind can name a prototype key.
const INPUT_TYPES = new Map<unknown, [InputType, Autocomplete]>([
  ['name', ['text', 'name']],
  ['email', ['email', 'email']],
  ['phone', ['tel', 'tel']],
  ['url', ['url', 'url']],
]);

// The second click of a double click lands on whatever replaced the button (with no response
// delay, the next card's option or Send): it is not a choice the visitor made.
function isRepeatClick(event: MouseEvent): boolean {
  return event.detail > 1;
}

// Enter held down repeats: the repeats would reach the next card's box (focus moves there) as an empty send.
function ignoreHeldEnter(event: KeyboardEvent): void {
  if (event.key === 'Enter' && event.repeat) event.preventDefault();
}

function questionOf(view: ViewWithState, cardId: string): string {
  // Not findLast (ES2023): the script-tag build targets ES2022 browsers.
  const line = [...view.state.transcript].reverse().find((entry) => entry.from === 'bot' && entry.cardId === cardId);
  return line?.text || view.strings.yourAnswer;
}

// Each handler names the card it answers: a second send that arrives after the dialogue moved on is dropped.
// The group is named after the question, so a screen reader reads it as focus lands on the first option.
function choiceCard(card: ChoiceCard, cardId: string, view: ViewWithState): TemplateResult {
  return html`<div part="options" class="options" role="group" aria-label=${questionOf(view, cardId)}>
    ${card.options.map((option, index) => html`<button part="option" class="option" type="button" data-focus
      @click=${(event: MouseEvent) => { if (!isRepeatClick(event)) view.intents.choose(index, cardId); }}>${option.label}${option.url
        ? html`${externalIcon}<span class="sr-only"> ${view.strings.newTab}</span>` : nothing}</button>`)}
  </div>`;
}

/** Sends of input cards so far, in any widget on the page (only its parity is used, see inputCard). */
let sends = 0;

function inputCard(card: InputCard, awaiting: Awaiting & { kind: 'input' }, view: ViewWithState): TemplateResult {
  const { error, cardId } = awaiting;
  const [type, token] = INPUT_TYPES.get(card.kind) ?? ['text', 'off'];
  const autocomplete: Autocomplete = card.field === 'firstName' ? 'given-name' : card.field === 'lastName' ? 'family-name' : token;
  // No value binding: the element writes the draft into the box after each render (see DynamicChat.updated).
  // The alert is there, empty, before any error, so the error's text is announced however it was sent.
  // Each send flips the text between a string and a one-item list, which makes lit write a new text
  // node: the same error for a second wrong value is announced again (lit's keyed() costs more bytes).
  return html`<form novalidate @submit=${(event: Event) => { event.preventDefault(); sends++; view.intents.send(cardId); }}>
      <input part="input" data-focus type=${type} inputmode=${card.kind === 'number' ? 'numeric' : nothing}
        autocomplete=${autocomplete} placeholder=${ifDefined(card.placeholder)}
        aria-label=${questionOf(view, cardId)}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? INPUT_ERROR_ID : nothing}
        @input=${(e: Event) => view.intents.draft((e.target as HTMLInputElement).value)}
        @keydown=${ignoreHeldEnter}>
      <button part="send" class="send" type="submit"
        @click=${(event: MouseEvent) => { if (isRepeatClick(event)) event.preventDefault(); }}>${view.strings.send}</button>
    </form>
    <p id=${INPUT_ERROR_ID} class="error" role="alert">${error ? (sends & 1 ? [inputErrorText(error, view.strings)] : inputErrorText(error, view.strings)) : nothing}</p>`;
}

// Free times that could not be loaded, or a booking that failed: the message and "Try again".
// Only the booking failure interrupts (it answers a click); only the load failure takes focus.
function failed(message: string, view: ViewWithState, booking: boolean): TemplateResult {
  return html`<div class="failed"><p class="error" role=${ifDefined(booking ? 'alert' : undefined)}>${message}</p>
      <button class="retry" type="button" ?data-focus=${!booking} @click=${() => view.intents.retrySlots()}>${view.strings.tryAgain}</button></div>`;
}

// While free times load, the card is empty: the panel's status region says so (see cardStatus).
function meetingCard(view: ViewWithState): TemplateResult | typeof nothing {
  const { strings, chat } = view;
  const meeting = chat.$meeting.get();
  if (!meeting || meeting.status === 'loading') return nothing;
  if (meeting.status === 'error') return failed(strings.slotsFailed, view, false);
  // Every offered slot is a button (contract §5); the list scrolls rather than hiding days. While booking
  // they are aria-disabled, not disabled: a disabled button drops the keyboard user's focus to the page.
  const days = groupSlots(meeting.slots, view.locale, visitorTimeZone());
  const booking = meeting.status === 'booking';
  return html`${meeting.failed === 'booking' ? failed(strings.bookingFailed, view, true) : nothing}
    <div class="slots" part="slots" role="group" aria-label=${strings.chooseTime}>
      ${days.map((day) => html`<div role="group" aria-labelledby="day-${day.key}">
        <p class="day-label" id="day-${day.key}">${day.label}</p>
        <div class="day-slots">
          ${day.slots.map((entry) => html`<button part="slot" class="slot" type="button" data-focus
            aria-label=${entry.name} aria-disabled=${booking ? 'true' : 'false'} @click=${() => view.intents.pickSlot(entry.slot)}>${entry.time}</button>`)}
        </div>
      </div>`)}
    </div>`;
}

/**
 * What the meeting card is doing ("Looking for free times…", "Booking…"), or '' when nothing. The
 * panel's status region always exists and only its text changes, so screen readers announce it.
 */
export function cardStatus(view: ViewWithState): string {
  const meeting = view.chat.$meeting.get();
  const { awaiting, dialogue } = view.state;
  if (view.chat.$busy.get() || awaiting?.kind !== 'meeting' || dialogue.cards[awaiting.cardId]?.type !== 'meeting') return '';
  return !meeting || meeting.status === 'loading' ? view.strings.loadingSlots : meeting.status === 'booking' ? view.strings.booking : '';
}

/** The card the conversation waits on, or nothing while the bot is still talking. */
export function renderCard(view: ViewWithState): TemplateResult | typeof nothing {
  const awaiting = view.state.awaiting;
  // A restored conversation may name a card its dialogue lacks, or one of another type.
  const card = awaiting && view.state.dialogue.cards[awaiting.cardId];
  if (!awaiting || !card) return nothing;
  if (awaiting.kind === 'choice' && card.type === 'choice') return choiceCard(card, awaiting.cardId, view);
  if (awaiting.kind === 'input' && card.type === 'input') return inputCard(card, awaiting, view);
  if (awaiting.kind === 'meeting' && card.type === 'meeting') return meetingCard(view);
  return nothing;
}
