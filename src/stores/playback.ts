/**
 * Plays a conversation: runs the engine on the visitor's answers, reveals its outputs one by one
 * with the bot "typing" through each response delay, and keeps the input card's draft.
 */
import { atom } from 'nanostores';
import { step as stepEngine, type ChatState, type Lead, type Output, type StepInput, type StepResult } from '../engine/index.js';
import type { Persistence } from './persistence.js';
import { plainJson } from './plain.js';

/** The public snapshot of `element.state`. */
export interface ChatSnapshot {
  dialogueId: string | null;
  cardId: string | null;
  answers: Record<string, string>;
  lead: Lead;
  transcript: ChatState['transcript'];
  status: 'idle' | 'active' | 'completed';
}

/** The public snapshot of a conversation; an empty `idle` one for null (no dialogue yet). */
export function snapshotOf(state: ChatState | null): ChatSnapshot {
  const { dialogueId = null, cardId = null, answers = {}, lead = {}, transcript = [], status = 'idle' } = state ?? {};
  return plainJson({ dialogueId, cardId, answers, lead, transcript, status }) as ChatSnapshot;
}

/** What playback needs from the conversation around it. */
export interface PlaybackDeps {
  persistence: Persistence;
  now(): Date;
  openUrl(url: string): void;
  /** The signal of the conversation playing: aborted, its delays and what is left to play are dropped. */
  signal(): AbortSignal;
  /** Takes hold of the adapter before outputs play: a listener of their events may take it away. */
  holdAdapter(): void;
  /** Announces and counts one output as it plays. */
  report(state: ChatState, output: Output): void;
  /** Reports a failure as a `dc-error`. */
  fail(code: string, error: unknown): void;
  /** The outputs are played: the card waited on is shown (a meeting card loads its slots). */
  settled(state: ChatState | null): void;
  save(): void;
}

/** Creates the playback of one widget instance. */
export function createPlayback({ persistence, now, signal, save, ...deps }: PlaybackDeps) {
  /** The engine's state of the conversation, or null before a dialogue starts. */
  const $conversation = atom<ChatState | null>(null);
  /** How many transcript entries are visible (the rest wait out their delay). */
  const $revealed = atom(0);
  /** The bot is "typing" (a response delay is running). */
  const $typing = atom(false);
  /** Outputs are still playing; the awaited card appears once they are done. */
  const $busy = atom(false);

  let queue: Output[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function revealNext(from: 'bot' | 'visitor'): void {
    const transcript = $conversation.get()?.transcript ?? [];
    for (let i = $revealed.get(); i < transcript.length; i++) {
      if (transcript[i].from === from) {
        $revealed.set(i + 1);
        return;
      }
    }
  }

  function handle(output: Output): void {
    const state = $conversation.get();
    if (!state) return;
    if (output.type === 'message') revealNext('bot');
    else if (output.type === 'answer') revealNext('visitor');
    deps.report(state, output);
  }

  function settle(): void {
    const state = $conversation.get();
    $typing.set(false);
    $busy.set(false);
    $revealed.set(state?.transcript.length ?? 0);
    save();
    deps.settled(state);
  }

  function pump(): void {
    const conversation = signal();
    while (queue.length > 0) {
      const next = queue[0];
      if (next.type === 'message' && next.delayMs > 0) {
        $typing.set(true);
        // What is left to play is saved, so a reload during the delay resumes it.
        save();
        const delay = setTimeout(() => {
          timer = undefined;
          $typing.set(false);
          // The delay is over: the message plays now, like any other output (a copy: outputs stay as the engine made them).
          queue[0] = { ...next, delayMs: 0 };
          pump();
        }, next.delayMs);
        timer = delay;
        conversation.addEventListener('abort', () => clearTimeout(delay), { once: true });
        return;
      }
      handle(queue.shift()!);
      // A listener of the event just emitted removed the element (dispose) or started over.
      if (conversation.aborted) return;
    }
    settle();
  }

  function play(outputs: Output[]): void {
    // Opening a URL must happen inside the click that asked for it, or popup blockers refuse it.
    for (const output of outputs) {
      if (output.type === 'openUrl') deps.openUrl(output.url);
      else queue.push(output);
    }
    deps.holdAdapter();
    $busy.set(true);
    if (timer === undefined) pump();
  }

  /** Runs the engine and plays its outputs; `before` runs once the new state is set (default: save it). */
  function run(compute: () => StepResult, before: () => void = save): boolean {
    let result: StepResult;
    try {
      result = compute();
    } catch (error) {
      deps.fail('engine-failed', error);
      return false;
    }
    $conversation.set(result.state);
    before();
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

  return {
    $conversation, $revealed, $typing, $busy, run, advance, play, settle,

    /** What is still to play (saved with the conversation, so a reload plays it on). */
    pending: (): Output[] => [...queue],

    /** Drops what the last conversation still had to play (its signal was aborted). */
    halt(): void {
      timer = undefined;
      queue = [];
      $typing.set(false);
      $busy.set(false);
    },

    /** Hands the fields still queued to `capture` now and keeps the rest queued (the element is leaving). */
    flushFields(capture: (state: ChatState, output: Extract<Output, { type: 'field' }>) => void): boolean {
      const state = $conversation.get();
      if (!state || queue.length === 0) return false;
      for (const output of queue) if (output.type === 'field') capture(state, output);
      queue = queue.filter((output) => output.type !== 'field');
      return true;
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

    /** Merges lead attributes the host learned into the running conversation. */
    mergeLead(lead: Lead): void {
      const state = $conversation.get();
      if (!state) return;
      // A Vue reactive object or a method would make the state impossible to copy or save.
      $conversation.set({ ...state, lead: { ...state.lead, ...(plainJson(lead) as Lead) } });
      save();
    },

    /** The read-only snapshot behind `element.state`. */
    snapshot: (): ChatSnapshot => snapshotOf($conversation.get()),
  };
}

/** The playback of one widget. */
export type Playback = ReturnType<typeof createPlayback>;
