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
const ESCAPABLE = new Set(['\\', '*', '_', '[', ']', '(', ')']);

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

/** Parses one text; searches that found no closer are remembered so hostile input stays linear. */
class Parser {
  // For each marker, a position from which no closer exists before `missTo`.
  private readonly missFrom = new Map<string, number>();
  private readonly missTo = new Map<string, number>();
  // Past this position the text holds no `](` or no `)`, so no link can start there.
  private noLinkFrom = Infinity;

  constructor(private readonly src: string) {}

  private escaped(at: number): boolean {
    let slashes = 0;
    for (let k = at - 1; k >= 0 && this.src[k] === '\\'; k--) slashes++;
    return slashes % 2 === 1;
  }

  private closes(marker: string, j: number): boolean {
    const { src } = this;
    if (this.escaped(j) || isSpace(src[j - 1])) return false;
    return marker === '**' || !isWordChar(src[j + 1]);
  }

  private findCloser(marker: string, from: number, to: number): number {
    const missFrom = this.missFrom.get(marker);
    if (missFrom !== undefined && from >= missFrom && to <= (this.missTo.get(marker) ?? 0)) return -1;
    for (let j = this.src.indexOf(marker, from); j >= 0 && j + marker.length <= to; j = this.src.indexOf(marker, j + 1)) {
      if (this.closes(marker, j)) return j;
    }
    this.missFrom.set(marker, from);
    this.missTo.set(marker, to);
    return -1;
  }

  /** Tries `[label](url)` at `i`; returns the end index and the nodes, or null. */
  private link(i: number, to: number, depth: number): { end: number; nodes: MarkdownNode[] } | null {
    const { src } = this;
    if (i >= this.noLinkFrom) return null;
    let close = src.indexOf('](', i + 1);
    while (close >= 0 && this.escaped(close)) close = src.indexOf('](', close + 1);
    const end = close < 0 ? -1 : src.indexOf(')', close + 2);
    if (end < 0) this.noLinkFrom = i;
    if (end < 0 || end >= to) return null;
    const href = src.slice(close + 2, end).trim();
    if (!isSafeHref(href) || close === i + 1) return { end: end + 1, nodes: [{ type: 'text', text: src.slice(i, end + 1) }] };
    const children: MarkdownNode[] = [];
    this.parse(i + 1, close, depth + 1, children, false);
    return { end: end + 1, nodes: [{ type: 'link', href, children }] };
  }

  /** Parses src[from, to) into `out`. */
  parse(from: number, to: number, depth: number, out: MarkdownNode[], links: boolean): void {
    const { src } = this;
    let buffer = '';
    const flush = () => {
      if (buffer !== '') out.push({ type: 'text', text: buffer });
      buffer = '';
    };
    let i = from;
    while (i < to) {
      const ch = src[i];
      if (ch === '\\' && i + 1 < to && ESCAPABLE.has(src[i + 1])) {
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
        if (ch === '*' && src[i + 1] === '*' && !isSpace(src[i + 2])) {
          const close = this.findCloser('**', i + 2, to);
          if (close > i + 2) {
            flush();
            const children: MarkdownNode[] = [];
            this.parse(i + 2, close, depth + 1, children, links);
            out.push({ type: 'bold', children });
            i = close + 2;
            continue;
          }
        }
        if (ch === '_' && !isWordChar(src[i - 1]) && !isSpace(src[i + 1])) {
          const close = this.findCloser('_', i + 1, to);
          if (close > i + 1) {
            flush();
            const children: MarkdownNode[] = [];
            this.parse(i + 1, close, depth + 1, children, links);
            out.push({ type: 'italic', children });
            i = close + 1;
            continue;
          }
        }
        if (ch === '[' && links) {
          const found = this.link(i, to, depth);
          if (found) {
            flush();
            out.push(...found.nodes);
            i = found.end;
            continue;
          }
        }
      }
      buffer += ch;
      i++;
    }
    flush();
  }
}

/** Merges neighbouring text nodes (a refused link becomes text beside other text). */
function merge(nodes: MarkdownNode[]): MarkdownNode[] {
  const out: MarkdownNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + node.text };
    else if (node.type === 'text') out.push(node);
    else out.push({ ...node, children: merge(node.children) });
  }
  return out;
}

/** Parses the small markdown into text/bold/italic/link nodes; never produces HTML. */
export function parseMarkdown(text: string): MarkdownNode[] {
  if (typeof text !== 'string' || text === '') return [];
  const nodes: MarkdownNode[] = [];
  new Parser(text).parse(0, text.length, 0, nodes, true);
  return merge(nodes);
}

/** The text of a tree as a screen reader or the transcript shows it (link labels, no markers). */
export function plainText(nodes: MarkdownNode[]): string {
  let text = '';
  for (const node of nodes) text += node.type === 'text' ? node.text : plainText(node.children);
  return text;
}
