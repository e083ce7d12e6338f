/** Where focus and the transcript's scroll go after each render: to each new card, never stolen from the page. */
import type { Chat } from '../stores/chat.js';

/** Follows the conversation with focus and scroll, for one widget's shadow root. */
export class FocusFollow {
  #root: () => HTMLElement | DocumentFragment;
  #focusKey = '';
  #focusOnOpen = false;
  #focusWasInside = false;
  /** Opened by itself while the visitor was busy on the page: new cards leave focus there too. */
  #quiet = false;
  /** The transcript keeps the latest message in view until the visitor scrolls up. */
  stickToBottom = true;

  constructor(root: () => HTMLElement | DocumentFragment) {
    this.#root = root;
  }

  /**
   * The panel just opened: focus goes into it, the transcript to its end. An automatic opening
   * (`auto`: autoOpen, or an `open` attribute waiting for the trigger) takes focus only from a page
   * where nothing has focus and the visitor has not yet pressed a key or a pointer.
   */
  opened(auto = false): void {
    const active = document.activeElement;
    // Sticky user activation (a keydown, pointerdown or click since the page loaded); a browser without it
    // (Safari before 16.4) counts as touched, so an automatic opening there never takes focus.
    this.#quiet = auto && (navigator.userActivation?.hasBeenActive !== false
      || active !== document.body && active !== (this.#root() as ShadowRoot).host);
    this.#focusOnOpen = !this.#quiet;
    this.stickToBottom = true;
  }

  /** Before a render: whether focus is in the widget (the render may remove the focused control). */
  beforeRender(): void {
    this.#focusWasInside = this.#inside();
  }

  /** After a render: the transcript follows new messages, and focus the new card. */
  afterRender(chat: Chat | null, panelOpen: boolean, inline: boolean): void {
    const log = this.log();
    if (log && this.stickToBottom) log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
    if (!chat) return;
    // Focus follows each new card only when the visitor is in the chat, never stolen from the page.
    const state = chat.$conversation.get();
    const meeting = chat.$meeting.get();
    const awaiting = state?.awaiting;
    const key = awaiting && !chat.$busy.get()
      ? `${state.dialogueId}:${awaiting.cardId}:${awaiting.kind === 'input' ? awaiting.error ?? '' : ''}:${meeting?.status ?? ''}:${meeting?.failed ?? ''}`
      : '';
    const inside = this.#inside();
    if (inside) this.#quiet = false;
    // The focused control went away with its card: keep focus in the chat, so Escape still works.
    const lost = this.#focusWasInside && !inside && panelOpen;
    if (this.#focusOnOpen && panelOpen) {
      this.#focusOnOpen = false;
      this.#focusKey = key;
      this.focusCard() || this.log()?.focus();
    } else if (key === this.#focusKey) {
      if (lost) this.focusCard() || this.log()?.focus();
    } else {
      this.#focusKey = key;
      // A card with nothing to focus yet (free times loading again after a failed booking) keeps
      // lost focus in the transcript, or it falls to the page behind a modal panel.
      if (!(key && panelOpen && (inside || this.#focusWasInside || !(inline || this.#quiet)) && this.focusCard()) && lost) this.log()?.focus();
    }
  }

  /** Focuses the current card's first control; false when it has none. */
  focusCard(): boolean {
    const target = this.#root().querySelector<HTMLElement>('.card [data-focus]:not([disabled],[aria-disabled=true])');
    target?.focus();
    return !!target;
  }

  /** The transcript element, if rendered. */
  log(): HTMLElement | null {
    return this.#root().querySelector<HTMLElement>('.log');
  }

  #inside(): boolean {
    return !!(this.#root() as ShadowRoot).activeElement;
  }
}
