/** Renders the engine's markdown tree as Lit templates: text stays text, never HTML. */
import { html, nothing, type TemplateResult } from 'lit';
import type { MarkdownNode } from '../engine/state.js';

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

/** The nodes as Lit templates; links open in a new tab without access to this page. */
export function renderMarkdown(nodes: MarkdownNode[] | undefined, fallback: string): TemplateResult | string | typeof nothing {
  if (!nodes || nodes.length === 0) return fallback || nothing;
  return html`${nodes.map(renderNode)}`;
}

function renderNode(node: MarkdownNode): TemplateResult | string {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'bold':
      return html`<strong>${node.children.map(renderNode)}</strong>`;
    case 'italic':
      return html`<em>${node.children.map(renderNode)}</em>`;
    case 'link':
      // The engine already restricts schemes; checking again keeps a hand-made state harmless.
      if (!SAFE_LINK.test(node.href)) return html`${node.children.map(renderNode)}`;
      return html`<a href=${node.href} target="_blank" rel="noopener noreferrer">${node.children.map(renderNode)}</a>`;
  }
}
