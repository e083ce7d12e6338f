/**
 * What a conversation tells the page and the backend: the `dc-*` events, the captured fields, and
 * the tracked events (triggered, engaged, acquired, goal, meeting, completed, closed) with their keys.
 */
import { cardOf, type ChatState, type Output, type PageContext } from '../engine/index.js';
import type { ChatAdapter, ChatEventType } from '../adapters/types.js';
import { randomId } from '../platform/ids.js';
import type { Emit } from './events.js';
import type { Persistence } from './persistence.js';

/** What reporting needs from its widget. */
export interface ReportingDeps {
  persistence: Persistence;
  adapter(): ChatAdapter;
  page(): PageContext;
  emit: Emit;
  now(): Date;
}

/** An adapter method's answer as a promise: a synchronous throw or a plain value (a custom adapter) included. */
export async function settled<T>(call: () => T | Promise<T>): Promise<T> {
  return call();
}

/** Creates the reporting of one widget instance. */
export function createReporting({ persistence, emit, now, page, ...deps }: ReportingDeps) {
  // The adapter last handed out: a host listener that removes the element on dc-answer or dc-field
  // takes the element's adapter away mid-output, and the captured field must still reach it.
  let lastAdapter: ChatAdapter | null = null;
  /** `closed` was reported for this conversation (it counts once, however often the panel closes). */
  let closedReported = false;

  function adapter(): ChatAdapter {
    lastAdapter = (deps.adapter() as ChatAdapter | null) ?? lastAdapter;
    return lastAdapter!;
  }

  /** Reports a failure as a `dc-error`, its message after `prefix`. */
  function fail(code: string, error: unknown, prefix = ''): void {
    emit('dc-error', { code, message: prefix + (error instanceof Error ? error.message : String(error)) });
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

  /** Keeps a captured field for this session and hands it to the adapter. */
  function capture(state: ChatState, { cardId, field, value }: Extract<Output, { type: 'field' }>): void {
    const dialogueId = state.dialogueId;
    persistence.saveCapturedLead({ ...persistence.capturedLead(), [field]: value });
    send('submitFields', { ...stamp(dialogueId, randomId()), fields: { [field]: value } });
    // An email input card's field (whatever it is called) or the `email` lead field: a person acquired.
    // The output names its card, so this holds for a field replayed after a reload too.
    const card = cardOf(state, cardId);
    if (field === 'email' || (card?.type === 'input' && card.kind === 'email')) track('acquired', dialogueId);
  }

  return {
    adapter,
    fail,
    capture,

    /** A dialogue started: announced and counted as `triggered`. */
    started(dialogueId: string): void {
      emit('dc-dialogue-start', { dialogueId });
      track('triggered', dialogueId);
    },

    /** Announces one played output of the engine and counts what it means. */
    report(state: ChatState, output: Output): void {
      const dialogueId = state.dialogueId;
      switch (output.type) {
        case 'message':
          emit('dc-message', { dialogueId, cardId: output.cardId, text: output.text });
          break;
        case 'answer':
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
    },

    /** The panel closed: before the end of the dialogue that is `closed`, once per conversation. */
    closed(state: ChatState | null): void {
      if (!state || state.status !== 'active' || closedReported) return;
      closedReported = true;
      emit('dc-dialogue-end', { dialogueId: state.dialogueId, reason: 'closed' });
      track('closed', state.dialogueId);
    },

    /** Whether `closed` was reported for this conversation (saved with it). */
    closedReported: (): boolean => closedReported,

    /** A new or restored conversation: `closed` counts again unless the saved one had it. */
    resetClosed(reported = false): void {
      closedReported = reported;
    },
  };
}

/** The reporting of one widget. */
export type Reporting = ReturnType<typeof createReporting>;
