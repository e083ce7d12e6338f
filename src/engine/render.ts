/** Turns a card's text into what the visitor sees: markdown first, then tokens as literal text. */
import type { ConditionContext } from './conditions.js';
import { parseMarkdown, plainText } from './markdown.js';
import type { MarkdownNode } from './state.js';
import { fillTokens } from './tokens.js';

/** Fills tokens inside text nodes and link labels; hrefs never take a token's value. */
export function fillTree(nodes: MarkdownNode[], ctx: ConditionContext): MarkdownNode[] {
  const out: MarkdownNode[] = [];
  for (const node of nodes) {
    if (node.type !== 'text') out.push({ ...node, children: fillTree(node.children, ctx) });
    else {
      const text = fillTokens(node.text, ctx);
      if (text !== '') out.push({ type: 'text', text });
    }
  }
  return out;
}

/** A bot line ready to show: its markdown tree and the same text without markers. */
export interface RenderedText { text: string; tree: MarkdownNode[] }

/**
 * Renders a flow text. The template is parsed before tokens are filled, so a visitor's answer
 * such as `**[win](javascript:…)**` shown through `{{answers.ask}}` stays literal text.
 */
export function renderText(template: string, ctx: ConditionContext): RenderedText {
  const tree = fillTree(parseMarkdown(template), ctx);
  return { text: plainText(tree), tree };
}
