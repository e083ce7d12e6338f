/** The reasons `resolveDialogue` gives for every dialogue (the demo and `dynamic-chat/engine` users read them). */
import type { Dialogue } from '../engine/index.js';

/** Why one dialogue did or did not match. */
export interface Explanation { dialogueId: string; matched: boolean; reason: string }

/** What resolution decided, for the explanations. */
export interface Outcome {
  dialogues: Dialogue[];
  ids: string[];
  /** Why each dialogue cannot play here (null: it matches). */
  failures: Array<string | null>;
  /** The index of the dialogue that plays (-1: none, or an engaged one decides). */
  winner: number;
  winnerId: string | null;
  engaged: string | null;
  priorityOf(dialogue: Dialogue): number;
}

/** One explanation per dialogue, in flow order, and the engaged one first when it left the flow. */
export function explainAll({ dialogues, ids, failures, winner, winnerId, engaged, priorityOf }: Outcome): Explanation[] {
  const explain: Explanation[] = ids.map((id, i) => {
    const failure = failures[i];
    let reason = failure ?? '';
    if (id === engaged) reason = 'engaged: continues';
    else if (engaged !== null) reason ||= `visitor is engaged in ${engaged}, which continues`;
    else if (failure === null) {
      const mine = priorityOf(dialogues[i]);
      const best = priorityOf(dialogues[winner]);
      reason = i === winner ? `plays here (priority ${mine})`
        : mine < best ? `lower priority than ${winnerId} (${mine} < ${best})`
          : `same priority as ${winnerId}, which is listed first`;
    }
    return { dialogueId: id, matched: failure === null, reason };
  });
  // An engaged dialogue removed from the flow since the visitor started it still continues (contract §4).
  if (engaged !== null && !ids.includes(engaged)) {
    explain.unshift({ dialogueId: engaged, matched: true, reason: 'engaged: continues (no longer in the flow)' });
  }
  return explain;
}
