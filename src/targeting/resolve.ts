/** resolveDialogue of contract §7: the one dialogue §4 would play, and why every dialogue did or did not. */
import type { Dialogue, Flow, Lead } from '../engine/types.js';
import type { ConditionContext } from '../engine/conditions.js';
import { checkAudience, conditionContext, type AudienceContext, type Device } from './audience.js';
import { checkPages } from './pages.js';
import { parsePageUrl, type PageTarget } from './url.js';

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

/** Why one dialogue did or did not match. */
export interface Explanation { dialogueId: string; matched: boolean; reason: string }

/** The dialogue to play (null: none) and an explanation per dialogue, in flow order. */
export interface Resolution { dialogueId: string | null; explain: Explanation[] }

function priorityOf(dialogue: Dialogue): number {
  return typeof dialogue.priority === 'number' && Number.isFinite(dialogue.priority) ? dialogue.priority : 0;
}

/** Everything derived from the context once per call and shared by every dialogue. */
interface Run {
  target: PageTarget;
  audience: AudienceContext;
  conditions: ConditionContext;
  completed: unknown[];
  seen: unknown[];
}

/** The first reason a dialogue cannot play here, or null when everything matches. */
function firstFailure(dialogue: Dialogue, run: Run): string | null {
  if (dialogue.enabled === false) return 'dialogue is disabled (enabled is false)';
  const { frequency, id } = dialogue;
  return checkPages(dialogue.audience, run.target)
    ?? checkAudience(dialogue.audience, run.audience, run.conditions)
    ?? (frequency === 'always' ? null
      : frequency === 'session' ? (run.seen.includes(id) ? 'already shown in this session (frequency session)' : null)
        : run.completed.includes(id) ? 'already completed (frequency once)' : null);
}

function prepare(ctx: ResolveContext): Run {
  const url = typeof ctx.url === 'string' ? ctx.url : '';
  const target = parsePageUrl(url);
  const audience: AudienceContext = {
    lead: ctx.lead,
    company: ctx.company,
    device: ctx.device,
    now: ctx.now instanceof Date && !Number.isNaN(ctx.now.getTime()) ? ctx.now : new Date(),
    page: { url, path: target.shown.split('?')[0], referrer: typeof ctx.referrer === 'string' ? ctx.referrer : '' },
  };
  const list = (ids: unknown) => (Array.isArray(ids) ? ids : []);
  return { target, audience, conditions: conditionContext(audience), completed: list(ctx.completed), seen: list(ctx.sessionSeen) };
}

/**
 * The dialogue contract §4 would play for this page and visitor: an engaged dialogue first,
 * else the highest priority among those that match (first listed on ties); never throws.
 */
export function resolveDialogue(flow: Flow, ctx: ResolveContext): Resolution {
  const dialogues: Dialogue[] = Array.isArray(flow?.dialogues) ? flow.dialogues : [];
  const engaged = typeof ctx?.engaged === 'string' && ctx.engaged !== '' ? ctx.engaged : null;
  const killed = flow?.settings?.enabled === false;
  const run = prepare(ctx ?? { url: '' });
  let winner = -1;
  const rows = dialogues.map((dialogue, i) => {
    const id = typeof dialogue?.id === 'string' ? dialogue.id : `#${i}`;
    let failure: string | null = null;
    if (id === engaged) return { id, dialogue, failure };
    if (killed) failure = 'kill switch: settings.enabled is false';
    else {
      try {
        failure = firstFailure(dialogue, run);
      } catch {
        // Only an unvalidated, malformed dialogue gets here; it must not break the host page.
        failure = 'targeting rules are malformed (validateFlow lists the problems)';
      }
    }
    if (failure === null && (winner < 0 || priorityOf(dialogue) > priorityOf(dialogues[winner]))) winner = i;
    return { id, dialogue, failure };
  });
  const winnerId = engaged ?? rows[winner]?.id ?? null;
  const explain: Explanation[] = rows.map(({ id, dialogue, failure }, i) => {
    let reason = failure ?? '';
    if (id === engaged) reason = 'engaged: continues';
    else if (engaged !== null) reason ||= `visitor is engaged in ${engaged}, which continues`;
    else if (failure === null) {
      const mine = priorityOf(dialogue);
      const best = priorityOf(dialogues[winner]);
      reason = i === winner ? `plays here (priority ${mine})`
        : mine < best ? `lower priority than ${winnerId} (${mine} < ${best})`
          : `same priority as ${winnerId}, which is listed first`;
    }
    return { dialogueId: id, matched: failure === null, reason };
  });
  // An engaged dialogue removed from the flow since the visitor started it still continues (contract §4).
  if (engaged !== null && !rows.some((row) => row.id === engaged)) {
    explain.unshift({ dialogueId: engaged, matched: true, reason: 'engaged: continues (no longer in the flow)' });
  }
  return { dialogueId: winnerId, explain };
}
