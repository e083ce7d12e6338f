/** The `dc-*` events a widget announces, with their plain, serialisable details (contract §1). */
import type { Booking } from '../engine/index.js';

/** A problem surfaced as `dc-error`; never thrown into the host page. */
export interface ChatErrorDetail {
  code: 'invalid-flow' | 'flow-load-failed' | 'adapter-invalid' | 'adapter-failed' | 'slots-failed' | 'booking-failed' | 'engine-failed' | string;
  message: string;
  path?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** Each `dc-*` event name with its `detail`. */
export interface DynamicChatEventDetails {
  'dc-ready': { dialogueId: string | null };
  'dc-open': Record<string, never>;
  'dc-close': Record<string, never>;
  'dc-dialogue-start': { dialogueId: string };
  'dc-message': { dialogueId: string; cardId: string; text: string };
  'dc-answer': { dialogueId: string; cardId: string; value: string; label: string };
  'dc-field': { dialogueId: string; field: string; value: string };
  'dc-goal': { dialogueId: string; goal: string };
  'dc-meeting-booked': { dialogueId: string; booking: Booking };
  'dc-dialogue-end': { dialogueId: string; reason: 'completed' | 'closed' };
  'dc-error': ChatErrorDetail;
}

/** The typed event map of `<dynamic-chat>` (for `addEventListener`). */
export type DynamicChatEventMap = { [K in keyof DynamicChatEventDetails]: CustomEvent<DynamicChatEventDetails[K]> };

/** Sends one `dc-*` event from the widget. */
export type Emit = <K extends keyof DynamicChatEventDetails>(name: K, detail: DynamicChatEventDetails[K]) => void;
