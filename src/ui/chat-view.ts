/**
 * The Lit view (stage 2): renders one `<dynamic-chat>`'s conversation into its shadow root with
 * lit's `render()`, driven by the element's update cycle. It hosts the reactive controllers (store
 * subscription, viewport, poke placement, the draft box) and owns the view's own state: focus and scroll.
 */
import { adoptStyles, nothing, render, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { View, ViewHost } from '../page/view-contract.js';
import { CalendarLinks } from './calendar.js';
import { DraftBox } from './draft-box.js';
import { FocusFollow } from './focus-follow.js';
import { trapTab } from './focus-trap.js';
import { renderChat, type Intents } from './panel-view.js';
import { PokeController } from './poke-controller.js';
import { StoreController } from './store-controller.js';
import { stringsFor } from './strings.js';
import { chatStyles } from './styles.js';
import { applyTheme } from './theme.js';
import { ViewportController } from './viewport-controller.js';

/** The view of one `<dynamic-chat>`, as the page element drives it. */
export function createView(host: ViewHost): View {
  return new ChatView(host);
}

class ChatView implements View, ReactiveControllerHost {
  #host: ViewHost;
  #controllers = new Set<ReactiveController>();
  #connected = false;
  #draft: DraftBox;
  #jumpVisible = false;
  #calendar = new CalendarLinks();
  #follow: FocusFollow;
  #stores: StoreController;
  #viewport: ViewportController;
  #intents: Intents;

  constructor(host: ViewHost) {
    this.#host = host;
    adoptStyles(host.root, [chatStyles]);
    this.#follow = new FocusFollow(() => host.root);
    this.#draft = new DraftBox(this, () => host.chat(), () => host.root.querySelector<HTMLInputElement>('input[part="input"]'));
    const stores = () => {
      const chat = host.chat();
      return chat ? [chat.$conversation, chat.$revealed, chat.$typing, chat.$busy, chat.$triggered, chat.$open, chat.$pokeDone, chat.$meeting] : [];
    };
    this.#stores = new StoreController(this, stores);
    this.#viewport = new ViewportController(this, host.element, () => this.applyTheme());
    new PokeController(this, () => ({
      anchor: this.#launcher(),
      floating: host.root.querySelector<HTMLElement>('.poke'),
      placement: this.#left() ? 'top-start' : 'top-end',
    }));
    const chat = () => host.chat();
    this.#intents = {
      setOpen: (open) => host.setOpen(open),
      dismissPoke: () => {
        chat()?.actions.dismissPoke();
        this.closed();
      },
      panelKeydown: (event) => {
        if (event.key === 'Escape' && !this.#inline()) {
          event.stopPropagation();
          host.setOpen(false);
        }
        if (this.#modal()) trapTab(event);
      },
      logScroll: (event) => {
        const log = event.currentTarget as HTMLElement;
        const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
        this.#follow.stickToBottom = atBottom;
        if (this.#jumpVisible !== !atBottom) {
          this.#jumpVisible = !atBottom;
          this.requestUpdate();
        }
      },
      // The update this requests scrolls the transcript to its end (FocusFollow.afterRender sticks to the bottom).
      jumpToLatest: () => {
        this.#follow.stickToBottom = true;
        this.#jumpVisible = false;
        this.requestUpdate();
        this.#follow.focusCard() || this.#follow.log()?.focus();
      },
      draft: (value) => this.#draft.typed(value),
      send: (cardId) => chat()?.actions.submit(this.#draft.value, cardId),
      choose: (index, cardId) => chat()?.actions.choose(index, cardId),
      pickSlot: (slot) => chat()?.actions.pickSlot(slot),
      retrySlots: () => chat()?.actions.retrySlots(),
    };
    if (host.element.isConnected) this.connected();
  }

  // ---- ReactiveControllerHost ------------------------------------------------------------

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.#connected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  requestUpdate(): void {
    this.#host.requestUpdate();
  }

  get updateComplete(): Promise<boolean> {
    return this.#host.element.updateComplete;
  }

  // ---- View ------------------------------------------------------------------------------

  connected(): void {
    if (this.#connected) return;
    this.#connected = true;
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnected(): void {
    if (!this.#connected) return;
    this.#connected = false;
    for (const controller of this.#controllers) controller.hostDisconnected?.();
    this.#calendar.revoke();
  }

  chatChanged(): void {
    if (this.#connected) this.#stores.refresh();
  }

  opened(auto: boolean): void {
    this.#follow.opened(auto);
  }

  closed(): void {
    // The launcher comes back (on a phone it hides while the panel is open) with the next render.
    this.requestUpdate();
    void this.updateComplete.then(() => this.#launcher()?.focus());
  }

  applyTheme(): void {
    const host = this.#host;
    if (!host.ready()) return;
    const theme = host.element.theme;
    applyTheme(host.element, host.settings().theme, theme === 'dark' || (theme === 'auto' && this.#viewport.prefersDark));
  }

  render(): void {
    const host = this.#host;
    for (const controller of this.#controllers) controller.hostUpdate?.();
    this.#follow.beforeRender();
    const chat = host.chat();
    const state = chat?.$conversation.get() ?? null;
    const inline = this.#inline();
    render(host.ready() && chat && state ? renderChat({
      chat, state, settings: host.settings(), strings: stringsFor(host.element.locale || host.settings().locale, host.locales), locale: host.localeCode(),
      inline, modal: this.#modal(), left: this.#left(), jumpVisible: this.#jumpVisible, calendar: this.#calendar, intents: this.#intents,
    }) : nothing, host.root, { host: host.element });
    // As in Lit: the controllers' hostUpdated (the draft box written, the poke placed), then focus and scroll follow.
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.#follow.afterRender(chat, inline || !!chat?.$open.get(), inline);
  }

  #inline(): boolean {
    return this.#host.element.mode === 'inline';
  }

  #launcher(): HTMLElement | null {
    return this.#host.root.querySelector<HTMLElement>('.launcher');
  }

  #left(): boolean {
    return this.#host.settings().theme?.position === 'bottom-left';
  }

  /** The bubble panel covers the page on a phone: modal, with focus kept inside it. */
  #modal(): boolean {
    return !this.#inline() && this.#viewport.fullScreen;
  }
}
