/** The interpreter's plain-JSON state, its inputs and its outputs. */
import type { Booking, Dialogue, Lead } from './types.js';

/** The page the conversation is happening on (feeds `page.*` fields). */
export interface PageContext { url: string; path: string; referrer: string }

/** A node of the small safe markdown: never an HTML string. */
export type MarkdownNode =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: MarkdownNode[] }
  | { type: 'italic'; children: MarkdownNode[] }
  | { type: 'link'; href: string; children: MarkdownNode[] };

/** One line of the transcript, as the visitor saw it. */
export interface TranscriptEntry {
  from: 'bot' | 'visitor';
  cardId: string;
  /** Plain text with tokens filled (markdown markers removed for bot lines). */
  text: string;
  /** The parsed markdown of a bot line; visitor lines are always plain text. */
  tree?: MarkdownNode[];
  /** Present on the confirmation line of a booked meeting. */
  booking?: Booking;
  at: string;
}

/** What the dialogue is waiting for from the visitor. */
export type Awaiting =
  | { kind: 'choice'; cardId: string }
  | { kind: 'input'; cardId: string; error?: string; value?: string }
  | { kind: 'meeting'; cardId: string };

/** Plain-JSON state of one conversation; lives in sessionStorage. */
export interface ChatState {
  dialogueId: string;
  /** The dialogue as it was when the conversation started (sticky version). */
  dialogue: Dialogue;
  /** Settings the interpreter needs, snapshotted with the dialogue. */
  settings: { responseDelayMs: number; blockedEmailDomains: string[]; agentIds: string[] };
  /** The card being waited on, or null once the dialogue ended. */
  cardId: string | null;
  awaiting: Awaiting | null;
  answers: Record<string, string>;
  lead: Lead;
  page: PageContext;
  status: 'active' | 'completed';
  /** True once the visitor answered anything (the dialogue is then sticky). */
  engaged: boolean;
  transcript: TranscriptEntry[];
}

/** Something the visitor (or the adapter, for meetings) did. */
export type StepInput =
  | { type: 'choose'; index: number }
  | { type: 'submit'; value: string }
  /** `confirmation` localises the line: `{agent}` and `{time}` are replaced (default "Booked with {agent}: {time}"). */
  | { type: 'booked'; booking: Booking; timeZone: string; locale?: string; confirmation?: string }
  | { type: 'noSlots' };

/** Something the UI must show or do; the engine never waits. */
export type Output =
  | { type: 'message'; cardId: string; text: string; tree: MarkdownNode[]; delayMs: number }
  | { type: 'answer'; cardId: string; value: string; label: string }
  /** `cardId`: the choice or input card whose answer wrote the field. */
  | { type: 'field'; cardId: string; field: string; value: string }
  | { type: 'invalid'; cardId: string; error: string; value: string }
  | { type: 'openUrl'; url: string }
  | { type: 'goal'; goal: string }
  | { type: 'requestSlots'; cardId: string; agentIds: string[]; durationMinutes: number; daysAhead: number }
  | { type: 'meeting'; cardId: string; booking: Booking }
  | { type: 'end'; reason: 'completed' };

/** The answer of `start` and `step`. */
export interface StepResult { state: ChatState; outputs: Output[] }
