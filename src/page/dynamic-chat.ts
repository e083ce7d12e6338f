/**
 * The `<dynamic-chat>` element with no Lit: its attributes, properties, methods and events, the
 * flow, targeting and triggers (stage 1, in the loader). The chat stores and the Lit view (stage 2)
 * are imported when a dialogue triggers, `show()`/`start()` is called, an inline dialogue is
 * resolved or a saved conversation resumes. Side-effect free: `define.ts` registers it.
 */
import type { WritableAtom } from 'nanostores';
import type { ChatAdapter } from '../adapters/types.js';
import { identifiedLead, outboxWaiting } from '../adapters/http-keys.js';
import type { ChatState, PageContext } from '../engine/index.js';
import type { Flow, Lead } from '../engine/index.js';
import type { Chat } from '../stores/chat.js';
import type { ChatErrorDetail, DynamicChatEventDetails, DynamicChatEventMap } from '../stores/events.js';
import { browserStorage, createPersistence, type Persistence, type SavedConversation, type WidgetStorage } from '../stores/persistence.js';
import { plainJson } from '../stores/plain.js';
import type { ChatSnapshot } from '../stores/chat.js';
import { warnDropped } from '../platform/storage.js';
import { resolveDialogue } from '../targeting/resolve.js';
import { adapterProblem } from './adapter-check.js';
import { ATTRIBUTES, mirrorAttributes, propertyOf, upgradeProperties } from './attributes.js';
import type { WiredAdapter } from './adapter-wiring.js';
import type { StageTwo } from './chunk-types.js';
import { loadChunk, loadedChunk } from './load-chunk.js';
import { chunkFailed, loadFlow } from './flow-source.js';
import { watchLocation } from './history-watch.js';
import { whenIdleOrTouched } from './idle-start.js';
import { localeTables } from './locales.js';
import { needsFullTargeting } from './lite/needs-full.js';
import { pageContext, stickyDialogue, targetedDialogue } from './page-targeting.js';
import { sameJson } from './same-json.js';
import { trackTimeOnSite, watchTrigger } from './triggers.js';
import { UpdateCycle } from './update-cycle.js';
import type { View } from './view-contract.js';

type Phase = 'idle' | 'loading' | 'ready' | 'failed';


