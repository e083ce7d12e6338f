/** Templates of what the visitor sees: the launcher and poke, the panel with its transcript, and each line. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formatMeetingTime, SAFE_URL, type ChatState, type TranscriptEntry, type FlowSettings, type Slot } from '../engine/index.js';
import type { Chat } from '../stores/chat.js';
import type { CalendarLinks } from './calendar.js';
import { cardStatus, renderCard } from './cards.js';
import { chatIcon, closeIcon, collapseIcon } from './icons.js';
import { renderMarkdown } from './markdown-view.js';
import { visitorTimeZone } from './slot-format.js';
import type { ChatStrings } from './strings.js';

// Languages written right to left (primary subtag), for the `dir` that goes with a `lang`.
const RTL = /^(ar|ckb|dv|fa|he|iw|ps|sd|syr|ug|ur|yi)\b/i;

/** What the templates need: the stores, settings and view state to show, and the intents to call. */
export interface ViewModel {
  chat: Chat;
  settings: FlowSettings;
  strings: ChatStrings;
  locale: string;
  inline: boolean;
  /** The panel covers the page (a phone): a modal dialog. */
  modal: boolean;
  left: boolean;
  jumpVisible: boolean;
  calendar: CalendarLinks;
  intents: Intents;
}

/** Everything a visitor can do in the view; templates call these and nothing else. */
export interface Intents {
  /** The launcher, the poke and "Close chat" open or close the panel. */
  setOpen(open: boolean): void;
  dismissPoke(): void;
  panelKeydown(event: KeyboardEvent): void;
  logScroll(event: Event): void;
  jumpToLatest(): void;
  /** The visitor typed into the input card's box. */
  draft(value: string): void;
  /** The visitor sent the input card `cardId` (the one on screen when they pressed Send). */
  send(cardId: string | undefined): void;
  /** The visitor picked option `index` of the choice card `cardId`. */
  choose(index: number, cardId: string | undefined): void;
  pickSlot(slot: Slot): void;
  retrySlots(): void;
}

/** The view with the conversation it shows. */
export type ViewWithState = ViewModel & { state: ChatState };

/** The whole widget for a conversation: in place (inline), or launcher, poke and panel (bubble). */
export function renderChat(view: ViewWithState): TemplateResult | typeof nothing {
  const { chat, state, strings, inline } = view;
  if (!inline && !chat.$triggered.get()) return nothing;
  const open = chat.$open.get();
  // A plain class string: nothing else writes this element's classes, so classMap's merging (and its
  // bytes in the script-tag file) buys nothing.
  const classes = `root ${inline ? 'inline' : 'bubble'}${open ? ' open' : ''}${view.left ? ' left' : ''}`;
  // A locale other than the page's is said (3.1.2), so a screen reader pronounces the chat in its language.
  const lang = view.locale !== (document.documentElement.lang || 'en') ? view.locale : undefined;
  const dir = lang ? (RTL.test(lang) ? 'rtl' : 'ltr') : undefined;
  const root = (content: unknown) => html`<div class=${classes} lang=${ifDefined(lang)} dir=${ifDefined(dir)}>${content}</div>`;
  if (inline) return root(renderPanel(view));
  const poke = !open && !chat.$pokeDone.get() && !state.engaged
    ? state.transcript.slice(0, chat.$revealed.get()).find((entry) => entry.from === 'bot')
    : undefined;
  // The launcher's name says what a press does (no aria-expanded besides: "Close chat, expanded" says it twice).
  return root(html`
    <button part="launcher" class="launcher" type="button" aria-label=${open ? strings.closeChat : strings.openChat}
      aria-controls=${open ? 'panel' : nothing}
      @click=${() => view.intents.setOpen(!chat.$open.get())}>${open ? collapseIcon : chatIcon}</button>
    ${poke ? html`<div part="poke" class="poke">
      <button class="poke-text" type="button" @click=${() => view.intents.setOpen(true)}>${poke.text}</button>
      <button class="poke-dismiss" type="button" aria-label=${strings.dismiss} @click=${view.intents.dismissPoke}>${closeIcon}</button>
    </div>` : nothing}
    ${open ? renderPanel(view) : nothing}`);
}

