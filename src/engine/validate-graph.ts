/** validateFlow's checks of how a dialogue's cards link up: dangling links, dead cards, endless loops. */
import type { CardInfo, CardType } from './validate-cards.js';
import { Problems, pointer, quote } from './validate-util.js';

// Cards the visitor must act on; a loop through none of them would spin forever. Cards of an
// unknown type (already reported) count as waiting, so one mistake is not reported twice.
const WAITS: ReadonlySet<CardType | undefined> = new Set<CardType | undefined>(['choice', 'input', 'meeting', undefined]);

/** Cards numbered in document order, with each card's links as numbers (dangling links left out). */
interface Graph {
  ids: string[];
  infos: CardInfo[];
  next: number[][];
}

function graphOf(cards: Map<string, CardInfo>): Graph {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const infos: CardInfo[] = [];
  for (const [id, info] of cards) {
    index.set(id, ids.length);
    ids.push(id);
    infos.push(info);
  }
  const next = infos.map((info) => {
    const out: number[] = [];
    for (const edge of info.edges) {
      const target = index.get(edge.target);
      if (target !== undefined) out.push(target);
    }
    return out;
  });
  return { ids, infos, next };
}

/**
 * Groups of silent cards that loop (Tarjan's strongly connected components, iterative so a
 * long dialogue cannot overflow the stack; linear in cards + links).
 */
function silentLoops(graph: Graph): number[][] {
  const n = graph.ids.length;
  const silent = graph.infos.map((info) => !WAITS.has(info.type));
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const found: number[][] = [];
  let counter = 0;
  const work: number[] = [];
  const cursor = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (!silent[root] || index[root] !== -1) continue;
    work.push(root);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const v = work[work.length - 1];
      const out = graph.next[v];
      if (cursor[v] < out.length) {
        const w = out[cursor[v]++];
        if (!silent[w]) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const group: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          group.push(w);
        } while (w !== v);
        if (group.length > 1 || out.includes(v)) found.push(group.sort((a, b) => a - b));
      }
    }
  }
  return found;
}

function listIds(ids: string[]): string {
  const shown = ids.slice(0, 5).map(quote).join(' → ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/** Checks links, reachability from `start` and loops without a question, for one dialogue. */
export function checkGraph(p: Problems, cards: Map<string, CardInfo>, start: string | undefined, path: string): void {
  const cardsPath = pointer(path, 'cards');
  for (const [id, info] of cards) {
    for (const edge of info.edges) {
      if (!cards.has(edge.target)) {
        p.error(pointer(edge.owner, edge.key), `Card ${quote(id)} leads to ${quote(edge.target)}, but this dialogue has no card with that id.`);
      }
    }
  }
  const graph = graphOf(cards);
  const first = start === undefined ? -1 : graph.ids.indexOf(start);
  if (start !== undefined && first === -1) {
    p.error(pointer(path, 'start'), `The dialogue starts at ${quote(start)}, but it has no card with that id.`);
  }
  if (first !== -1) {
    const seen = new Uint8Array(graph.ids.length);
    seen[first] = 1;
    const queue = [first];
    for (let k = 0; k < queue.length; k++) {
      for (const w of graph.next[queue[k]]) {
        if (!seen[w]) {
          seen[w] = 1;
          queue.push(w);
        }
      }
    }
    graph.ids.forEach((id, i) => {
      if (!seen[i]) p.warn(pointer(cardsPath, id), `Card ${quote(id)} can never be reached: no path from the start card "${start}" leads to it.`);
    });
  }
  for (const group of silentLoops(graph)) {
    const ids = group.map((i) => graph.ids[i]);
    p.error(pointer(cardsPath, ids[0]), `Cards ${listIds(ids)} loop without asking the visitor anything, so the chat would never stop; put a choice, input or meeting card in the loop, or end it.`);
  }
}
