/** Connects the live `<dynamic-chat>` to the previewer: flow, simulated visit, theme, adapter, and the event log. */
import type { ChatAdapter, DynamicChat } from 'dynamic-chat';
import type { Flow } from 'dynamic-chat/engine';
import { $flow, $position, $theme, $visit, leadOf, logLine } from './store.js';

/** Every event the element emits (contract §1). */
export const DC_EVENTS = [
  'dc-ready', 'dc-open', 'dc-close', 'dc-dialogue-start', 'dc-message', 'dc-answer', 'dc-field',
  'dc-goal', 'dc-meeting-booked', 'dc-dialogue-end', 'dc-error',
] as const;

/** What the panel can ask of the widget. */
export interface ChatControls {
  /** Plays a dialogue now, skipping its trigger, and opens the panel. */
  playNow(dialogueId: string): void;
  /** Forgets the conversation and plays what targeting resolves, from the start. */
  restart(): void;
  /** Forgets everything the widget stored about this visitor (a first visit again). */
  resetVisitor(): void;
}

// The widget's own keys; the HTTP adapter's outbox (dc-outbox:…) is kept so nothing captured is lost.
const isWidgetKey = (key: string): boolean => key.startsWith('dc:');

const clearWidgetStorage = (): void => {
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (isWidgetKey(key)) storage.removeItem(key);
  }
};

/** Wires `chat` to the demo's stores; the adapter is set before any flow so the widget never picks its own. */
export function wireChat(chat: DynamicChat, adapter: ChatAdapter): ChatControls {
  chat.adapter = adapter;
  const follow = (): void => {
    const state = chat.state;
    $position.set({ dialogueId: state?.dialogueId ?? null, cardId: state?.cardId ?? null });
  };
  for (const name of DC_EVENTS) {
    chat.addEventListener(name, (event) => {
      const detail = (event as CustomEvent).detail;
      logLine('event', name, detail, name === 'dc-error');
      if (name === 'dc-ready' && !(detail as { dialogueId: string | null }).dialogueId) $position.set({ dialogueId: null, cardId: null });
      else follow();
    });
  }

  let lastLead = '';
  $visit.subscribe((visit) => {
    if (chat.getAttribute('page-url') !== visit.url) chat.setAttribute('page-url', visit.url);
    const lead = leadOf(visit);
    const key = JSON.stringify(lead);
    if (key === lastLead) return;
    const wasKnown = lastLead !== '' && lastLead !== '{}';
    lastLead = key;
    if (visit.known) {
      // identify() merges and re-targets unless a dialogue is engaged, as for a visitor who logs in.
      chat.identify(lead);
    } else if (wasKnown) {
      // There is no "forget the lead" short of a new visitor: drop the attributes and the conversation.
      chat.lead = {};
      chat.reset();
    }
  });
  $theme.subscribe((theme) => chat.setAttribute('theme', theme));
  $flow.subscribe((flow: Flow | null) => { if (flow) chat.flow = flow; });

  return {
    playNow(dialogueId) {
      chat.start(dialogueId);
      chat.show();
      logLine('demo', 'play now', dialogueId);
    },
    restart() {
      chat.reset();
      chat.start();
      logLine('demo', 'restart', 'conversation forgotten, targeting resolved again');
    },
    resetVisitor() {
      // Storage first: reset() then re-targets (and re-arms the trigger) as for a first visit.
      clearWidgetStorage();
      chat.reset();
      $position.set({ dialogueId: null, cardId: null });
      logLine('demo', 'reset visitor', 'widget storage cleared');
    },
  };
}
