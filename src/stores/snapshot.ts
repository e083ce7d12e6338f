/** The public, read-only snapshot of a conversation (`element.state`). */
import type { ChatState } from '../engine/index.js';
import type { Lead } from '../engine/index.js';
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
