/** validateFlow's checks of how a dialogue's cards link up: dangling links, dead cards, endless loops. */
import type { CardInfo, CardType } from './validate-cards.js';
import { Problems, pointer, quote } from './validate-util.js';

// Cards the visitor must act on; a loop through none of them would spin forever.
const WAITS: ReadonlySet<CardType | undefined> = new Set<CardType | undefined>(['choice', 'input', 'meeting', undefined]);

/**
 * Strongly connected groups of cards that loop (Tarjan's algorithm, iterative so a long
 * dialogue cannot overflow the stack; linear in cards + links).
 */
function loops(ids: string[], next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    visit(root);
    const work: Array<{ v: string; i: number }> = [{ v: root, i: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const out = next.get(frame.v) ?? [];
      if (frame.i < out.length) {
        const w = out[frame.i++];
        if (!index.has(w)) {
          visit(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.v)!));
      }
      if (low.get(frame.v) === index.get(frame.v)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          group.push(w);
        } while (w !== frame.v);
        if (group.length > 1 || out.includes(frame.v)) found.push(group);
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
  const startOk = start !== undefined && cards.has(start);
  if (start !== undefined && !startOk) {
    p.error(pointer(path, 'start'), `The dialogue starts at ${quote(start)}, but it has no card with that id.`);
  }
  if (startOk) {
    const seen = new Set<string>([start]);
    const queue = [start];
    for (let k = 0; k < queue.length; k++) {
      for (const edge of cards.get(queue[k])!.edges) {
        if (!seen.has(edge.target) && cards.has(edge.target)) {
          seen.add(edge.target);
          queue.push(edge.target);
        }
      }
    }
    for (const id of cards.keys()) {
      if (!seen.has(id)) p.warn(pointer(cardsPath, id), `Card ${quote(id)} can never be reached: no path from the start card "${start}" leads to it.`);
    }
  }
  const silent: string[] = [];
  const next = new Map<string, string[]>();
  for (const [id, info] of cards) {
    if (WAITS.has(info.type)) continue;
    silent.push(id);
    const out: string[] = [];
    for (const edge of info.edges) {
      const target = cards.get(edge.target);
      if (target !== undefined && !WAITS.has(target.type)) out.push(edge.target);
    }
    next.set(id, out);
  }
  const found = loops(silent, next);
  if (found.length === 0) return;
  const order = new Map(Array.from(cards.keys(), (id, i) => [id, i]));
  for (const group of found) {
    group.sort((a, b) => order.get(a)! - order.get(b)!);
    p.error(pointer(cardsPath, group[0]), `Cards ${listIds(group)} loop without asking the visitor anything, so the chat would never stop; put a choice, input or meeting card in the loop, or end it.`);
  }
}
