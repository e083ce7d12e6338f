/** resolveDialogue of contract §7: the one dialogue §4 would play, and why every dialogue did or did not. */
import type { Dialogue, Flow, Lead } from '../engine/types.js';
import { checkAudience, conditionContext, type AudienceContext, type Device } from './audience.js';
import { checkPages } from './pages.js';
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

/** Why one dialogue did or did not match. */
export interface Explanation { dialogueId: string; matched: boolean; reason: string }

/** The dialogue to play (null: none) and an explanation per dialogue, in flow order. */
export interface Resolution { dialogueId: string | null; explain: Explanation[] }

function priorityOf(dialogue: Dialogue): number {
  return typeof dialogue.priority === 'number' && Number.isFinite(dialogue.priority) ? dialogue.priority : 0;
}

function checkFrequency(dialogue: Dialogue, completed: Set<string>, seen: Set<string>): string | null {
  if (dialogue.frequency === 'always') return null;
  if (dialogue.frequency === 'session') {
    return seen.has(dialogue.id) ? 'already shown in this session (frequency session)' : null;
  }
  return completed.has(dialogue.id) ? 'already completed (frequency once)' : null;
}

/** The first reason a dialogue cannot play here, or null when everything matches. */
function firstFailure(dialogue: Dialogue, run: Run): string | null {
  if (dialogue.enabled === false) return 'dialogue is disabled (enabled is false)';
  const pages = checkPages(dialogue.audience, run.target);
  if (pages) return pages;
  const audience = checkAudience(dialogue.audience, run.audience, run.conditions);
  if (audience) return audience;
  return checkFrequency(dialogue, run.completed, run.seen);
}

/** Everything derived from the context once per call and shared by every dialogue. */
interface Run {
  target: ReturnType<typeof parsePageUrl>;
  audience: AudienceContext;
  conditions: ReturnType<typeof conditionContext>;
  completed: Set<string>;
  seen: Set<string>;
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
  return {
    target,
    audience,
    conditions: conditionContext(audience),
    completed: new Set(Array.isArray(ctx.completed) ? ctx.completed : []),
    seen: new Set(Array.isArray(ctx.sessionSeen) ? ctx.sessionSeen : []),
  };
}

function idOf(dialogue: unknown, index: number): string {
  const id = (dialogue as Dialogue | null)?.id;
  return typeof id === 'string' ? id : `#${index}`;
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
  const explain: Explanation[] = [];
  let winner = -1;

  for (let i = 0; i < dialogues.length; i++) {
    const dialogue = dialogues[i];
    const id = idOf(dialogue, i);
    if (engaged !== null && id === engaged) {
      explain.push({ dialogueId: id, matched: true, reason: 'engaged: continues' });
      continue;
    }
    let failure: string | null;
    if (killed) failure = 'kill switch: settings.enabled is false';
    else {
      try {
        failure = firstFailure(dialogue, run);
      } catch {
        // Only an unvalidated, malformed dialogue gets here; it must not break the host page.
        failure = 'targeting rules are malformed (validateFlow lists the problems)';
      }
    }
    explain.push({ dialogueId: id, matched: failure === null, reason: failure ?? '' });
    if (failure === null && engaged === null && (winner < 0 || priorityOf(dialogue) > priorityOf(dialogues[winner]))) {
      winner = i;
    }
  }

  if (engaged !== null) {
    if (!explain.some((e) => e.dialogueId === engaged)) {
      // Removed from the flow since the visitor started it: it still continues (contract §4).
      explain.unshift({ dialogueId: engaged, matched: true, reason: 'engaged: continues (no longer in the flow)' });
    }
    for (const entry of explain) {
      if (entry.matched && entry.dialogueId !== engaged) entry.reason = `visitor is engaged in ${engaged}, which continues`;
    }
    return { dialogueId: engaged, explain };
  }

  const winnerId = winner < 0 ? null : idOf(dialogues[winner], winner);
  explain.forEach((entry, i) => {
    if (!entry.matched) return;
    if (i === winner) {
      entry.reason = `plays here (priority ${priorityOf(dialogues[i])})`;
    } else {
      const mine = priorityOf(dialogues[i]);
      const best = priorityOf(dialogues[winner]);
      entry.reason = mine < best
        ? `lower priority than ${winnerId} (${mine} < ${best})`
        : `same priority as ${winnerId}, which is listed first`;
    }
  });
  return { dialogueId: winnerId, explain };
}
