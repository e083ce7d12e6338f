/** The `<dynamic-chat>` element class (side-effect free: `define-element.ts` registers it). */
import { nothing, type PropertyValues, type TemplateResult } from 'lit';
import { atom } from 'nanostores';
import type { ChatAdapter } from '../adapters/types.js';
import type { ChatState, PageContext, Flow, Lead } from '../engine/index.js';
import { createChat, snapshotOf, type Chat, type ChatSnapshot } from '../stores/chat.js';
import type { ChatErrorDetail, DynamicChatEventDetails, DynamicChatEventMap } from '../stores/events.js';
import { browserStorage, createPersistence, type Persistence, type WidgetStorage } from '../stores/persistence.js';
import { plainJson } from '../stores/plain.js';
import { wireAdapter } from './adapter-wiring.js';
import { DcElement } from './base-element.js';
import { CalendarLinks } from './calendar.js';
import { loadFlow } from './flow-source.js';
import { FocusFollow } from './focus-follow.js';
import { trapTab } from './focus-trap.js';
import { watchLocation } from './history-watch.js';
import { whenIdleOrTouched } from './idle-start.js';
import { pageContext, stickyDialogue, targetedDialogue } from './page-targeting.js';
import { renderChat } from './panel-view.js';
import { PokeController } from './poke-controller.js';
import { sameJson } from './same-json.js';
import { visitorTimeZone } from './slot-format.js';
import { StoreController } from './store-controller.js';
import { stringsFor } from './strings.js';
import { chatStyles } from './styles.js';
import { applyTheme } from './theme.js';
import { trackTimeOnSite, watchTrigger } from './triggers.js';
import { ViewportController } from './viewport-controller.js';

