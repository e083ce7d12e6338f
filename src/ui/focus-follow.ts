/** Where focus and the transcript's scroll go after each render: to each new card, never stolen from the page. */
import type { Chat } from '../stores/chat.js';

/** Follows the conversation with focus and scroll, for one widget's shadow root. */
export class FocusFollow {
  private focusKey = '';
  private focusOnOpen = false;
  private focusWasInside = false;
  /** The transcript keeps the latest message in view until the visitor scrolls up. */
  stickToBottom = true;

  constructor(private root: () => HTMLElement | DocumentFragment) {}

  /** The panel just opened: focus goes into it, the transcript to its end. */
  opened(): void {
    this.focusOnOpen = true;
    this.stickToBottom = true;
  }

  /** Before a render: whether focus is in the widget (the render may remove the focused control). */
  beforeRender(): void {
    this.focusWasInside = !!(this.root() as ShadowRoot).activeElement;
  }

  /** After a render: the transcript follows new messages, and focus the new card. */
  afterRender(chat: Chat | null, panelOpen: boolean, inline: boolean): void {
    const log = this.log();
    if (log && this.stickToBottom) log.scrollTo({ top: log.scrollHeight, behavior: 'instant' });
    if (chat) this.moveFocus(chat, panelOpen, inline);
  }

  /** Focuses the current card's first control; false when it has none. */
  focusCard(): boolean {
    const target = this.root().querySelector<HTMLElement>('.card [data-focus]:not([disabled])');
    target?.focus();
    return !!target;
  }

  /** The transcript element, if rendered. */
  log(): HTMLElement | null {
    return this.root().querySelector<HTMLElement>('.log');
  }

  // Focus follows each new card only when the visitor is in the chat, never stolen from the page.
  private moveFocus(chat: Chat, panelOpen: boolean, inline: boolean): void {
    const state = chat.$conversation.get();
    const meeting = chat.$meeting.get();
    const key = state?.awaiting && !chat.$busy.get()
      ? `${state.dialogueId}:${state.awaiting.cardId}:${state.awaiting.kind === 'input' ? state.awaiting.error ?? '' : ''}:${meeting?.status ?? ''}:${meeting?.failed ?? ''}`
      : '';
    const inside = (this.root() as ShadowRoot).activeElement !== null;
    if (this.focusOnOpen && panelOpen) {
      this.focusOnOpen = false;
      this.focusKey = key;
      if (!this.focusCard()) this.log()?.focus();
      return;
    }
    if (key === this.focusKey) {
      // The focused control went away with its card: keep focus in the chat, so Escape still works.
      if (this.focusWasInside && !inside && panelOpen) this.focusCard() || this.log()?.focus();
      return;
    }
    this.focusKey = key;
    if (key && panelOpen && (inside || this.focusWasInside || !inline)) this.focusCard();
    else if (this.focusWasInside && !inside && panelOpen) this.log()?.focus();
  }
}
