/**
 * One widget's conversation: its playback, meeting card and reporting composed, plus the launcher,
 * poke and panel flags, all saved together so a reload or the next page resumes it.
 */
import { atom, type WritableAtom } from 'nanostores';
import { start as startEngine, type Flow, type Lead, type PageContext } from '../engine/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import type { Emit } from './events.js';
import { createMeeting } from './meeting.js';
import type { Persistence, SavedConversation } from './persistence.js';
import { plainJson } from './plain.js';
import { createPlayback } from './playback.js';
import { createReporting } from './reporting.js';

export { snapshotOf, type ChatSnapshot } from './playback.js';
export type { MeetingView } from './meeting.js';

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
  /** The panel is open: the page layer owns this atom (it reflects it to the element); the conversation sets and saves it. */
  $open: WritableAtom<boolean>;
}

/** Creates the stores and actions of one widget instance. */
export function createChat(deps: ChatDeps) {
  const { persistence, $open } = deps;
  /** The trigger fired: the launcher (and poke) are shown. */
  const $triggered = atom(false);
  /** The poke teaser is done with (dismissed, or the panel was opened). */
  const $pokeDone = atom(false);
  /** The last save failed: `save-failed` is said once per streak of failures, not on every step. */
  let saveFailed = false;
  // Each conversation (begun, restored or cleared) has a signal of its own; aborting it drops its
  // response delays, what it had left to play and the adapter's answers still on their way.
  let conversation = new AbortController();
  const signal = () => conversation.signal;

  const reporting = createReporting(deps);
  const playback = createPlayback({
    persistence, now: deps.now, openUrl: deps.openUrl, signal, save,
    fail: reporting.fail, holdAdapter: reporting.adapter, report: reporting.report,
    settled: (state) => meeting.settled(state),
  });
  const meeting = createMeeting({ ...deps, $conversation: playback.$conversation, signal, advance: playback.advance, fail: reporting.fail });
  const { $conversation, $revealed, $typing, $busy } = playback;

  function save(): void {
    const state = $conversation.get();
    const pending = playback.pending();
    let problem: unknown = null;
    try {
      const durable = persistence.saveConversation(state ? {
        state, triggered: $triggered.get(), open: $open.get(), closedReported: reporting.closedReported(), pokeDone: $pokeDone.get(),
        ...(pending.length > 0 ? { pending, revealed: $revealed.get() } : {}),
      } : null);
      // The storage wrapper never throws: a full or refused sessionStorage shows as a save that stayed in memory.
      if (durable === false) problem = 'browser storage is full or refused';
    } catch (error) {
      problem = error;
    }
    // The conversation plays on; only a reload would lose it.
    if (problem !== null && !saveFailed) reporting.fail('save-failed', problem, 'The conversation could not be saved for a reload: ');
    saveFailed = problem !== null;
  }

  /** Ends the current conversation's signal, and with it everything it still had running. */
  function stop(): void {
    conversation.abort();
    playback.halt();
  }

  /** Stops the last conversation and gives the next one (begun, restored or none) its own signal. */
  function renew(): void {
    stop();
    conversation = new AbortController();
    meeting.$meeting.set(null);
  }

  /** Renews and forgets the view state of the last conversation. */
  function fresh(): void {
    renew();
    reporting.resetClosed();
    $revealed.set(0);
    $pokeDone.set(false);
    persistence.saveDraft(null);
  }

  const actions = {
    /** Starts a dialogue from its first card (the trigger fired or the author called `start()`). */
    begin(flow: Flow, dialogueId: string, lead: Lead): boolean {
      fresh();
      // The host's lead and flow objects may hold what JSON cannot (BigInt, cycles): saving would throw.
      const compute = () => startEngine(plainJson(flow) as Flow, dialogueId, { lead: plainJson(lead) as Lead, page: deps.page() }, deps.now());
      return playback.run(compute, () => {
        $triggered.set(true);
        persistence.addSessionSeen(dialogueId);
        save();
        reporting.started(dialogueId);
      });
    },

    /** Brings back a saved conversation as the visitor left it; what was still to play plays on. */
    restore(saved: SavedConversation): void {
      renew();
      reporting.resetClosed(saved.closedReported);
      $pokeDone.set(saved.pokeDone === true);
      $conversation.set(saved.state);
      $triggered.set(saved.triggered);
      $open.set(saved.open);
      // Its shape was checked when it was read back (persistence): storage is untrusted input.
      const pending = (saved.pending ?? []).filter((o) => o.type !== 'openUrl');
      if (pending.length === 0) return playback.settle();
      const length = saved.state.transcript.length;
      $revealed.set(Math.max(0, Math.min(saved.revealed ?? length, length)));
      playback.play(pending);
    },

    choose: playback.choose,
    submit: playback.submit,
    setDraft: playback.setDraft,
    draft: playback.draft,
    pickSlot: meeting.pickSlot,
    retrySlots: meeting.retrySlots,
    mergeLead: playback.mergeLead,
    snapshot: playback.snapshot,

    /** Opens or closes the panel; closing before the end counts as `closed` once per conversation. */
    setOpen(open: boolean): void {
      if ($open.get() === open) return;
      $open.set(open);
      if (open) $pokeDone.set(true);
      else reporting.closed($conversation.get());
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
      // Fields still queued (behind a delay, or behind the event whose listener removed the element)
      // go to the adapter now; the rest is saved to play on a reload or when the element comes back.
      if (playback.flushFields(reporting.capture)) save();
      stop();
    },
  };

  return { $conversation, $revealed, $typing, $busy, $triggered, $open, $pokeDone, $meeting: meeting.$meeting, actions };
}

/** The stores and actions of one widget. */
export type Chat = ReturnType<typeof createChat>;
