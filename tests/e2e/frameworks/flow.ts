// The flow every framework app plays: a greeting that reads the lead, one choice saved to a field, an end.
import type { Flow } from 'dynamic-chat';

/** Plays on every page at once, with no typing delay, so a test can finish it in three steps. */
export const flow: Flow = {
  version: 1,
  settings: { botName: 'Ava', responseDelayMs: 0 },
  dialogues: [{
    id: 'welcome',
    trigger: { on: 'load' },
    start: 'hello',
    cards: {
      hello: { type: 'message', text: 'Hi {{lead.firstName | there}}!', next: 'topic' },
      topic: { type: 'choice', text: 'What brings you here?', field: 'topic', options: [{ label: 'Pricing', value: 'pricing', next: 'bye' }, { label: 'Support', value: 'support', next: 'bye' }] },
      bye: { type: 'end', text: 'Thanks, we will be in touch.' },
    },
  }],
};
