/** The input card's box and the draft it shows: what the visitor typed, kept across renders, reloads and pages. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Chat } from '../stores/chat.js';

/**
 * Keeps the input card's box equal to the draft: the saved draft when a new input card appears,
 * what the visitor types meanwhile. Written after each render, compared with the box itself,
 * rather than bound: typing does not re-render, so a binding's last value goes stale and would
 * leave the sent text in the box when the next input card reuses the same <input> (lit's live()
 * did this, for more bytes).
 */
export class DraftBox implements ReactiveController {
  #chat: () => Chat | null;
  #box: () => HTMLInputElement | null;
  #card = '';
  /** What the box should hold. */
  value = '';

  constructor(host: ReactiveControllerHost, chat: () => Chat | null, box: () => HTMLInputElement | null) {
    this.#chat = chat;
    this.#box = box;
    host.addController(this);
  }

  hostUpdate(): void {
    const chat = this.#chat();
    const state = chat?.$conversation.get();
    const card = state?.awaiting ? `${state.dialogueId}:${state.awaiting.cardId}` : '';
    if (card === this.#card) return;
    this.#card = card;
    this.value = chat?.actions.draft() ?? '';
  }

  hostUpdated(): void {
    const box = this.#box();
    if (box && box.value !== this.value) box.value = this.value;
  }

  /** The visitor typed: kept here and saved with the conversation. */
  typed(value: string): void {
    this.value = value;
    this.#chat()?.actions.setDraft(value);
  }
}
