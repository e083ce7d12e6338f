/** resolveDialogue of contract §7: the one dialogue §4 would play, and why every dialogue did or did not. */
import { isFilled, isText, type Dialogue, type Flow, type Lead } from '../engine/index.js';
import { checkAudience, conditionContext, type AudienceContext, type Device } from './audience.js';
import { checkPages } from './pages.js';
import { REASONS } from './reasons.js';
import { explainAll, type Explanation } from './explain.js';
import { parsePageUrl } from './url.js';

/** Where and to whom a dialogue would play (contract §7, plus the engaged dialogue). */
export interface ResolveContext {
  /** The page URL, full (`https://…`) or path-only (`/pricing?plan=pro`). */
  url: string;
  referrer?: string;
  lead?: Lead;
  company?: Record<string, unknown>;
  device?: Device;
  /** Defaults to the current time. */
  now?: Date;
  /** Ids of dialogues this visitor completed (frequency `once`). */
  completed?: string[];
  /** Ids of dialogues already shown in this browser session (frequency `session`). */
  sessionSeen?: string[];
  /** Id of the dialogue the visitor is engaged in: it always wins, even if it left the flow. */
  engaged?: string | null;
}

export type { Explanation } from './explain.js';

/** The dialogue to play (null: none) and an explanation per dialogue, in flow order. */
export interface Resolution { dialogueId: string | null; explain: Explanation[] }

function priorityOf(dialogue: Dialogue): number {
  return typeof dialogue.priority === 'number' && Number.isFinite(dialogue.priority) ? dialogue.priority : 0;
}

/**
 * The dialogue contract §4 would play for this page and visitor: an engaged dialogue first,
 * else the highest priority among those that match (first listed on ties); never throws.
 */
export function resolveDialogue(flow: Flow, ctx: ResolveContext): Resolution {
  const dialogues: Dialogue[] = Array.isArray(flow?.dialogues) ? flow.dialogues : [];
  const { url: rawUrl, engaged: rawEngaged, now, referrer, completed, sessionSeen } = ctx ?? {};
  const engaged = isFilled(rawEngaged) ? rawEngaged : null;
  const url = isText(rawUrl) ? rawUrl : '';
  // Everything derived from the context once per call and shared by every dialogue.
  const target = parsePageUrl(url);
  const audience: AudienceContext = {
    lead: ctx?.lead,
    company: ctx?.company,
    device: ctx?.device,
    now: now instanceof Date && !Number.isNaN(now.getTime()) ? now : new Date(),
    page: { url, path: target.shown.split('?')[0], referrer: isText(referrer) ? referrer : '' },
  };
  const conditions = conditionContext(audience);
  const listed = (ids: unknown, id: string) => Array.isArray(ids) && ids.includes(id);

  /** Why the dialogue's frequency keeps it from playing again, or null when it may play. */
  const frequencyFailure = ({ frequency, id }: Dialogue): string | null => {
    if (frequency === 'always') return null;
    if (frequency === 'session') return listed(sessionSeen, id) ? REASONS.session : null;
    return listed(completed, id) ? REASONS.once : null;
  };

  /** The first reason a dialogue cannot play here, or null when everything matches. */
  const failureOf = (dialogue: Dialogue): string | null => {
    if (flow?.settings?.enabled === false) return REASONS.killed;
    try {
      if (dialogue.enabled === false) return REASONS.disabled;
      return checkPages(dialogue.audience, target) ?? checkAudience(dialogue.audience, audience, conditions) ?? frequencyFailure(dialogue);
    } catch {
      // Only an unvalidated, malformed dialogue gets here; it must not break the host page.
      return REASONS.malformed;
    }
  };

  const ids = dialogues.map((dialogue, i) => (isText(dialogue?.id) ? dialogue.id : `#${i}`));
  const failures = dialogues.map((dialogue, i) => (ids[i] === engaged ? null : failureOf(dialogue)));
  // Without an engaged dialogue, the matching one with the highest priority plays (the first on a tie).
  let winner = -1;
  if (engaged === null) {
    dialogues.forEach((dialogue, i) => {
      if (failures[i] === null && (winner < 0 || priorityOf(dialogue) > priorityOf(dialogues[winner]))) winner = i;
    });
  }
  const winnerId = engaged ?? ids[winner] ?? null;
  const explain = explainAll({ dialogues, ids, failures, winner, winnerId, engaged, priorityOf });
  return { dialogueId: winnerId, explain };
}
