/** The page view targeting looks at (the location, or `page-url`) and the dialogue it resolves to there. */
import type { ChatState, PageContext, Flow, Lead } from '../engine/index.js';
import type { Persistence } from '../stores/persistence.js';
import type { resolveDialogue } from '../targeting/resolve.js';

/** The page's URL, path and referrer; `pageUrl` (relative to the location) stands in for the location. */
export function pageContext(doc: Document, pageUrl: string | undefined): PageContext {
  let url: URL;
  try {
    url = new URL(pageUrl || doc.URL, doc.URL);
  } catch {
    url = new URL(doc.URL);
  }
  return { url: url.href, path: url.pathname, referrer: doc.referrer };
}

/** What the resolution of one page view needs. */
export interface TargetingInput {
  page: PageContext;
  lead: Lead;
  persistence: Persistence;
  /** The conversation on screen, if any. */
  current: ChatState | null;
  win: Window | null;
  /** The loader's own resolveDialogue, or the full one of a chunk (see lite/needs-full.ts). */
  resolve: typeof resolveDialogue;
}

/** The dialogue contract §4 picks for this page view and visitor, or null; throws only when targeting itself fails. */
export function targetedDialogue(flow: Flow, input: TargetingInput): string | null {
  const { page, lead, persistence, current } = input;
  // `company.*` fields read the lead's company; the time is now; the kill switch is resolveDialogue's.
  return input.resolve(flow, {
    url: page.url, referrer: page.referrer, lead, device: deviceOf(input.win),
    completed: persistence.completed(),
    // A conversation already on screen continues; "seen" only stops it from starting anew.
    sessionSeen: persistence.sessionSeen().filter((id) => id !== current?.dialogueId || current.status !== 'active'),
  }).dialogueId;
}

/**
 * The dialogue that stays whatever the page targets: engaged and not over, or finished but still
 * playing its last messages (and its goal and end), which a navigation must not cut off.
 */
export function stickyDialogue(state: ChatState | null, playing: boolean): string | null {
  return state && (state.status === 'active' ? state.engaged : playing) ? state.dialogueId : null;
}

/** `mobile` when the screen is narrow or the pointer is coarse (a finger), else `desktop`. */
export function deviceOf(win: Window | null): 'desktop' | 'mobile' {
  return win?.matchMedia?.('(max-width: 640px), (pointer: coarse)').matches ? 'mobile' : 'desktop';
}
