/** A dialogue as a layered graph: cards as nodes in rows by distance from `start`, links as labelled edges. */
import type { Card, Condition, Dialogue } from 'dynamic-chat/engine';

/** One card placed on the grid. */
export interface GraphNode { id: string; type: Card['type'] | 'missing'; text: string; layer: number; slot: number; reachable: boolean }

/** One link between two cards, labelled the way a marketer reads it. */
export interface GraphEdge { from: string; to: string; label: string; kind: 'next' | 'option' | 'rule' | 'otherwise' | 'fallback' }

/** The whole graph with the size of its widest row. */
export interface GraphLayout { nodes: GraphNode[]; edges: GraphEdge[]; layers: number; width: number }

const describe = (c: Condition): string =>
  `${c.field} ${c.op}${c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`}`;

/** Every link leaving a card. */
export function edgesOf(id: string, card: Card): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const add = (to: string | undefined, label: string, kind: GraphEdge['kind']): void => {
    if (typeof to === 'string' && to !== '') edges.push({ from: id, to, label, kind });
  };
  switch (card.type) {
    case 'choice':
      for (const option of card.options ?? []) add(option.next ?? card.next, option.label, 'option');
      break;
    case 'branch':
      for (const rule of card.rules ?? []) {
        const when = Array.isArray(rule.when) ? rule.when : [rule.when];
        add(rule.next, `if ${when.map(describe).join(' and ')}`, 'rule');
      }
      add(card.otherwise, 'otherwise', 'otherwise');
      break;
    case 'meeting':
      add(card.next, 'booked', 'next');
      add(card.fallback, 'no slot', 'fallback');
      break;
    case 'input':
      add(card.next, card.field ? `→ ${card.field}` : 'next', 'next');
      break;
    case 'end':
      break;
    default:
      add(card.next, 'next', 'next');
  }
  return edges;
}

const summary = (card: Card): string => {
  if (card.type === 'goal') return card.name ?? '';
  if (card.type === 'branch') return `${card.rules?.length ?? 0} rule(s)`;
  if (card.type === 'meeting') return `${card.durationMinutes} min · ${card.text}`;
  return ('text' in card && typeof card.text === 'string') ? card.text : '';
};

/** Lays a dialogue out breadth-first from `start`; unreachable cards go in a final row of their own. */
export function layoutDialogue(dialogue: Dialogue): GraphLayout {
  const cards = dialogue.cards ?? {};
  const layerOf = new Map<string, number>();
  const queue: string[] = [];
  if (dialogue.start in cards) { layerOf.set(dialogue.start, 0); queue.push(dialogue.start); }
  const edges: GraphEdge[] = [];
  const missing = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const edge of edgesOf(id, cards[id])) {
      edges.push(edge);
      if (!(edge.to in cards)) { missing.add(edge.to); continue; }
      if (!layerOf.has(edge.to)) { layerOf.set(edge.to, layerOf.get(id)! + 1); queue.push(edge.to); }
    }
  }
  const reachableLayers = queue.length === 0 ? 0 : Math.max(...layerOf.values()) + 1;
  const unreachable = Object.keys(cards).filter((id) => !layerOf.has(id));
  for (const id of unreachable) {
    for (const edge of edgesOf(id, cards[id])) {
      edges.push(edge);
      if (!(edge.to in cards)) missing.add(edge.to);
    }
  }

  const rows: string[][] = [];
  for (const id of queue) (rows[layerOf.get(id)!] ??= []).push(id);
  const nodes: GraphNode[] = [];
  rows.forEach((row, layer) => row.forEach((id, slot) =>
    nodes.push({ id, type: cards[id].type, text: summary(cards[id]), layer, slot, reachable: true })));
  // Dangling targets are drawn too, so the broken link is visible where it starts.
  const extra = [...missing].map((id) => ({ id, type: 'missing' as const, text: 'no such card' }));
  const tail = [...unreachable.map((id) => ({ id, type: cards[id].type, text: summary(cards[id]) })), ...extra];
  tail.forEach((n, slot) => nodes.push({ ...n, layer: reachableLayers, slot, reachable: n.type === 'missing' }));
  const width = Math.max(1, ...rows.map((r) => r.length), tail.length);
  return { nodes, edges: mergeParallel(edges), layers: reachableLayers + (tail.length ? 1 : 0), width };
}

/** Links between the same two cards become one, their labels joined ("booked / no slot"), so none hides another. */
function mergeParallel(edges: GraphEdge[]): GraphEdge[] {
  const byPair = new Map<string, GraphEdge>();
  for (const edge of edges) {
    const pair = `${edge.from}\u0000${edge.to}`;
    const seen = byPair.get(pair);
    if (!seen) byPair.set(pair, { ...edge });
    else if (!seen.label.split(' / ').includes(edge.label)) seen.label = `${seen.label} / ${edge.label}`;
  }
  return [...byPair.values()];
}
