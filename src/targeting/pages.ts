/**
 * Page rules of contract §2: which page URLs a dialogue targets or excludes.
 *
 * Choices where the contract is silent (also in the README's flow format):
 * - Every comparison ignores case, paths included: marketers type `/Pricing` and `/pricing`
 *   interchangeably, and a rule that silently misses a page is worse than one that matches it.
 * - Both sides are %-decoded (`/café` matches `/caf%C3%A9`); the `#fragment` is never compared.
 * - `equals` ignores a trailing slash; `equals` and `endsWith` compare the query only when the
 *   rule names one (`equals /pricing` matches `/pricing?utm_source=ads`).
 * - `matches` is case-insensitive; a pattern starting with `http` or `^http` sees the full URL.
 * - `glob`: `/blog/*` covers `/blog` itself; `https://site.com/` (only a slash) covers the whole host.
 * - An empty value never matches, so a blank rule cannot target every page by accident.
 */
import type { Audience, PageRule } from '../engine/types.js';
import { parsePageUrl, safeDecodeUri, type PageTarget } from './url.js';

/** A compiled glob: a host test (null: any host) and a path test (null: every page). */
interface Glob { host: RegExp | null; withPort: boolean; path: RegExp | null }

// Compiled patterns are shared by every call; the cap keeps a long-lived backend that resolves
// many different flows from growing without bound.
const CACHE_LIMIT = 2000;
const regexCache = new Map<string, RegExp | null>();
const globCache = new Map<string, Glob>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const made = make();
  cache.set(key, made);
  return made;
}

/** The rule's value compared the way the page is: trimmed, %-decoded, lower-cased. */
function ruleText(rule: PageRule): string {
  return typeof rule.value === 'string' ? safeDecodeUri(rule.value.trim()).toLowerCase() : '';
}

// A rule whose value starts with `http` compares the full URL; any other the path + query.
function subject(value: string, target: PageTarget): string {
  return value.startsWith('http') ? target.full : target.pathQuery;
}

function withoutQuery(text: string): string {
  const q = text.indexOf('?');
  return q < 0 ? text : text.slice(0, q);
}

// `/pricing/` and `/pricing` are the same page to a marketer.
function trimSlash(text: string): string {
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const rest = q < 0 ? '' : text.slice(q);
  return (path.endsWith('/') ? path.slice(0, -1) : path) + rest;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function globBody(text: string, star: string): string {
  return text.split('*').map(escapeRegExp).join(star);
}

function compileGlob(value: string): Glob {
  let pattern = value;
  const cut = pattern.search(/[?#]/);
  if (cut >= 0) pattern = pattern.slice(0, cut);
  let hostPart: string | null = null;
  let pathPart = pattern;
  if (!pattern.startsWith('/') || pattern.startsWith('//')) {
    const rest = pattern.replace(/^[a-z*]*:\/\//, '').replace(/^\/\//, '');
    const slash = rest.indexOf('/');
    hostPart = slash < 0 ? rest : rest.slice(0, slash);
    pathPart = slash < 0 ? '' : rest.slice(slash);
  }
  let host: RegExp | null = null;
  if (hostPart !== null) {
    // `*.site.com` covers site.com itself and every subdomain.
    host = hostPart.startsWith('*.')
      ? new RegExp('^(?:.*\\.)?' + globBody(hostPart.slice(2), '.*') + '$')
      : new RegExp('^' + globBody(hostPart, '.*') + '$');
  }
  let path: RegExp | null = null;
  if (pathPart !== '' && pathPart !== '/' && pathPart !== '/*') {
    // `/blog/*` covers /blog itself; a trailing slash never matters.
    path = pathPart.endsWith('/*')
      ? new RegExp('^' + globBody(pathPart.slice(0, -2), '.*') + '(?:/.*)?$')
      : new RegExp('^' + globBody(pathPart.endsWith('/') ? pathPart.slice(0, -1) : pathPart, '.*') + '/?$');
  }
  return { host, withPort: hostPart !== null && hostPart.includes(':'), path };
}

function matchGlob(value: string, target: PageTarget): boolean {
  const glob = remember(globCache, value, () => compileGlob(value));
  if (glob.host) {
    const host = glob.withPort && target.port !== '' ? `${target.host}:${target.port}` : target.host;
    if (!glob.host.test(host)) return false;
  }
  return glob.path === null || glob.path.test(target.path);
}

function matchRegExp(source: string, text: string): boolean {
  const re = remember(regexCache, source, () => {
    try { return new RegExp(source, 'i'); } catch { return null; }
  });
  return re !== null && re.test(text);
}

function matchParam(rule: PageRule, target: PageTarget): boolean {
  const name = typeof rule.name === 'string' ? rule.name.trim().toLowerCase() : '';
  if (name === '') return false;
  const wanted = typeof rule.value === 'string' ? rule.value.trim().toLowerCase() : '';
  const anyValue = wanted === '' || wanted === '*';
  return target.params.some(([n, v]) => n === name && (anyValue || v === wanted));
}

/** True when an already parsed page matches one rule; an unknown operator never matches. */
export function matchTarget(rule: PageRule, target: PageTarget): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  if (rule.match === 'param') return matchParam(rule, target);
  const value = ruleText(rule);
  if (value === '') return false;
  switch (rule.match) {
    // equals and endsWith look at the query only when the rule names one, so
    // `equals /pricing` still matches `/pricing?utm_source=ads`.
    case 'equals': {
      const text = subject(value, target);
      return trimSlash(value.includes('?') ? text : withoutQuery(text)) === trimSlash(value);
    }
    case 'endsWith': {
      const text = subject(value, target);
      return (value.includes('?') ? text : withoutQuery(text)).endsWith(value);
    }
    case 'contains': return subject(value, target).includes(value);
    case 'startsWith': return subject(value, target).startsWith(value);
    case 'matches': {
      // An anchored `^https?://…` pattern means the full URL as much as an unanchored one does.
      const source = typeof rule.value === 'string' ? rule.value : '';
      return matchRegExp(source, subject(value.startsWith('^') ? value.slice(1) : value, target));
    }
    case 'glob': return matchGlob(value, target);
    default: return false;
  }
}

/** True when the page URL (full or path-only) matches the rule; never throws. */
export function matchPage(rule: PageRule, url: string): boolean {
  return matchTarget(rule, parsePageUrl(url));
}

/** A rule in a marketer's words: `startsWith /pricing/internal`, `param utm_source=ads`. */
export function describeRule(rule: PageRule): string {
  if (rule?.match === 'param') {
    const value = typeof rule.value === 'string' ? rule.value.trim() : '';
    return value === '' || value === '*' ? `param ${rule.name} present` : `param ${rule.name}=${value}`;
  }
  return `${rule?.match} ${rule?.value}`;
}

function listRules(rules: PageRule[]): string {
  const shown = rules.slice(0, 3).map(describeRule).join(', ');
  return rules.length > 3 ? `${shown} and ${rules.length - 3} more` : shown;
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
