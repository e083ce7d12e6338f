/**
 * The small safe markdown of contract §2 (`**bold**`, `_italic_`, `[label](url)`), parsed to a
 * tree the UI renders node by node: there is no HTML string anywhere, so `<img onerror>` in a
 * flow is just text.
 */
import type { MarkdownNode } from './state.js';

/** Link schemes a flow may use; anything else stays plain text. */
export const LINK_SCHEMES = /^(?:https?:|mailto:|tel:)/i;

// Nesting deeper than this is almost surely junk; further markers stay literal text.
const MAX_DEPTH = 6;
// Characters a backslash makes literal.
const ESCAPABLE = /[\\*_[\]()]/;

/** True when a link target may become a link: an allowed scheme and no spaces or control characters. */
export function isSafeHref(href: string): boolean {
  return LINK_SCHEMES.test(href) && !/[\s\u0000-\u001f\u007f]/.test(href);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** Appends the pending text (when there is some), then the node; returns the emptied pending text. */
function append(out: MarkdownNode[], text: string, node?: MarkdownNode): string {
  if (text !== '') out.push({ type: 'text', text });
  if (node) out.push(node);
  return '';
}

/** Parses the small markdown into text/bold/italic/link nodes; never produces HTML. */
export function parseMarkdown(src: string): MarkdownNode[] {
  if (typeof src !== 'string') return [];
  // Most texts have no marker at all: one text node, no parse.
  if (!/[\\*_[]/.test(src)) return src === '' ? [] : [{ type: 'text', text: src }];
  // Searches that found no closer are remembered, so hostile input stays linear: for each
  // marker, a range [from, to) that holds no closer; past `noLinkFrom` no `](…)` can start.
  const misses = new Map<string, [number, number]>();
  let noLinkFrom = Infinity;

  const escaped = (at: number): boolean => {
    let k = at;
    while (src[k - 1] === '\\') k--;
    return (at - k) % 2 === 1;
  };

  const findCloser = (marker: string, from: number, to: number): number => {
    const miss = misses.get(marker);
    if (miss && from >= miss[0] && to <= miss[1]) return -1;
    for (let j = src.indexOf(marker, from); j >= 0 && j + marker.length <= to; j = src.indexOf(marker, j + 1)) {
      if (!escaped(j) && !isSpace(src[j - 1]) && (marker === '**' || !isWordChar(src[j + 1]))) return j;
    }
    misses.set(marker, [from, to]);
    return -1;
  };

  /** Parses src[from, to); neighbouring text always ends up in one node; `_` only opens and closes at a word's edge. */
  const parse = (from: number, to: number, depth: number, links: boolean): MarkdownNode[] => {
    const out: MarkdownNode[] = [];
    let buffer = '';
    let i = from;
    while (i < to) {
      const ch = src[i];
      if (ch === '\\' && i + 1 < to && ESCAPABLE.test(src[i + 1])) {
        buffer += src[i + 1];
        i += 2;
        continue;
      }
      // A token is one piece of text: underscores in `{{answers.my_card}}` are not italics.
      if (ch === '{' && src[i + 1] === '{') {
        const end = src.indexOf('}}', i + 2);
        if (end >= 0 && end + 2 <= to) {
          buffer += src.slice(i, end + 2);
          i = end + 2;
          continue;
        }
      }
      if (depth < MAX_DEPTH) {
        const marker = ch === '_' ? '_' : ch === '*' && src[i + 1] === '*' ? '**' : '';
        const inner = i + marker.length;
        if (marker !== '' && !isSpace(src[inner]) && (marker === '**' || !isWordChar(src[i - 1]))) {
          const close = findCloser(marker, inner, to);
          if (close > inner) {
            buffer = append(out, buffer, { type: marker === '**' ? 'bold' : 'italic', children: parse(inner, close, depth + 1, links) });
            i = close + marker.length;
            continue;
          }
        }
        // `[label](url)`: a link when the url is safe and the label not empty, else literal text.
        if (ch === '[' && links && i < noLinkFrom) {
          let close = src.indexOf('](', i + 1);
          while (close >= 0 && escaped(close)) close = src.indexOf('](', close + 1);
          const end = close < 0 ? -1 : src.indexOf(')', close + 2);
          if (end < 0) noLinkFrom = i;
          else if (end < to) {
            const href = src.slice(close + 2, end).trim();
            if (isSafeHref(href) && close > i + 1) buffer = append(out, buffer, { type: 'link', href, children: parse(i + 1, close, depth + 1, false) });
            else buffer += src.slice(i, end + 1);
            i = end + 1;
            continue;
          }
        }
      }
      buffer += ch;
      i++;
    }
    append(out, buffer);
    return out;
  };

  return parse(0, src.length, 0, true);
}

/** The text of a tree as a screen reader or the transcript shows it (link labels, no markers). */
export function plainText(nodes: MarkdownNode[]): string {
  let text = '';
  for (const node of nodes) text += node.type === 'text' ? node.text : plainText(node.children);
  return text;
}
