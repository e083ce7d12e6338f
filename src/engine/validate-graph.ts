/** validateFlow's checks of how a dialogue's cards link up: dead cards and endless loops. */
import type { CardNode } from './validate-cards.js';
import { pointer, quote, report, type Run } from './validate-util.js';

/**
 * Groups of silent cards that loop, each in document order (Tarjan's strongly connected
 * components, iterative so a long dialogue cannot overflow the stack; linear in cards + links).
 */
function silentLoops(nodes: Map<string, CardNode>): string[][] {
  const silentNext = (id: string) => nodes.get(id)!.links.filter((next) => nodes.get(next)!.silent);
  const position = new Map([...nodes.keys()].map((id, i) => [id, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  // Each entry: a card being visited and the silent cards it links to that are left to visit.
  const work: Array<[string, string[]]> = [];
  const enter = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.size - 1);
    stack.push(id);
    onStack.add(id);
    work.push([id, silentNext(id)]);
  };
  for (const [root, node] of nodes) {
    if (!node.silent || index.has(root)) continue;
    enter(root);
    while (work.length > 0) {
      const [id, left] = work[work.length - 1];
      const next = left.pop();
      if (next !== undefined) {
        if (!index.has(next)) enter(next);
        else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1]?.[0];
      if (parent !== undefined) low.set(parent, Math.min(low.get(parent)!, low.get(id)!));
      if (low.get(id) === index.get(id)) {
        const group = stack.splice(stack.lastIndexOf(id));
        for (const member of group) onStack.delete(member);
        if (group.length > 1 || nodes.get(id)!.links.includes(id)) loops.push(group.sort((a, b) => position.get(a)! - position.get(b)!));
      }
    }
  }
  return loops;
}

/** Warns about cards `start` cannot reach and refuses loops without a question, for one dialogue's `cards` at `path`. */
export function checkGraph(run: Run, nodes: Map<string, CardNode>, start: string | undefined, path: string): void {
  if (start !== undefined) {
    // A Set iterates over what is added while it iterates: a breadth-first walk from the start.
    const reached = new Set([start]);
    for (const id of reached) for (const next of nodes.get(id)!.links) reached.add(next);
    for (const id of nodes.keys()) {
      if (!reached.has(id)) report(run, pointer(path, id), `Card ${quote(id)} can never be reached: no path from the start card ${quote(start)} leads to it.`, 'warning');
    }
  }
  for (const ids of silentLoops(nodes)) {
    const shown = ids.slice(0, 5).map(quote).join(' → ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
    report(run, pointer(path, ids[0]), `Cards ${shown} loop without asking the visitor anything, so the chat would never stop; put a choice, input or meeting card in the loop, or end it.`);
  }
}
