/**
 * One widget's conversation: nanostores plus the actions that drive the engine, wait out response
 * delays, call the adapter, track metrics and persist everything to storage.
 */
import { atom, type WritableAtom } from 'nanostores';
import {
  isBooking, start as startEngine, step as stepEngine, fillTokens, cardOf, slotRequest,
  type ChatState, type Output, type PageContext, type StepInput, type StepResult, type Flow, type Lead, type Slot,
} from '../engine/index.js';
import type { ChatAdapter, ChatEventType } from '../adapters/types.js';
import type { Emit } from './events.js';
import { headerSafe, randomId } from '../platform/ids.js';
import { isSlot, isSpan } from '../adapters/slot-shape.js';
import type { Persistence, SavedConversation } from './persistence.js';
import { plainJson } from './plain.js';
import { snapshotOf, type ChatSnapshot } from './snapshot.js';

export { snapshotOf, type ChatSnapshot };

/** What the meeting card shows while slots load, are offered, or a booking is in flight. */
export interface MeetingView {
  cardId: string;
  status: 'loading' | 'ready' | 'booking' | 'error';
  slots: Slot[];
  /** The last attempt that failed, shown with a "Try again". */
  failed?: 'slots' | 'booking';
}

/** What the conversation needs from its widget. */
export interface ChatDeps {
  persistence: Persistence;
  adapter(): ChatAdapter;
  flow(): Flow | null;
  page(): PageContext;
  emit: Emit;
  now(): Date;
  timeZone(): string;
  locale(): string;
  openUrl(url: string): void;
  /** Whether the panel is open: the page layer's atom, the one source of truth for it. */
  $open: WritableAtom<boolean>;
}

const DAY_MS = 86_400_000;

/** An adapter method's answer as a promise: a synchronous throw or a plain value (a custom adapter) included. */
async function settled<T>(call: () => T | Promise<T>): Promise<T> {
  return call();
}