/** Enough of a saved conversation for the loader's decisions; stage 2 checks all of it before restoring it. */
const looksSaved = (value: unknown): value is SavedConversation => {
  const state = (value as SavedConversation | null)?.state;
  return typeof state?.dialogueId === 'string' && typeof state.status === 'string';
};

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
export class DynamicChat extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  /** What the host last assigned to `flow` and `lead`, with a plain copy of it taken then. */
  #byValue: Record<string, [value: unknown, copy: unknown]> = {};
  #adapter: ChatAdapter | undefined;
  #root = this.attachShadow({ mode: 'open' });
  /** Aborted on disconnect: every listener on the host page takes it. */
  #listeners = new AbortController();

  /** `ready` means the flow, storage and persistence are set (the chat too once stage 2 is here). */
  #phase: Phase = 'idle';
  /** This load's signal: a new flow or backend, or the element leaving, aborts it (the flow's fetch too) and everything it started. */
  #loading = new AbortController();
  #initDone: Promise<void> = Promise.resolve();
  /** The flow, adapter and endpoint the widget loaded with (a change starts over). */
  #loadedInputs: unknown[] | null = null;
  #flowDoc: Flow | null = null;
  /** The resolveDialogue targeting uses: the loader's own, or the full one when the flow needs it. */
  #resolver = resolveDialogue;
  #wired: WiredAdapter | null = null;
  #resolvedId: string | null = null;
  #resolvedUrl = '';
  /** The page view and result the last `dc-ready` announced (undefined: none yet). */
  #readyUrl = '';
  #readyId: string | null | undefined;
  #triggerAbort: AbortController | null = null;
  #storage: WidgetStorage | null = null;
  #persistence: Persistence | null = null;
  /** The conversation an earlier page saved, until stage 2 restores it or targeting lets it go. */
  #saved: SavedConversation | null = null;
  #chat: Chat | null = null;
  #view: View | null = null;
  /** Whether the panel is open: the one source of truth, made with stage 2's nanostores and handed to the chat stores. */
  #open: WritableAtom<boolean> | null = null;
  #openOff: (() => void) | null = null;
  /** The opening under way is the widget's own (autoOpen, or `open` waiting for the trigger). */
  #autoOpen = false;
  /** The `open` attribute is being written from `#open`, not by the page. */
  #reflecting = false;
  #updates = new UpdateCycle((changed) => this.#update(changed));

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

  /** The backend adapter; without it `endpoint` picks httpAdapter, else localAdapter. */
  get adapter(): ChatAdapter | undefined {
    return this.#adapter;
  }

  set adapter(adapter: ChatAdapter | undefined) {
    const old = this.#adapter;
    this.#adapter = adapter;
    if (old !== adapter) this.#requestUpdate('adapter', old);
  }

  /** Base URL of the built-in HTTP adapter. */
  declare endpoint: string | undefined;
  /** `bubble` (default) or `inline`. */
  declare mode: 'bubble' | 'inline';
  /** Pretend page URL for targeting. */
  declare pageUrl: string | undefined;
  /** `light`, `dark` or `auto`. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** Locale of the UI strings. */
  declare locale: string | undefined;

  static {
    mirrorAttributes(this.prototype);
  }

  /**
   * The panel is open; mirrors the `open` attribute, as on `<dialog>`. Set before the trigger, it opens the panel when the dialogue starts.
   * @attr open
   * @reflect
   */
  get open(): boolean {
    return this.hasAttribute('open');
  }

  set open(open: boolean) {
    this.toggleAttribute('open', !!open);
  }

  /** Read-only snapshot of the conversation. */
  get state(): ChatSnapshot {
    return this.#chat?.actions.snapshot() ?? { dialogueId: null, cardId: null, answers: {}, lead: {}, transcript: [], status: 'idle' };
  }

  /** Resolves once the changes made so far are rendered (as a Lit element's does). */
  get updateComplete(): Promise<boolean> {
    return this.#updates.complete();
  }

  /**
   * Compared with the copy taken when the last value was assigned, not with the host's object: a
   * host that changed that object in place and then assigns an equal fresh one has changed it.
   */
  #take(name: 'flow' | 'lead', value: unknown): void {
    const copy = plainJson(value);
    const old = this.#byValue[name]?.[1];
    this.#byValue[name] = [value, copy];
    if (!sameJson(copy, old)) this.#requestUpdate(name, old);
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'flow') this.flow = value ?? undefined;
    else if (old !== value && !(name === 'open' && this.#reflecting)) this.#requestUpdate(propertyOf(name), name === 'open' ? old !== null : old ?? undefined);
  }

  connectedCallback(): void {
    upgradeProperties(this, ['lead', 'adapter']);
    if (this.#listeners.signal.aborted) this.#listeners = new AbortController();
    const win = this.ownerDocument.defaultView ?? window;
    watchLocation(win, this.#listeners.signal, () => {
      // SPAs call replaceState for scroll positions and the like: only a new URL re-targets.
      if (this.#page().url !== this.#resolvedUrl) this.#resolve();
    });
    whenIdleOrTouched(win, this.#listeners.signal, () => void this.#initialize());
    this.#view?.connected();
    this.#requestUpdate();
  }

  disconnectedCallback(): void {
    this.#listeners.abort();
    this.#teardown();
    this.#phase = 'idle';
    this.#view?.disconnected();
  }

  /** Opens the panel, starting the dialogue that targets this page if it has not triggered yet. */
  async show(): Promise<void> {
    await this.#initialize();
    if (this.#phase !== 'ready') return;
    if (!this.#conversation() && this.#resolvedId) await this.#fire(this.#resolvedId);
    if (this.#conversation()) this.#setOpen(true);
  }

  /** Closes the panel (a dialogue closed before its end counts as `closed`). */
  async close(): Promise<void> {
    this.#setOpen(false);
  }

  /** Opens the panel when closed, closes it when open. */
  async toggle(): Promise<void> {
    if (this.#open?.get()) await this.close();
    else await this.show();
  }

  /** Plays a dialogue now without waiting for its trigger: the named one, or the one targeting resolves. */
  async start(dialogueId?: string): Promise<void> {
    await this.#initialize();
    const flow = this.#flowDoc;
    const id = dialogueId ?? this.#resolvedId;
    if (!flow || !id || this.#phase !== 'ready') return;
    if (!flow.dialogues.some((d) => d.id === id)) {
      this.#fail({ code: 'unknown-dialogue', message: `The flow has no dialogue "${id}".`, path: '/dialogues' });
      return;
    }
    await this.#fire(id);
    this.#setOpen(true);
  }

  /** Forgets this visitor's conversation (transcript, answers, finished dialogues) and re-targets. */
  reset(): void {
    // Before the widget has loaded (a logout at page load), forget at once so nothing is restored.
    const persistence = this.#persist();
    this.#chat?.actions.clear();
    this.#saved = null;
    persistence.forget();
    this.#resolve();
  }

  /** Merges known lead attributes; re-evaluates targeting unless a dialogue is engaged. */
  identify(lead: Lead): void {
    // Setting `lead` re-evaluates targeting in the next update, unless a dialogue is engaged.
    this.lead = { ...(this.lead ?? {}), ...lead };
    this.#chat?.actions.mergeLead(lead);
  }

  // ---- updates ---------------------------------------------------------------------------

  #requestUpdate(name?: string, old?: unknown): void {
    this.#updates.request(name, old);
  }

  /** One batched update: the page's requests, the view's render, then what the changed properties call for. */
  #update(changed: Map<string, unknown>): void {
    try {
      const chat = this.#chat;
      // The page set or removed the `open` attribute; without a conversation it waits for the trigger.
      if (chat && this.#phase === 'ready' && changed.has('open') && this.open !== chat.$open.get()) {
        if (!this.open) this.#setOpen(false);
        else if (this.#conversation()) this.#setOpen(true);
      }
      this.#view?.render();
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
      if (changed.has('theme') || changed.has('pageUrl')) this.#view?.applyTheme();
      // A new page URL, or new lead attributes, may target another dialogue (unless one is engaged).
      if ((changed.has('pageUrl') && changed.get('pageUrl') !== undefined) || (changed.has('lead') && !this.#engagedId())) this.#resolve();
    } catch (error) {
      console.error('dynamic-chat:', error);
    }
  }

  // ---- loading ---------------------------------------------------------------------------

  #initialize(): Promise<void> {
    if (this.#phase === 'idle') {
      this.#phase = 'loading';
      this.#loading = new AbortController();
      this.#initDone = this.#load(this.#loading.signal);
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

  async #load(signal: AbortSignal): Promise<void> {
    this.#loadedInputs = this.#inputs();
    const loaded = await loadFlow(this.flow, this.ownerDocument, signal);
    // Checking was one task; targeting and the first render are the next, so neither grows
    // into a long task that holds up the page (see the load figures of `npm run bench`).
    await new Promise((resolve) => setTimeout(resolve));
    if (signal.aborted) return;
    if (!loaded.ok) return this.#failLoad(loaded.error);
    const problem = adapterProblem(this.adapter);
    if (problem) return this.#failLoad(problem);
    const flow = loaded.flow;
    let resolver = loadedChunk('stage')?.resolveDialogue ?? loadedChunk('targeting')?.resolveDialogue ?? resolveDialogue;
    if (resolver === resolveDialogue && needsFullTargeting(flow)) {
      try {
        resolver = (await loadChunk('targeting')).resolveDialogue;
      } catch (error) {
        return this.#failLoad(chunkFailed(error));
      }
      if (signal.aborted) return;
    }
    this.#resolver = resolver;
    this.#flowDoc = flow;
    this.#chat = null;
    this.#saved = this.#persist().loadConversation(looksSaved);
    this.#phase = 'ready';
    // Time on site accumulates on every page the widget is on, whatever its dialogue's trigger.
    trackTimeOnSite({ storage: this.#storage!.local, signal: this.#listeners.signal, target: this.ownerDocument });
    // Stage 2 is here already (a new flow, or the element came back): the chat starts at once.
    const stage = loadedChunk('stage');
    if (stage) this.#startChat(stage);
    if (this.#phase !== 'ready') return;
    this.#resolve();
    this.#openAsAsked();
    this.#requestUpdate();
    void this.#backend(signal);
  }

  /**
   * Stage 2 is here: the full validation, the adapter, the chat stores (restoring the saved
   * conversation) and the view. A flow the loader's check passed but the validator refuses stops here.
   */
  #startChat(stage: StageTwo): void {
    const flow = this.#flowDoc!;
    const verdict = stage.checkFlow(flow);
    if (!verdict.ok) return this.#failLoad(verdict.error);
    if (!this.#wire(stage)) return this.#failLoad();
    const $open = (this.#open ??= stage.atom(false));
    $open.set(false);
    const chat = (this.#chat = stage.createChat({
      persistence: this.#persistence!,
      // A host listener that removes the element mid-output takes the adapter away; the chat keeps the last one.
      adapter: () => this.#wired?.adapter as ChatAdapter,
      flow: () => this.#flowDoc,
      page: () => this.#page(),
      emit: (name, detail) => (name === 'dc-error' ? this.#fail(detail as ChatErrorDetail) : void this.#emit(name, detail)),
      now: () => new Date(),
      timeZone: stage.visitorTimeZone,
      locale: () => this.#localeCode(),
      openUrl: (url) => void this.ownerDocument.defaultView?.open(url, '_blank', 'noopener'),
      $open,
    }));
    const saved = this.#saved;
    this.#saved = null;
    if (saved && stage.isSavedConversation(saved)) chat.actions.restore(saved);
    else if (saved) {
      warnDropped('dc:conversation');
      this.#persistence!.saveConversation(null);
    }
    // The one listener of "open": it reflects the attribute, announces the change and moves focus.
    this.#openOff = $open.listen((open) => {
      if (!chat.$conversation.get()) return;
      this.#reflect(open);
      if (open) {
        this.#view?.opened(this.#autoOpen);
        this.#emit('dc-open', {});
      } else {
        this.#emit('dc-close', {});
        this.#view?.closed();
      }
      this.#autoOpen = false;
    });
    this.#view ??= stage.createView({
      element: this, root: this.#root, chat: () => this.#chat, ready: () => this.#phase === 'ready', requestUpdate: () => this.#requestUpdate(),
      settings: () => this.#flowDoc?.settings ?? {}, localeCode: () => this.#localeCode(), locales: localeTables,
      setOpen: (open) => this.#setOpen(open),
    });
    this.#view.chatChanged();
    this.#view.applyTheme();
    this.#requestUpdate();
  }

  /**
   * Runs `then` with the chat, importing stage 2 first when it is not here yet; nothing happens
   * when the import failed (a `load-failed` dc-error; the next call tries again) or the widget
   * started over meanwhile.
   */
  async #withChat(then: (chat: Chat) => void = () => {}): Promise<void> {
    if (!this.#chat) {
      const { signal } = this.#loading;
      const stage = await this.#loadStage();
      if (!stage || signal.aborted || this.#phase !== 'ready') return;
      if (!this.#chat) {
        const resumes = !!this.#saved;
        this.#startChat(stage);
        if (!this.#chat) return;
        if (resumes) {
          // The saved conversation is back: targeting sees it as it is, and the page's `open` applies.
          this.#resolve();
          this.#openAsAsked();
        }
      }
    }
    then(this.#chat);
  }

  #loadStage(): Promise<StageTwo | null> {
    return loadChunk('stage').catch((error: unknown) => {
      this.#fail(chunkFailed(error));
      return null;
    });
  }

  /** `<dynamic-chat open>`: the panel opens as soon as there is a conversation; else the attribute shows the panel's state. */
  #openAsAsked(): void {
    // On the next page of a conversation closed on the last one, the page's attribute asks for the panel.
    if (this.open) this.#setOpen(true, true);
    else if (this.#chat?.$conversation.get()) this.#reflect(this.#chat.$open.get());
  }

  /**
   * What the backend is owed at load: an outbox an earlier page left is flushed, and the visitor is
   * recognised (`identify`). The built-in HTTP adapter is loaded for either only when needed: its
   * identify answer is kept for the session, so later pages read it without loading anything.
   */
  async #backend(signal: AbortSignal): Promise<void> {
    let adapter = this.adapter;
    const endpoint = this.endpoint;
    if (!adapter && endpoint) {
      const { local, session } = this.#storage!;
      const visitorId = local.getItem('dc:visitor');
      const known = visitorId ? identifiedLead(session, endpoint, visitorId) : null;
      if (!outboxWaiting(local, endpoint) && known !== undefined) {
        if (known) this.identify(known);
        return;
      }
      adapter = (await this.#wireEarly())?.adapter;
    }
    if (!adapter || typeof adapter.identify !== 'function' || signal.aborted) return;
    // Not awaited by loading: show() and start() never wait for the backend to recognise the visitor.
    try {
      const lead = await adapter.identify();
      if (lead && !signal.aborted) this.identify(lead);
    } catch (error) {
      this.#fail({ code: 'adapter-failed', message: `identify failed: ${(error as Error).message}` });
    }
  }

  /** The built-in adapter before stage 2 (the adapters chunk alone), to flush an outbox or ask identify. */
  async #wireEarly(): Promise<WiredAdapter | null> {
    const { signal } = this.#loading;
    let adapters;
    try {
      adapters = await loadChunk('adapters');
    } catch (error) {
      this.#fail(chunkFailed(error));
      return null;
    }
    return !signal.aborted && this.#phase === 'ready' ? this.#wire(adapters) : null;
  }

  /** The adapter, wired once (with stage 2 or the adapters chunk); null after a `dc-error` saying why not. */
  #wire({ wireAdapter }: Pick<StageTwo, 'wireAdapter'>): WiredAdapter | null {
    if (!this.#wired) {
      const wiring = wireAdapter({ adapter: this.adapter, endpoint: this.endpoint, flow: this.#flowDoc!, onError: (detail) => this.#fail(detail) });
      if (wiring.ok) this.#wired = wiring.wired;
      else this.#fail(wiring.error);
    }
    return this.#wired;
  }

  /** A failure that leaves nothing to show (its `dc-error` is said here, or already was when `error` is omitted). */
  #failLoad(error?: ChatErrorDetail): void {
    if (error) this.#fail(error);
    // A chunk that could not be loaded (offline for a moment) is no verdict: show() or start() loads again.
    this.#phase = error?.code === 'load-failed' ? 'idle' : 'failed';
    this.#requestUpdate();
  }

  #teardown(): void {
    this.#loading.abort();
    this.#triggerAbort?.abort();
    this.#triggerAbort = null;
    this.#chat?.actions.dispose();
    this.#openOff?.();
    this.#openOff = null;
    this.#wired?.dispose();
    this.#wired = null;
  }

  #emit<K extends keyof DynamicChatEventDetails>(name: K, detail: DynamicChatEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  #fail(detail: ChatErrorDetail): void {
    console.warn(`dynamic-chat: ${detail.message}`, detail.errors ?? '');
    this.#emit('dc-error', detail);
  }

  // ---- targeting -------------------------------------------------------------------------

  #page(): PageContext {
    return pageContext(this.ownerDocument, this.pageUrl);
  }

  /** The conversation: the chat's, or before stage 2 the one an earlier page saved. */
  #conversation(): ChatState | null {
    return (this.#chat ? this.#chat.$conversation.get() : this.#saved?.state) ?? null;
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
    const chat = this.#chat;
    return stickyDialogue(this.#conversation(), chat ? chat.$busy.get() : !!this.#saved?.pending?.length);
  }

  /** Picks the dialogue for this page view and watches its trigger (contract §4). */
  #resolve(): void {
    if (this.#phase !== 'ready') return;
    const flow = this.#flowDoc!;
    const url = this.#page().url;
    const current = this.#conversation();
    // A finished conversation stays on screen until the URL changes (contract §1): a new lead or
    // flow on the same page must not make the visitor's last answer vanish or restart the dialogue.
    if (current?.status === 'completed' && url === this.#resolvedUrl) return;
    this.#resolvedUrl = url;
    this.#triggerAbort?.abort();
    // Aborted by the next resolve, or by the teardown when the element goes.
    const triggerAbort = (this.#triggerAbort = new AbortController());

    const engaged = this.#engagedId();
    if (engaged) {
      // An engaged dialogue is sticky: it continues on the version it started with (stage 2 brings it back).
      this.#resolvedId = engaged;
      void this.#withChat((chat) => chat.actions.setTriggered(true));
      this.#ready(engaged);
      return;
    }
    const dialogueId = this.#targeted(flow, current);
    this.#resolvedId = dialogueId;
    const resumes = this.#playing(dialogueId) && (this.#chat ? this.#chat.$triggered.get() : !!this.#saved?.triggered);
    if (current && !resumes) this.#clear();
    this.#ready(dialogueId);
    if (resumes) void this.#withChat();
    if (!dialogueId || resumes) return;
    const trigger = flow.dialogues.find((d) => d.id === dialogueId)?.trigger;
    // About to play (a load trigger fires in a moment; an inline chat shows in place): stage 2 is
    // fetched now. A failure is said once, by whatever needs the chat (the trigger, show()).
    if (!this.#chat && (this.mode === 'inline' || !trigger || trigger.on === 'load')) loadChunk('stage').catch(() => {});
    try {
      watchTrigger(trigger, {
        dialogueId, pageKey: this.#page().path, storage: this.#storage!.local, signal: triggerAbort.signal,
        target: this.ownerDocument,
      }, () => {
        if (!triggerAbort.signal.aborted) void this.#fire(dialogueId);
      });
    } catch (error) {
      this.#fail({ code: 'engine-failed', message: `The trigger could not be watched: ${(error as Error).message}` });
    }
  }

  /** Lets go of a conversation this page does not continue (without stage 2: only its saved copy). */
  #clear(): void {
    if (this.#chat) return this.#chat.actions.clear();
    this.#saved = null;
    this.#persistence!.saveConversation(null);
    this.#persistence!.saveDraft(null);
  }

  /**
   * Announces the result once per page view, and again only when it changes: a host whose
   * `dc-ready` handler re-renders (and so re-assigns properties) must not loop.
   */
  #ready(dialogueId: string | null): void {
    if (this.#readyUrl === this.#resolvedUrl && this.#readyId === dialogueId) return;
    this.#readyUrl = this.#resolvedUrl;
    this.#readyId = dialogueId;
    this.#emit('dc-ready', { dialogueId });
  }

  #targeted(flow: Flow, current: ChatState | null): string | null {
    try {
      return targetedDialogue(flow, {
        page: this.#page(), lead: this.#effectiveLead(), persistence: this.#persistence!, current, win: this.ownerDocument.defaultView, resolve: this.#resolver,
      });
    } catch (error) {
      this.#fail({ code: 'engine-failed', message: `Targeting failed: ${(error as Error).message}` });
      return null;
    }
  }

  /** The trigger fired (or `start()`): the dialogue begins, poked or opened, unless it is already playing. */
  #fire(dialogueId: string): Promise<void> {
    return this.#withChat((chat) => {
      const flow = this.#flowDoc!;
      if (this.#playing(dialogueId)) return;
      if (chat.actions.begin(flow, dialogueId, this.#effectiveLead())
        && this.mode !== 'inline' && (flow.settings?.autoOpen || this.open)) this.#setOpen(true, true);
    });
  }

  // ---- panel -----------------------------------------------------------------------------

  /** `auto`: the widget opens itself (autoOpen, or the `open` attribute waiting for the trigger). */
  #setOpen(open: boolean, auto = false): void {
    const chat = this.#chat;
    const conversation = this.#conversation();
    // Before stage 2, a wish to open waits for the chat (the trigger, or a conversation coming back).
    if (!chat) {
      if (!open) this.#reflect(false);
      return;
    }
    if (chat.$open.get() === open) {
      this.#reflect(open && !!conversation);
      return;
    }
    if (open && !conversation) return;
    this.#autoOpen = auto;
    // The `#open` listener reflects the attribute, emits dc-open / dc-close and moves focus.
    chat.actions.setOpen(open);
  }

  #reflect(open: boolean): void {
    this.#reflecting = true;
    this.toggleAttribute('open', open);
    this.#reflecting = false;
  }

  /** The locale texts are formatted in: the page's `locale`, the flow's, the document's, else English. */
  #localeCode(): string {
    return this.locale || this.#flowDoc?.settings?.locale || this.ownerDocument.documentElement.lang || 'en';
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
