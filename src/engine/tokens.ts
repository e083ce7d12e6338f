/** Tokens such as `{{lead.firstName | there}}` filled from the lead, company, answers and page. */
import { readField, type ConditionContext } from './conditions.js';
import { isText } from './guards.js';

/**
 * One token: a dotted path, then an optional fallback written `| text` or Marketo's `:"text"`.
 * Groups: 1 path, 2 `|` fallback, 3 `:"…"` fallback, 4 `:'…'` fallback.
 */
export const TOKEN = /\{\{\s*([A-Za-z]+(?:\.[^\s.|:{}"']+)+)\s*(?:\|([^{}]*)|:\s*"([^"{}]*)"\s*|:\s*'([^'{}]*)'\s*)?\}\}/g;

/** The text a field's value shows as; objects and empty values show nothing. */
function shown(value: unknown): string {
  if (isText(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return '';
}

/** Replaces every token with its field's value, or its fallback, or nothing. */
export function fillTokens(text: string, ctx: ConditionContext): string {
  if (!text.includes('{{')) return text;
  return text.replace(TOKEN, (_match, path: string, pipe?: string, dquote?: string, squote?: string) => {
    const value = shown(readField(ctx, path));
    if (value.trim() !== '') return value;
    if (pipe === undefined) return dquote ?? squote ?? '';
    // `{{lead.firstName | "there"}}` means the same as `| there`.
    const fallback = pipe.trim();
    return /^(["']).*\1$/.test(fallback) ? fallback.slice(1, -1) : fallback;
  });
}

/** The field paths named by the tokens of a text, for validation. */
export function tokenPaths(text: string): string[] {
  const paths: string[] = [];
  if (!text.includes('{{')) return paths;
  const token = new RegExp(TOKEN.source, 'g');
  for (let m = token.exec(text); m !== null; m = token.exec(text)) paths.push(m[1]);
  return paths;
}