function renderPanel(view: ViewWithState): TemplateResult {
  const { chat, state, strings, settings, inline } = view;
  const botName = settings.botName || 'Chat';
  const entries = state.transcript.slice(0, chat.$revealed.get());
  // The validator's own rule: every privacyUrl it accepts (a site path, mailto:, tel:) is shown.
  const privacy = settings.privacyUrl && SAFE_URL.test(settings.privacyUrl) ? settings.privacyUrl : null;
  const avatar = settings.avatarUrl && /^(https?:|data:image\/|\/|\.)/i.test(settings.avatarUrl) ? settings.avatarUrl : null;
  // No <header>/<footer>: outside a landmark of the shadow tree axe takes them for a second page banner and contentinfo.
  return html`<section id="panel" part="panel" class="panel" role=${inline ? 'region' : 'dialog'} aria-label=${botName}
    aria-modal=${ifDefined(view.modal ? 'true' : undefined)}
    @keydown=${view.intents.panelKeydown}>
    <div part="header" class="header">
      ${avatar ? html`<img class="avatar" src=${avatar} alt="">` : html`<span class="avatar" aria-hidden="true">${[...botName][0] ?? ''}</span>`}
      <h2 class="title">${botName}</h2>
      ${inline ? nothing : html`<button part="close" class="close" type="button" aria-label=${strings.closeChat}
        @click=${() => view.intents.setOpen(false)}>${closeIcon}</button>`}
    </div>
    <div class="body">
      <div part="log" class="log" role="log" aria-live="polite" tabindex="0" @scroll=${view.intents.logScroll}>
        ${entries.map((entry) => renderEntry(entry, view))}
        ${chat.$typing.get() ? typingBubble(strings.typing) : nothing}
      </div>
      ${view.jumpVisible ? html`<button class="jump" type="button" @click=${view.intents.jumpToLatest}>${strings.jumpToLatest}</button>` : nothing}
    </div>
    <p class="status" role="status">${cardStatus(view)}</p>
    ${!chat.$busy.get() && state.awaiting ? html`<div class="card">${renderCard(view)}</div>` : nothing}
    ${privacy ? html`<div class="footer"><a href=${privacy} target="_blank" rel="noopener noreferrer">${strings.privacy}</a></div>` : nothing}
  </section>`;
}

/** The typing indicator; one line of markup, since the bubble keeps white space (pre-wrap). */
function typingBubble(label: string): TemplateResult {
  return html`<div part="message" class="msg bot typing"><div part="bubble" class="bubble-text"><span class="dots" aria-hidden="true"><span></span><span></span><span></span></span><span class="sr-only">${label}</span></div></div>`;
}

function renderEntry(entry: TranscriptEntry, view: ViewModel): TemplateResult {
  const { strings } = view;
  const bot = entry.from === 'bot';
  const booking = entry.booking;
  const timeZone = visitorTimeZone();
  const summary = booking ? strings.meetingWith.replaceAll('{agent}', () => booking.agent?.name ?? '{agent}') : '';
  const link = booking ? view.calendar.url(booking, summary) : null;
  return html`<div part="message ${bot ? 'message-bot' : 'message-visitor'}" class="msg ${bot ? 'bot' : 'visitor'}">
    <div part="bubble" class="bubble-text">${bot ? renderMarkdown(entry.tree, entry.text) : entry.text}${booking && link
      ? html`<br><a class="calendar" href=${link}
          download="meeting.ics" title=${`${summary}, ${formatMeetingTime(booking.start, timeZone, view.locale)}`}>${strings.addToCalendar}</a>`
      : nothing}</div>
  </div>`;
}
