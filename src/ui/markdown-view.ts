/** Renders the engine's markdown tree as Lit templates: text stays text, never HTML. */
import { html, nothing, type TemplateResult } from 'lit';
import { isSafeHref, type MarkdownNode } from '../engine/index.js';

type Rendered = TemplateResult | string | Rendered[];

/** The nodes as Lit templates; links open in a new tab without access to this page. */
export function renderMarkdown(nodes: MarkdownNode[] | undefined, fallback: string): Rendered | typeof nothing {
  if (!nodes || nodes.length === 0) return fallback || nothing;
  return nodes.map(renderNode);
}

// Lit renders an array as its items in order, so children need no wrapping template.
function renderNode(node: MarkdownNode): Rendered {
  if (node.type === 'text') return node.text;
  const children = node.children.map(renderNode);
  if (node.type === 'bold') return html`<strong>${children}</strong>`;
  if (node.type === 'italic') return html`<em>${children}</em>`;
  // The engine's own rule again: a hand-made (or tampered, restored) state stays harmless.
  return isSafeHref(node.href) ? html`<a href=${node.href} target="_blank" rel="noopener noreferrer">${children}</a>` : children;
}
