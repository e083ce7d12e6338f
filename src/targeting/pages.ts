/**
 * Page rules of contract §2: which page URLs a dialogue targets or excludes.
 *
 * Choices where the contract is silent (also in the README's flow format):
 * - Every comparison ignores case, paths included: marketers type `/Pricing` and `/pricing`
 *   interchangeably, and a rule that silently misses a page is worse than one that matches it.
 * - Both sides are %-decoded (`/café` matches `/caf%C3%A9`); the `#fragment` is never compared.
 * - `equals` ignores a trailing slash; `equals` and `endsWith` compare the query only when the
 *   rule names one (`equals /pricing` matches `/pricing?utm_source=ads`).
 * - `matches` is case-insensitive; a pattern starting with `http` or `^http` sees the full URL;
 *   it runs on the engine's linear-time matcher (engine/pattern.ts), never the backtracking RegExp.
 * - `glob`: `/blog/*` covers `/blog` itself; `https://site.com/` (only a slash) covers the whole host.
 * - An empty value never matches, so a blank rule cannot target every page by accident.
 */
import { isText, matchesPattern, remember, type Audience, type PageRule } from '../engine/index.js';
import { describeRule, listRules } from './reasons.js';
import { compileGlob, type Glob } from './glob.js';
import { parsePageUrl, safeDecodeUri, type PageTarget } from './url.js';

export { compileGlob, describeRule };

const globCache = new Map<string, Glob>();

function withoutQuery(text: string): string {
  const q = text.indexOf('?');
  return q < 0 ? text : text.slice(0, q);
}

// `/pricing/` and `/pricing` are the same page to a marketer.
function trimSlash(text: string): string {
  const path = withoutQuery(text);
  return (path.endsWith('/') ? path.slice(0, -1) : path) + text.slice(path.length);
}

// equals and endsWith look at the query only when the rule names one, so
// `equals /pricing` still matches `/pricing?utm_source=ads`.
function pageOf(value: string, subject: string): string {
  return value.includes('?') ? subject : withoutQuery(subject);
}

/** A trimmed, lower-cased text of a rule; '' when it is not a string. */
function lower(text: unknown): string {
  return isText(text) ? text.trim().toLowerCase() : '';
}

/** True when an already parsed page matches one rule; an unknown operator never matches. */
export function matchTarget(rule: PageRule, target: PageTarget): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  if (rule.match === 'param') {
    const name = lower(rule.name);
    const wanted = lower(rule.value);
    return name !== '' && target.params.some(([n, v]) => n === name && (wanted === '' || wanted === '*' || v === wanted));
  }
  // The rule's value is compared the way the page is: trimmed, %-decoded, lower-cased.
  const value = isText(rule.value) ? safeDecodeUri(rule.value.trim()).toLowerCase() : '';
  if (value === '') return false;
  // A rule whose value starts with `http` compares the full URL; any other the path + query.
  // An anchored `^https?://…` pattern means the full URL as much as an unanchored one does.
  const full = value.startsWith('http') || (rule.match === 'matches' && value.startsWith('^http'));
  const subject = full ? target.full : target.pathQuery;
  switch (rule.match) {
    case 'equals': return trimSlash(pageOf(value, subject)) === trimSlash(value);
    case 'endsWith': return pageOf(value, subject).endsWith(value);
    case 'contains': return subject.includes(value);
    case 'startsWith': return subject.startsWith(value);
    // Linear time whatever the pattern and the URL: a crafted link cannot freeze the page.
    case 'matches': return matchesPattern(rule.value as string, subject);
    case 'glob': return remember(globCache, value, () => compileGlob(value))(target);
    default: return false;
  }
}

/** True when the page URL (full or path-only) matches the rule; never throws. */
export function matchPage(rule: PageRule, url: string): boolean {
  return matchTarget(rule, parsePageUrl(url));
}

/** Why the page is not targeted by the audience (pages, then excludePages), or null when it is. */
export function checkPages(audience: Audience | undefined, target: PageTarget): string | null {
  const pages = Array.isArray(audience?.pages) ? audience.pages : [];
  if (pages.length > 0 && !pages.some((rule) => matchTarget(rule, target))) {
    return `page ${target.shown} is not a targeted page (${listRules(pages)})`;
  }
  const excluded = (Array.isArray(audience?.excludePages) ? audience.excludePages : [])
    .find((rule) => matchTarget(rule, target));
  return excluded ? `page ${target.shown} is excluded by ${describeRule(excluded)}` : null;
}