/** Creates the stores and actions of one widget instance. */
export function createChat(deps: ChatDeps) {
  const { persistence, emit, now, page } = deps;
  /** The engine's state of the conversation, or null before a dialogue starts. */
  const $conversation = atom<ChatState | null>(null);
  /** How many transcript entries are visible (the rest wait out their delay). */
  const $revealed = atom(0);
  /** The bot is "typing" (a response delay is running). */
  const $typing = atom(false);
  /** Outputs are still playing; the awaited card appears once they are done. */
  const $busy = atom(false);
  /** The trigger fired: the launcher (and poke) are shown. */
  const $triggered = atom(false);
  /** The panel is open (the page layer owns this atom; the chat writes it through `setOpen`). */
  const { $open } = deps;
  /** The poke teaser is done with (dismissed, or the panel was opened). */
  const $pokeDone = atom(false);
  /** The meeting card's slots and booking status. */
  const $meeting = atom<MeetingView | null>(null);

  let closedReported = false;
  /** The last save failed: `save-failed` is said once per streak of failures, not on every step. */
  let saveFailed = false;
  let lastAnswered = '';
  let queue: Output[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped whenever the conversation is replaced, so late adapter answers are ignored.
  let generation = 0;
  // The adapter last handed out: a host listener that removes the element on dc-answer or dc-field
  // takes the element's adapter away mid-output, and the captured field must still reach it.
  let lastAdapter: ChatAdapter | null = null;

  function adapter(): ChatAdapter {
    lastAdapter = (deps.adapter() as ChatAdapter | null) ?? lastAdapter;
    return lastAdapter!;
  }

  /** Reports a failure as a `dc-error`, its message after `prefix`. */
  function fail(code: string, error: unknown, prefix = ''): void {
    emit('dc-error', { code, message: prefix + (error instanceof Error ? error.message : String(error)) });
  }

  function save(): void {
    const state = $conversation.get();
    let problem: unknown = null;
    try {
      const durable = persistence.saveConversation(state ? {
        state, triggered: $triggered.get(), open: $open.get(), closedReported, pokeDone: $pokeDone.get(),
        ...(queue.length > 0 ? { pending: [...queue], revealed: $revealed.get() } : {}),
      } : null);
      // The storage wrapper never throws: a full or refused sessionStorage shows as a save that stayed in memory.
      if (durable === false) problem = 'browser storage is full or refused';
    } catch (error) {
      problem = error;
    }
    // The conversation plays on; only a reload would lose it.
    if (problem !== null && !saveFailed) fail('save-failed', problem, 'The conversation could not be saved for a reload: ');
    saveFailed = problem !== null;
  }

  /** Hands data to the adapter; a failure is an `adapter-failed` dc-error naming the method. */
  function send<K extends 'track' | 'submitFields'>(method: K, data: Parameters<ChatAdapter[K]>[0]): void {
    settled(() => adapter()[method](data as never)).catch((error: unknown) => fail('adapter-failed', error, `${method} failed: `));
  }

  /** What every submission to the adapter carries. */
  function stamp(dialogueId: string, key: string) {
    return { sessionId: persistence.sessionId(), dialogueId, page: page().url, at: now().toISOString(), key };
  }

  // goal and meeting count each time; the other events once per visitor per session.
  function track(type: ChatEventType, dialogueId: string, extra?: { goal: string }): void {
    const once = type !== 'goal' && type !== 'meeting';
    const key = once ? `${persistence.sessionId()}:${dialogueId}:${type}` : randomId();
    if (once && !persistence.markTracked(key)) return;
    send('track', { type, visitorId: persistence.visitorId(), ...stamp(dialogueId, key), ...extra });
  }

  function revealNext(from: 'bot' | 'visitor'): void {
    const transcript = $conversation.get()?.transcript ?? [];
    for (let i = $revealed.get(); i < transcript.length; i++) {
      if (transcript[i].from === from) {
        $revealed.set(i + 1);
        return;
      }
    }
  }

  /** Keeps a captured field for this session and hands it to the adapter. */
  function capture(state: ChatState, { field, value }: Extract<Output, { type: 'field' }>): void {
    const dialogueId = state.dialogueId;
    persistence.saveCapturedLead({ ...persistence.capturedLead(), [field]: value });
    send('submitFields', { ...stamp(dialogueId, randomId()), fields: { [field]: value } });
    // An email input card's field (whatever it is called) or the `email` lead field: a person acquired.
    const card = state.dialogue.cards[lastAnswered];
    if (field === 'email' || (card?.type === 'input' && card.kind === 'email')) track('acquired', dialogueId);
  }

  function handle(output: Output): void {
    const state = $conversation.get();
    if (!state) return;
    const dialogueId = state.dialogueId;
    switch (output.type) {
      case 'message':
        revealNext('bot');
        emit('dc-message', { dialogueId, cardId: output.cardId, text: output.text });
        break;
      case 'answer':
        lastAnswered = output.cardId;
        revealNext('visitor');
        emit('dc-answer', { dialogueId, cardId: output.cardId, value: output.value, label: output.label });
        track('engaged', dialogueId);
        break;
      case 'field':
        // Kept and sent before the event: its listener may remove the element.
        capture(state, output);
        emit('dc-field', { dialogueId, field: output.field, value: output.value });
        break;
      case 'goal':
        emit('dc-goal', { dialogueId, goal: output.goal });
        track('goal', dialogueId, { goal: output.goal });
        break;
      case 'meeting':
        emit('dc-meeting-booked', { dialogueId, booking: output.booking });
        // Picking a slot is an answer too: a known lead who only books is engaged, not just converted.
        track('engaged', dialogueId);
        track('meeting', dialogueId);
        break;
      case 'end':
        persistence.addCompleted(dialogueId);
        emit('dc-dialogue-end', { dialogueId, reason: 'completed' });
        track('completed', dialogueId);
        break;
      // `requestSlots`: slots load once the outputs are played (settle); `invalid`: the engine keeps
      // the error and the value on `awaiting`, and the input card shows both.
    }
  }

  function settle(): void {
    const state = $conversation.get();
    $typing.set(false);
    $busy.set(false);
    $revealed.set(state?.transcript.length ?? 0);
    save();
    const awaiting = state?.awaiting;
    if (awaiting?.kind === 'meeting' && $meeting.get()?.cardId !== awaiting.cardId) loadSlots(awaiting.cardId);
  }

  function pump(): void {
    while (queue.length > 0) {
      const next = queue[0];
      if (next.type === 'message' && next.delayMs > 0) {
        $typing.set(true);
        // What is left to play is saved, so a reload during the delay resumes it.
        save();
        timer = setTimeout(() => {
          timer = undefined;
          $typing.set(false);
          // The delay is over: the message plays now, like any other output (a copy: outputs stay as the engine made them).
          queue[0] = { ...next, delayMs: 0 };
          pump();
        }, next.delayMs);
        return;
      }
      const ticket = generation;
      handle(queue.shift()!);
      // A listener of the event just emitted removed the element (dispose) or started over.
      if (ticket !== generation) return;
    }
    settle();
  }

  function play(outputs: Output[]): void {
    // Opening a URL must happen inside the click that asked for it, or popup blockers refuse it.
    for (const output of outputs) {
      if (output.type === 'openUrl') deps.openUrl(output.url);
      else queue.push(output);
    }
    adapter();
    $busy.set(true);
    if (timer === undefined) pump();
  }

  /** Runs the engine and plays its outputs; `started`: the dialogue `begin` starts. */
  function run(compute: () => StepResult, started?: string): boolean {
    let result: StepResult;
    try {
      result = compute();
    } catch (error) {
      fail('engine-failed', error);
      return false;
    }
    $conversation.set(result.state);
    if (started) {
      $triggered.set(true);
      persistence.addSessionSeen(started);
      save();
      emit('dc-dialogue-start', { dialogueId: started });
      track('triggered', started);
    } else save();
    play(result.outputs);
    return true;
  }

  function advance(input: StepInput): boolean {
    const state = $conversation.get();
    return !!state && !$busy.get() && run(() => stepEngine(state, input, now()));
  }

  function awaits(kind: 'choice' | 'input', cardId: string | undefined): boolean {
    const awaiting = $conversation.get()?.awaiting;
    return awaiting?.kind === kind && (cardId === undefined || awaiting.cardId === cardId);
  }

  function draftKey(): string | null {
    const state = $conversation.get();
    return state?.awaiting?.kind === 'input' ? `${state.dialogueId}:${state.awaiting.cardId}` : null;
  }

  /** Stops what is playing; adapter answers still on their way are ignored. */
  function stop(): void {
    generation++;
    clearTimeout(timer);
    timer = undefined;
    queue = [];
    $typing.set(false);
    $busy.set(false);
  }

  /** Stops what is playing and forgets the view state of the last conversation. */
  function fresh(): void {
    stop();
    closedReported = false;
    $meeting.set(null);
    $revealed.set(0);
    $pokeDone.set(false);
    persistence.saveDraft(null);
  }

  function loadSlots(cardId: string, failed?: MeetingView['failed']): void {
    const state = $conversation.get();
    // The conversation may come from storage, tampered: the card and its request are read the
    // engine's way (cardOf, slotRequest), which checks what it reads.
    const card = state ? cardOf(state, cardId) : undefined;
    if (!state || card?.type !== 'meeting') return;
    const from = now();
    const { agentIds, durationMinutes, daysAhead } = slotRequest(card, state.settings);
    const query = {
      dialogueId: state.dialogueId, agentIds, durationMinutes,
      from: from.toISOString(), to: new Date(from.getTime() + daysAhead * DAY_MS).toISOString(),
      timeZone: deps.timeZone(),
    };
    const ticket = generation;
    const stillWaiting = () => ticket === generation && $conversation.get()?.awaiting?.cardId === cardId;
    $meeting.set({ cardId, status: 'loading', slots: [], failed });
    settled(() => deps.adapter().findSlots(query)).then(
      (slots) => {
        if (!stillWaiting()) return;
        const t = now().getTime();
        // A custom adapter may answer with junk among the slots (null, strings, an end before the
        // start, no agent): only well-formed future slots are offered.
        const offered = (Array.isArray(slots) ? slots : []).filter(isSlot)
          .filter((s) => Date.parse(s.start) > t)
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
        if (offered.length > 0) return $meeting.set({ cardId, status: 'ready', slots: offered, failed });
        $meeting.set(null);
        advance({ type: 'noSlots' });
      },
      (error: unknown) => {
        if (!stillWaiting()) return;
        $meeting.set({ cardId, status: 'error', slots: [], failed: 'slots' });
        fail('slots-failed', error);
      },
    );
  }

  const actions = {
    /** Starts a dialogue from its first card (the trigger fired or the author called `start()`). */
    begin(flow: Flow, dialogueId: string, lead: Lead): boolean {
      fresh();
      // The host's lead and flow objects may hold what JSON cannot (BigInt, cycles): saving would throw.
      return run(() => startEngine(plainJson(flow) as Flow, dialogueId, { lead: plainJson(lead) as Lead, page: page() }, now()), dialogueId);
    },

    /** Brings back a saved conversation as the visitor left it; what was still to play plays on. */
    restore(saved: SavedConversation): void {
      stop();
      closedReported = saved.closedReported;
      $pokeDone.set(saved.pokeDone === true);
      $conversation.set(saved.state);
      $triggered.set(saved.triggered);
      $open.set(saved.open);
      $meeting.set(null);
      // Its shape was checked when it was read back (persistence): storage is untrusted input.
      const pending = (saved.pending ?? []).filter((o) => o.type !== 'openUrl');
      if (pending.length === 0) return settle();
      const length = saved.state.transcript.length;
      $revealed.set(Math.max(0, Math.min(saved.revealed ?? length, length)));
      play(pending);
    },

    /**
     * The visitor picked option `index` of the choice card (`cardId`: the card they saw; a click
     * that arrives after that card was answered is dropped, never applied to the next one).
     */
    choose: (index: number, cardId?: string) => awaits('choice', cardId) && advance({ type: 'choose', index }),

    /** The visitor sent a value to the input card (`cardId` as for `choose`: Enter plus a click sends once). */
    submit(value: string, cardId?: string): boolean {
      if (!awaits('input', cardId)) return false;
      const sent = advance({ type: 'submit', value });
      // A refused value stays on the card as `awaiting.value`; either way the draft is used up.
      if (sent) persistence.saveDraft(null);
      return sent;
    },

    /** Keeps what the visitor is typing into the input card, so a reload or a new page keeps it too. */
    setDraft(value: string): void {
      const card = draftKey();
      if (card) persistence.saveDraft({ card, value });
    },

    /** What the input card's box should hold: the unsent draft, else the last refused value. */
    draft(): string {
      const awaiting = $conversation.get()?.awaiting;
      if (awaiting?.kind !== 'input') return '';
      const saved = persistence.draft();
      return saved && saved.card === draftKey() ? saved.value : awaiting.value ?? '';
    },

    /** The visitor picked a meeting slot: book it, then confirm or offer the remaining slots again. */
    pickSlot(slot: Slot): void {
      const state = $conversation.get();
      const view = $meeting.get();
      if (view?.status !== 'ready' || state?.awaiting?.kind !== 'meeting') return;
      const { dialogueId, lead } = state;
      const sessionId = persistence.sessionId();
      const invite = deps.flow()?.settings?.meetings?.inviteMessage;
      const request = {
        // Header-safe whatever the ids (a Cyrillic or emoji id would make fetch refuse the request), and stable across retries.
        sessionId, dialogueId, slot, lead, key: headerSafe(`${sessionId}:${dialogueId}:${view.cardId}:${slot.start}`),
        ...(invite ? { inviteMessage: fillTokens(invite, state) } : {}),
      };
      const ticket = generation;
      const failed = (error: unknown): void => {
        if (ticket !== generation) return;
        fail('booking-failed', error);
        loadSlots(view.cardId, 'booking');
      };
      $meeting.set({ ...view, status: 'booking' });
      settled(() => deps.adapter().bookMeeting(request)).then((booking) => {
        // The engine would ignore it and the slots would silently come back: say so instead.
        if (!isBooking(booking) || !isSpan(booking.start, booking.end)) {
          return failed(new Error('bookMeeting answered with no booking (id, agent, start, end after start).'));
        }
        if (ticket !== generation) return;
        $meeting.set(null);
        advance({ type: 'booked', booking, timeZone: deps.timeZone(), locale: deps.locale() });
      }, failed);
    },

    /** Fetches the meeting slots again after a failure; a second click while they load does nothing. */
    retrySlots(): void {
      const view = $meeting.get();
      if (view && view.status !== 'loading') loadSlots(view.cardId);
    },

    /** Opens or closes the panel; closing before the end counts as `closed` once per conversation. */
    setOpen(open: boolean): void {
      if ($open.get() === open) return;
      $open.set(open);
      if (open) $pokeDone.set(true);
      const state = $conversation.get();
      if (!open && state && state.status === 'active' && !closedReported) {
        closedReported = true;
        emit('dc-dialogue-end', { dialogueId: state.dialogueId, reason: 'closed' });
        track('closed', state.dialogueId);
      }
      save();
    },

    /** The visitor waved the poke away; it stays away for this conversation. */
    dismissPoke(): void {
      $pokeDone.set(true);
      save();
    },

    /** Shows the launcher without starting anything new (a restored conversation). */
    setTriggered(triggered: boolean): void {
      $triggered.set(triggered);
      save();
    },

    /** Merges lead attributes the host learned into the running conversation. */
    mergeLead(lead: Lead): void {
      const state = $conversation.get();
      if (!state) return;
      // A Vue reactive object or a method would make the state impossible to copy or save.
      $conversation.set({ ...state, lead: { ...state.lead, ...(plainJson(lead) as Lead) } });
      save();
    },

    /** Drops the conversation (a new page targets another dialogue, or `reset()`). */
    clear(): void {
      fresh();
      $conversation.set(null);
      $triggered.set(false);
      $open.set(false);
      save();
    },

    /** Stops timers and ignores pending adapter answers (the element left the page). */
    dispose(): void {
      const state = $conversation.get();
      if (state && queue.length > 0) {
        // Fields still queued (behind a delay, or behind the event whose listener removed the element)
        // go to the adapter now; the rest is saved to play on a reload or when the element comes back.
        for (const output of queue) if (output.type === 'field') capture(state, output);
        queue = queue.filter((output) => output.type !== 'field');
        save();
      }
      stop();
    },

    /** The read-only snapshot behind `element.state`. */
    snapshot: (): ChatSnapshot => snapshotOf($conversation.get()),
  };

  return { $conversation, $revealed, $typing, $busy, $triggered, $open, $pokeDone, $meeting, actions };
}

/** The stores and actions of one widget. */
export type Chat = ReturnType<typeof createChat>;
