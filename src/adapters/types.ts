/** The backend adapter interface of contract §3. */
import type { Booking, Lead, Slot } from '../engine/index.js';

export type { Booking, Lead, Slot };

/** Lead fields captured in one dialogue, sent as soon as they are accepted. */
export interface FieldSubmission {
  sessionId: string;
  dialogueId: string;
  fields: Record<string, string>;
  page: string;
  at: string;
  /** Idempotency key, stable across retries. */
  key: string;
}

/** A request for free meeting slots. */
export interface SlotQuery {
  dialogueId: string;
  agentIds: string[];
  durationMinutes: number;
  from: string;
  to: string;
  timeZone: string;
}

/** A booking request for one offered slot. */
export interface MeetingRequest {
  sessionId: string;
  dialogueId: string;
  slot: Slot;
  lead: Lead;
  key: string;
  inviteMessage?: string;
}

/** Kinds of tracked events (Marketo's counting, contract §3). */
export type ChatEventType = 'triggered' | 'engaged' | 'acquired' | 'goal' | 'meeting' | 'completed' | 'closed';

/** One tracked event. */
export interface ChatEvent {
  type: ChatEventType;
  dialogueId: string;
  sessionId: string;
  visitorId: string;
  page: string;
  at: string;
  key: string;
  goal?: string;
}

/** Where captured data goes. */
export interface ChatAdapter {
  submitFields(s: FieldSubmission): Promise<void>;
  findSlots(q: SlotQuery): Promise<Slot[]>;
  bookMeeting(r: MeetingRequest): Promise<Booking>;
  track(e: ChatEvent): Promise<void>;
  identify?(): Promise<Lead | null>;
  /** Background failures (an outbox item dropped on a 4xx); returns an unsubscribe function. */
  onError?(listener: (error: AdapterError) => void): () => void;
}

/** An error an adapter reports to the widget (surfaced as `dc-error`). */
export interface AdapterError { code: string; message: string; path?: string }