type Phase = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * A rule-based website chat: plays the dialogue of a flow document that targets this page and
 * visitor, captures lead fields and books meetings through a backend adapter.
 *
 * @tagname dynamic-chat
 * @summary Rule-based website chat with a launcher and floating panel, or inline.
 *
 * @attr flow - URL of the flow document, or `#id` of a `<script type="application/json">` holding it.
 * @attr endpoint - Base URL of the built-in HTTP adapter; without it the browser-only local adapter is used.
 * @attr {'bubble' | 'inline'} mode - `bubble` (launcher + floating panel, default) or `inline` (plays in place).
 * @attr {boolean} open - The panel is open (reflected); set before a dialogue triggers, it opens the panel when one does.
 * @attr page-url - Pretend page URL for targeting (previews).
 * @attr {'light' | 'dark' | 'auto'} theme - Bundled palette; `auto` follows `prefers-color-scheme`.
 * @attr locale - UI strings locale (falls back to `settings.locale`, then English).
 *
 * @prop {Flow | string | undefined} flow - A flow document object (or the `flow` attribute's URL/#id); compared by value, so an equal fresh object changes nothing.
 * @prop {ChatAdapter | undefined} adapter - The backend adapter; replaces the built-in ones.
 * @prop {Lead | undefined} lead - Lead and company attributes the host page already knows; compared by value, so an equal fresh object changes nothing.
 * @prop {boolean} open - The panel is open, mirroring the `open` attribute as on `<dialog>`: `true` opens it, `false` closes it.
 * @prop {ChatSnapshot} state - Read-only snapshot: dialogueId, cardId, answers, lead, transcript, status.
 *
 * @fires {CustomEvent<{ dialogueId: string | null }>} dc-ready - Targeting resolved (null: nothing targets this page/visitor).
 * @fires {CustomEvent<{}>} dc-open - The panel opened.
 * @fires {CustomEvent<{}>} dc-close - The panel closed.
 * @fires {CustomEvent<{ dialogueId: string }>} dc-dialogue-start - A dialogue started (its trigger fired, or `start()`).
 * @fires {CustomEvent<{ dialogueId: string; cardId: string; text: string }>} dc-message - A bot message appeared.
 * @fires {CustomEvent<{ dialogueId: string; cardId: string; value: string; label: string }>} dc-answer - The visitor answered.
 * @fires {CustomEvent<{ dialogueId: string; field: string; value: string }>} dc-field - A lead field was captured.
 * @fires {CustomEvent<{ dialogueId: string; goal: string }>} dc-goal - A goal card was reached.
 * @fires {CustomEvent<{ dialogueId: string; booking: Booking }>} dc-meeting-booked - A meeting was booked.
 * @fires {CustomEvent<{ dialogueId: string; reason: 'completed' | 'closed' }>} dc-dialogue-end - The dialogue completed, or the visitor closed the panel before the end.
 * @fires {CustomEvent<{ code: string; message: string; path?: string; errors?: FlowProblem[] }>} dc-error - Something failed; never thrown into the page.
 *
 * @csspart launcher - The round button that opens the panel.
 * @csspart poke - The teaser bubble beside the launcher holding the first message.
 * @csspart panel - The chat panel (a dialog in bubble mode, a region inline).
 * @csspart header - The panel header with the bot's avatar and name.
 * @csspart close - The "Close chat" button.
 * @csspart log - The transcript.
 * @csspart message - One transcript line (also `message-bot` or `message-visitor`).
 * @csspart bubble - The bubble of one message.
 * @csspart options - The buttons of a choice card.
 * @csspart option - One choice button.
 * @csspart input - The text box of an input card.
 * @csspart send - The "Send" button.
 * @csspart slots - The slot picker of a meeting card.
 * @csspart slot - One meeting slot button.
 *
 * @cssprop --dc-font-family - Font of the widget (`settings.theme.fontFamily`).
 * @cssprop --dc-primary-color - Launcher, option and send buttons (`primaryColor`).
 * @cssprop --dc-on-primary-color - Text on primary-colored buttons and visitor bubbles.
 * @cssprop --dc-background-color - Panel background (`backgroundColor`).
 * @cssprop --dc-text-color - Text color (`textColor`).
 * @cssprop --dc-bot-bubble-color - Bot bubbles (`botBubbleColor`).
 * @cssprop --dc-visitor-bubble-color - Visitor bubbles (`visitorBubbleColor`).
 * @cssprop --dc-radius - Corner radius (`radius`).
 * @cssprop --dc-offset - Distance of launcher and panel from the corner (`offset`).
 * @cssprop --dc-error-color - Validation and booking error text.
 * @cssprop --dc-focus-ring-color - The keyboard focus ring inside the panel (the primary color, or black or white where that has under 3:1 on the panel; a light indigo in the dark palette). Controls on the page get a black-and-white ring.
 * @cssprop --dc-z-index - Stacking order of the launcher, poke and panel.
 * @cssprop --dc-inline-height - Height of the inline chat (default 520px).
 */
export class DynamicChat extends DcElement<DynamicChatEventDetails> {
  static override styles = chatStyles;

  static override properties = {
    // Lit reads an attribute as a string unless told otherwise.
    // React and Vue assign a fresh `flow` / `lead` literal on every render: only new data is a change (#take).
    flow: { noAccessor: true },
    endpoint: {},
    mode: {},
    open: { type: Boolean, reflect: true },
    pageUrl: { attribute: 'page-url' },
    theme: { reflect: true },
    locale: {},
    adapter: { attribute: false },
    lead: { attribute: false, noAccessor: true },
  };

  /** Base URL of the built-in HTTP adapter. */
  declare endpoint: string | undefined;
  /** `bubble` (default) or `inline`. */
  declare mode: 'bubble' | 'inline' | undefined;
  /** The panel is open; mirrors the `open` attribute, as on `<dialog>`. Set before the trigger, it opens the panel when the dialogue starts. */
  declare open: boolean;
  /** Pretend page URL for targeting. */
  declare pageUrl: string | undefined;
  /** `light`, `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Locale of the UI strings. */
  declare locale: string | undefined;
  /** The backend adapter; without it `endpoint` picks httpAdapter, else localAdapter. */
  declare adapter: ChatAdapter | undefined;
  /** What the host last assigned to `flow` and `lead`, with a plain copy of it taken then. */
  #byValue: Record<string, [value: unknown, copy: unknown]> = {};

  /** A flow document object, or the URL / `#id` given by the `flow` attribute. */
  get flow(): Flow | string | undefined {
    return this.#byValue.flow?.[0] as Flow | string | undefined;
  }

  set flow(flow: Flow | string | undefined) {
    this.#take('flow', flow);
  }

  /** Lead and company attributes the host already has. */
  get lead(): Lead | undefined {
    return this.#byValue.lead?.[0] as Lead | undefined;
  }

  set lead(lead: Lead | undefined) {
    this.#take('lead', lead);
  }

  /**
   * Compared with the copy taken when the last value was assigned, not with the host's object: a
   * host that changed that object in place and then assigns an equal fresh one has changed it.
   */
  #take(name: 'flow' | 'lead', value: unknown): void {
    const copy = plainJson(value);
    const old = this.#byValue[name]?.[1];
    this.#byValue[name] = [value, copy];
    // The old copy is never the new value, so Lit's own identity check lets the update through.
    if (!sameJson(copy, old)) this.requestUpdate(name, old);
  }

  // Internal state is in #private members: the minifier shortens their names, not those of
  // `private` ones, and every visitor downloads them. Local view state stays out of
  // `static properties` so it is not mistaken for public API.
  #draft = '';
  #jumpVisible = false;

  /** `ready` means the flow, adapter, storage, persistence and chat below are all set. */
  #phase: Phase = 'idle';
  #run = 0;
  #initDone: Promise<void> = Promise.resolve();
  /** The flow, adapter and endpoint the widget loaded with (a change starts over). */
  #loadedInputs: unknown[] | null = null;
  #flowDoc: Flow | null = null;
  #activeAdapter: ChatAdapter | null = null;
  #disposeAdapter: (() => void) | null = null;
  #resolvedId: string | null = null;
  #resolvedUrl = '';
  /** The page view and result the last `dc-ready` announced (undefined: none yet). */
  #readyUrl = '';
  #readyId: string | null | undefined;
  #triggerAbort: AbortController | null = null;
  #storage: WidgetStorage | null = null;
  #persistence: Persistence | null = null;
  #chat: Chat | null = null;
  /** The panel is open: the element owns the atom and hands it to each conversation it creates. */
  #open = atom(false);
  #draftCard = '';
  #calendar = new CalendarLinks();
  #follow = new FocusFollow(() => this.renderRoot);
  #stores = new StoreController(this, () => (this.#chat ? [
    this.#chat.$conversation, this.#chat.$revealed, this.#chat.$typing, this.#chat.$busy,
    this.#chat.$triggered, this.#chat.$open, this.#chat.$pokeDone, this.#chat.$meeting,
  ] : []));
  #viewport = new ViewportController(this, () => this.#applyTheme());

  constructor() {
    super();
    this.mode = 'bubble';
    this.open = false;
    new PokeController(this, () => ({
      anchor: this.#launcher(),
      floating: this.renderRoot.querySelector<HTMLElement>('.poke'),
      placement: this.#left() ? 'top-start' : 'top-end',
    }));
  }

  /** Read-only snapshot of the conversation. */
  get state(): ChatSnapshot {
    return this.#chat?.actions.snapshot() ?? snapshotOf(null);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const win = this.ownerDocument.defaultView ?? window;
    watchLocation(win, this.signal, () => {
      // SPAs call replaceState for scroll positions and the like: only a new URL re-targets.
      if (this.#page().url !== this.#resolvedUrl) this.#resolve();
    });
    whenIdleOrTouched(win, this.signal, () => void this.#initialize());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#teardown();
    this.#phase = 'idle';
    this.#calendar.revoke();
  }

  /** Opens the panel, starting the dialogue that targets this page if it has not triggered yet. */
  async show(): Promise<void> {
    await this.#initialize();
    if (this.#phase !== 'ready') return;
    if (!this.#conversation() && this.#resolvedId) this.#fire(this.#resolvedId);
    if (this.#conversation()) this.#setOpen(true);
  }

  /** Closes the panel (a dialogue closed before its end counts as `closed`). */
  async close(): Promise<void> {
    this.#setOpen(false);
  }

  /** Opens the panel when closed, closes it when open. */
  async toggle(): Promise<void> {
    if (this.#chat?.$open.get()) await this.close();
    else await this.show();
  }

  /** Plays a dialogue now without waiting for its trigger: the named one, or the one targeting resolves. */
  async start(dialogueId?: string): Promise<void> {
    await this.#initialize();
    const flow = this.#flowDoc;
    const id = dialogueId ?? this.#resolvedId;
    if (!flow || !id) return;
    if (!flow.dialogues.some((d) => d.id === id)) {
      this.#fail({ code: 'unknown-dialogue', message: `The flow has no dialogue "${id}".`, path: '/dialogues' });
      return;
    }
    this.#fire(id);
    this.#setOpen(true);
  }

  /** Forgets this visitor's conversation (transcript, answers, finished dialogues) and re-targets. */
  reset(): void {
    // Before the widget has loaded (a logout at page load), forget at once so nothing is restored.
    const persistence = this.#persist();
    this.#chat?.actions.clear();
    persistence.forget();
    this.#resolve();
  }

  /** Merges known lead attributes; re-evaluates targeting unless a dialogue is engaged. */
  identify(lead: Lead): void {
    // Setting `lead` re-evaluates targeting in the next update, unless a dialogue is engaged.
    this.lead = { ...(this.lead ?? {}), ...lead };
    this.#chat?.actions.mergeLead(lead);
  }

  // ---- loading ---------------------------------------------------------------------------

  #initialize(): Promise<void> {
    if (this.#phase === 'idle') {
      this.#phase = 'loading';
      this.#initDone = this.#load(++this.#run);
    }
    return this.#initDone;
  }

  #inputs(): unknown[] {
    return [this.#byValue.flow?.[1], this.adapter, this.endpoint];
  }

  #persist(): Persistence {
    this.#storage ??= browserStorage();
    return (this.#persistence ??= createPersistence(this.#storage));
  }

  async #load(run: number): Promise<void> {
    this.#loadedInputs = this.#inputs();
    const loaded = await loadFlow(this.flow, this.ownerDocument);
    // Validation was one task; targeting and the first render are the next, so neither grows
    // into a long task that holds up the page (see the load figures of `npm run bench`).
    await new Promise((resolve) => setTimeout(resolve));
    if (run !== this.#run) return;
    if (!loaded.ok) return this.#failLoad(loaded.error);
    const flow = loaded.flow;
    const wiring = wireAdapter({ adapter: this.adapter, endpoint: this.endpoint, flow, onError: (detail) => this.#fail(detail) });
    if (!wiring.ok) return this.#failLoad(wiring.error);
    const { adapter, dispose } = wiring.wired;
    this.#disposeAdapter = dispose;
    this.#flowDoc = flow;
    this.#activeAdapter = adapter;
    const persistence = this.#persist();
    // A new conversation starts closed, as its own atom did: the saved state (restore below) or the `open` attribute opens it.
    this.#open.set(false);
    const chat = (this.#chat = createChat({
      persistence,
      $open: this.#open,
      adapter: () => this.#activeAdapter!,
      flow: () => this.#flowDoc,
      page: () => this.#page(),
      emit: (name, detail) => (name === 'dc-error' ? this.#fail(detail as ChatErrorDetail) : void this.emit(name, detail)),
      now: () => new Date(),
      timeZone: visitorTimeZone,
      locale: () => this.#localeCode(),
      openUrl: (url) => void this.ownerDocument.defaultView?.open(url, '_blank', 'noopener'),
    }));
    this.#stores.refresh();
    this.#phase = 'ready';
    // Time on site accumulates on every page the widget is on, whatever its dialogue's trigger.
    trackTimeOnSite({ storage: this.#storage!.local, signal: this.signal, target: this.ownerDocument });
    this.#applyTheme();
    const saved = persistence.loadConversation();
    if (saved) chat.actions.restore(saved);
    this.#resolve();
    // `<dynamic-chat open>` on the next page of a conversation closed on the last one: the page asks
    // for the panel, before the update that reflects the restored (closed) panel to the attribute.
    if (this.open) this.#setOpen(true, true);
    this.requestUpdate();
    void this.#identifyFromAdapter(adapter, run);
  }

  // Not awaited by loading: show() and start() never wait for the backend to recognise the visitor.
  async #identifyFromAdapter(adapter: ChatAdapter, run: number): Promise<void> {
    if (typeof adapter.identify !== 'function') return;
    try {
      const lead = await adapter.identify();
      if (lead && run === this.#run) this.identify(lead);
    } catch (error) {
      this.#fail({ code: 'adapter-failed', message: `identify failed: ${(error as Error).message}` });
    }
  }

  #failLoad(error: ChatErrorDetail): void {
    this.#fail(error);
    this.#phase = 'failed';
  }

  #teardown(): void {
    this.#run++;
    this.#triggerAbort?.abort();
    this.#triggerAbort = null;
    this.#chat?.actions.dispose();
    this.#disposeAdapter?.();
    this.#disposeAdapter = null;
    this.#activeAdapter = null;
  }

  #fail(detail: ChatErrorDetail): void {
    console.warn(`dynamic-chat: ${detail.message}`, detail.errors ?? '');
    this.emit('dc-error', detail);
  }

  // ---- targeting -------------------------------------------------------------------------

  #page(): PageContext {
    return pageContext(this.ownerDocument, this.pageUrl);
  }

  #conversation(): ChatState | null {
    return this.#chat?.$conversation.get() ?? null;
  }

  /** The conversation is playing this dialogue (and has not ended). */
  #playing(dialogueId: string | null): boolean {
    const current = this.#conversation();
    return current?.dialogueId === dialogueId && current.status === 'active';
  }

  #effectiveLead(): Lead {
    return { ...(this.#persistence?.capturedLead() ?? {}), ...(this.lead ?? {}) };
  }

  #engagedId(): string | null {
    return stickyDialogue(this.#conversation(), !!this.#chat?.$busy.get());
  }

  /** Picks the dialogue for this page view and watches its trigger (contract §4). */
  #resolve(): void {
    if (this.#phase !== 'ready') return;
    const flow = this.#flowDoc!;
    const chat = this.#chat!;
    const url = this.#page().url;
    // A finished conversation stays on screen until the URL changes (contract §1): a new lead or
    // flow on the same page must not make the visitor's last answer vanish or restart the dialogue.
    if (this.#conversation()?.status === 'completed' && url === this.#resolvedUrl) return;
    this.#resolvedUrl = url;
    this.#triggerAbort?.abort();
    // Aborted by the next resolve, or by the teardown when the element goes.
    const triggerAbort = (this.#triggerAbort = new AbortController());

    const engaged = this.#engagedId();
    if (engaged) {
      // An engaged dialogue is sticky: it continues on the version it started with.
      this.#resolvedId = engaged;
      chat.actions.setTriggered(true);
      this.#ready(engaged);
      return;
    }
    const current = this.#conversation();
    const dialogueId = this.#targeted(flow, current);
    this.#resolvedId = dialogueId;
    const resumes = this.#playing(dialogueId) && chat.$triggered.get();
    if (current && !resumes) chat.actions.clear();
    this.#ready(dialogueId);
    if (!dialogueId || resumes) return;
    watchTrigger(flow.dialogues.find((d) => d.id === dialogueId)?.trigger, {
      dialogueId, pageKey: this.#page().path, storage: this.#storage!.local, signal: triggerAbort.signal,
      target: this.ownerDocument,
    }, () => {
      if (!triggerAbort.signal.aborted) this.#fire(dialogueId);
    });
  }

  /**
   * Announces the result once per page view, and again only when it changes: a host whose
   * `dc-ready` handler re-renders (and so re-assigns properties) must not loop.
   */
  #ready(dialogueId: string | null): void {
    if (this.#readyUrl === this.#resolvedUrl && this.#readyId === dialogueId) return;
    this.#readyUrl = this.#resolvedUrl;
    this.#readyId = dialogueId;
    this.emit('dc-ready', { dialogueId });
  }

  #targeted(flow: Flow, current: ChatState | null): string | null {
    try {
      return targetedDialogue(flow, {
        page: this.#page(), lead: this.#effectiveLead(), persistence: this.#persistence!, current, win: this.ownerDocument.defaultView,
      });
    } catch (error) {
      this.#fail({ code: 'engine-failed', message: `Targeting failed: ${(error as Error).message}` });
      return null;
    }
  }

  /** The trigger fired (or `start()`): the dialogue begins, poked or opened, unless it is already playing. */
  #fire(dialogueId: string): void {
    const flow = this.#flowDoc!;
    if (this.#playing(dialogueId)) return;
    if (this.#chat!.actions.begin(flow, dialogueId, this.#effectiveLead())
      && this.mode !== 'inline' && (flow.settings?.autoOpen || this.open)) this.#setOpen(true, true);
  }

  // ---- panel -----------------------------------------------------------------------------

  /** `auto`: the widget opens itself (autoOpen, or the `open` attribute waiting for the trigger). */
  #setOpen(open: boolean, auto = false): void {
    const chat = this.#chat;
    const conversation = this.#conversation();
    if (!chat || chat.$open.get() === open) {
      this.open = open && !!conversation;
      return;
    }
    if (open && !conversation) return;
    chat.actions.setOpen(open);
    this.open = open;
    if (open) {
      this.#follow.opened(auto);
      this.emit('dc-open', {});
    } else {
      this.emit('dc-close', {});
      this.#focusLauncher();
    }
  }

  #launcher(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.launcher');
  }

  #focusLauncher(): void {
    void this.updateComplete.then(() => this.#launcher()?.focus());
  }

  #onPokeDismiss = () => {
    this.#chat?.actions.dismissPoke();
    this.#focusLauncher();
  };

  #onPanelKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.mode !== 'inline') {
      event.stopPropagation();
      this.#setOpen(false);
    }
    if (this.#modal()) trapTab(event);
  };

  /** The bubble panel covers the page on a phone: modal, with focus kept inside it. */
  #modal(): boolean {
    return this.mode !== 'inline' && this.#viewport.fullScreen;
  }

  #onLogScroll = (event: Event) => {
    const log = event.currentTarget as HTMLElement;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
    this.#follow.stickToBottom = atBottom;
    if (this.#jumpVisible !== !atBottom) {
      this.#jumpVisible = !atBottom;
      this.requestUpdate();
    }
  };

  // The update this requests scrolls the transcript to its end (FocusFollow.afterRender sticks to the bottom).
  #jumpToLatest = () => {
    this.#follow.stickToBottom = true;
    this.#jumpVisible = false;
    this.requestUpdate();
    this.#follow.focusCard() || this.#follow.log()?.focus();
  };

  #left(): boolean {
    return this.#flowDoc?.settings?.theme?.position === 'bottom-left';
  }

  /** The locale the page or the flow asks for, if any (UI strings fall back to English). */
  #chosenLocale(): string | undefined {
    return this.locale || this.#flowDoc?.settings?.locale;
  }

  #localeCode(): string {
    return this.#chosenLocale() || this.ownerDocument.documentElement.lang || 'en';
  }

  #applyTheme(): void {
    if (this.#phase !== 'ready') return;
    const dark = this.theme === 'dark' || (this.theme === 'auto' && this.#viewport.prefersDark);
    applyTheme(this, this.#flowDoc?.settings?.theme, dark);
  }

  // ---- lifecycle -------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#follow.beforeRender();
    const chat = this.#chat;
    const state = this.#conversation();
    const cardKey = state?.awaiting ? `${state.dialogueId}:${state.awaiting.cardId}` : '';
    if (cardKey !== this.#draftCard) {
      this.#draftCard = cardKey;
      this.#draft = chat?.actions.draft() ?? '';
    }
    if (!chat || this.#phase !== 'ready' || this.open === chat.$open.get()) return;
    if (changed.has('open')) {
      // The page set or removed the `open` attribute; without a conversation it waits for the trigger.
      if (this.open && state) this.#setOpen(true);
      else if (!this.open) this.#setOpen(false);
    } else if (state) {
      // Reflect what the visitor did (or a restored conversation) back to the attribute.
      this.open = chat.$open.get();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The input card's box shows the draft. Written here, compared with the box itself, rather than
    // bound: typing does not re-render, so a binding's last value goes stale and would leave the sent
    // text in the box when the next input card reuses the same <input> (lit's live() did this, for
    // more bytes in the script-tag file).
    const box = this.renderRoot.querySelector<HTMLInputElement>('input[part="input"]');
    if (box && box.value !== this.#draft) box.value = this.#draft;
    const loaded = this.#loadedInputs;
    if (loaded && this.#phase !== 'idle' && (changed.has('flow') || changed.has('adapter') || changed.has('endpoint'))) {
      // `flow` is compared by value with what was loaded (it may have changed during the load).
      const newFlow = !sameJson(this.#byValue.flow?.[1], loaded[0]);
      if (newFlow || this.adapter !== loaded[1] || this.endpoint !== loaded[2]) {
        // A new flow or backend: start over from loading. Another flow targets afresh, even after a
        // finished conversation; another backend keeps what is on screen.
        this.#teardown();
        this.#phase = 'idle';
        if (newFlow) this.#resolvedUrl = '';
        void this.#initialize();
      }
    }
    if (changed.has('theme') || changed.has('pageUrl')) this.#applyTheme();
    // A new page URL, or new lead attributes, may target another dialogue (unless one is engaged).
    if ((changed.has('pageUrl') && changed.get('pageUrl') !== undefined) || (changed.has('lead') && !this.#engagedId())) this.#resolve();
    const inline = this.mode === 'inline';
    this.#follow.afterRender(this.#chat, inline || !!this.#chat?.$open.get(), inline);
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override render(): TemplateResult | typeof nothing {
    const chat = this.#chat;
    const state = this.#conversation();
    if (this.#phase !== 'ready' || !chat || !state) return nothing;
    return renderChat({
      chat, state, settings: this.#flowDoc?.settings ?? {}, strings: stringsFor(this.#chosenLocale()), locale: this.#localeCode(),
      inline: this.mode === 'inline', modal: this.#modal(), left: this.#left(), jumpVisible: this.#jumpVisible,
      calendar: this.#calendar,
      setOpen: (open) => this.#setOpen(open),
      onPokeDismiss: this.#onPokeDismiss,
      onPanelKeydown: this.#onPanelKeydown,
      onLogScroll: this.#onLogScroll,
      onJumpToLatest: this.#jumpToLatest,
      onDraft: (value) => {
        this.#draft = value;
        chat.actions.setDraft(value);
      },
      onSend: (cardId) => chat.actions.submit(this.#draft, cardId),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dynamic-chat': DynamicChat;
  }
  // Typed `addEventListener('dc-…')` on any element, the document and window (the events bubble and are composed).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends DynamicChatEventMap {}
}
