/** The meeting card of a conversation: its slots from the adapter, the booking, and what the card shows meanwhile. */
import { atom, type ReadableAtom } from 'nanostores';
import { cardOf, fillTokens, isBooking, slotRequest, type ChatState, type Flow, type Slot, type StepInput } from '../engine/index.js';
import type { ChatAdapter } from '../adapters/types.js';
import { headerSafe } from '../platform/ids.js';
import { isSlot, isSpan } from '../adapters/slot-shape.js';
import type { Persistence } from './persistence.js';
import { settled } from './reporting.js';

/** What the meeting card shows while slots load, are offered, or a booking is in flight. */
export interface MeetingView {
  cardId: string;
  status: 'loading' | 'ready' | 'booking' | 'error';
  slots: Slot[];
  /** The last attempt that failed, shown with a "Try again". */
  failed?: 'slots' | 'booking';
}

/** What the meeting card needs from the conversation around it. */
export interface MeetingDeps {
  persistence: Persistence;
  $conversation: ReadableAtom<ChatState | null>;
  adapter(): ChatAdapter;
  flow(): Flow | null;
  now(): Date;
  timeZone(): string;
  locale(): string;
  /** The signal of the conversation the card belongs to: aborted, the adapter's late answers are dropped. */
  signal(): AbortSignal;
  /** Steps the conversation on (slots booked, or none to offer). */
  advance(input: StepInput): boolean;
  /** Reports a failure as a `dc-error`. */
  fail(code: string, error: unknown): void;
}

const DAY_MS = 86_400_000;

/** Creates the meeting store and actions of one widget instance. */
export function createMeeting({ persistence, $conversation, now, signal, advance, fail, ...deps }: MeetingDeps) {
  /** The meeting card's slots and booking status. */
  const $meeting = atom<MeetingView | null>(null);

  function load(cardId: string, failed?: MeetingView['failed']): void {
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
    const conversation = signal();
    const stillWaiting = () => !conversation.aborted && $conversation.get()?.awaiting?.cardId === cardId;
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

  return {
    $meeting,

    /** The outputs are played: a meeting card now waited on loads its slots (once). */
    settled(state: ChatState | null): void {
      const awaiting = state?.awaiting;
      if (awaiting?.kind === 'meeting' && $meeting.get()?.cardId !== awaiting.cardId) load(awaiting.cardId);
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
      const conversation = signal();
      const failed = (error: unknown): void => {
        if (conversation.aborted) return;
        fail('booking-failed', error);
        load(view.cardId, 'booking');
      };
      $meeting.set({ ...view, status: 'booking' });
      settled(() => deps.adapter().bookMeeting(request)).then((booking) => {
        // The engine would ignore it and the slots would silently come back: say so instead.
        if (!isBooking(booking) || !isSpan(booking.start, booking.end)) {
          return failed(new Error('bookMeeting answered with no booking (id, agent, start, end after start).'));
        }
        if (conversation.aborted) return;
        $meeting.set(null);
        advance({ type: 'booked', booking, timeZone: deps.timeZone(), locale: deps.locale() });
      }, failed);
    },

    /** Fetches the meeting slots again after a failure; a second click while they load does nothing. */
    retrySlots(): void {
      const view = $meeting.get();
      if (view && view.status !== 'loading') load(view.cardId);
    },
  };
}

/** The meeting card of one widget. */
export type Meeting = ReturnType<typeof createMeeting>;
