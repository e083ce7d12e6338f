/** validateFlow's checks of how a dialogue's cards link up: dead cards and endless loops. */
import type { CardNode } from './validate-cards.js';
import { pointer, quote, report, type Run } from './validate-util.js';

/**
 * Groups of silent cards that loop, each in the order the links visit them (Tarjan's strongly
 * connected components, iterative so a long dialogue cannot overflow the stack; linear in cards + links).
 */
function silentLoops(nodes: Map<string, CardNode>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const lower = (id: string, value: number) => low.set(id, Math.min(low.get(id)!, value));
  const stack: string[] = [];
  const loops: string[][] = [];
  // Each entry: a card being visited and the silent cards it links to that are left to visit.
  const work: Array<[string, string[]]> = [];
  const enter = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.size - 1);
    stack.push(id);
    work.push([id, nodes.get(id)!.links.filter((next) => nodes.get(next)!.silent)]);
  };
  for (const [root, node] of nodes) {
    if (!node.silent || index.has(root)) continue;
    enter(root);
    while (work.length > 0) {
      const [id, left] = work[work.length - 1];
      const next = left.pop();
      if (next !== undefined) {
        // A card whose group is complete has an infinite index, so it lowers nothing.
        if (index.has(next)) lower(id, index.get(next)!);
        else enter(next);
        continue;
      }
      work.pop();
      if (work.length > 0) lower(work[work.length - 1][0], low.get(id)!);
      if (low.get(id) === index.get(id)) {
        const group = stack.splice(stack.lastIndexOf(id));
        for (const member of group) index.set(member, Infinity);
        if (group.length > 1 || nodes.get(id)!.links.includes(id)) loops.push(group);
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
      if (!reached.has(id)) report(run, pointer(path, id), `Card ${quote(id)} can never be reached from the start card ${quote(start)}.`, 'warning');
    }
  }
  let position: Map<string, number> | undefined;
  for (const found of silentLoops(nodes)) {
    // Told from the loop's first card in the document, still in the order the links go. The
    // positions are counted once, and only when there is a loop: validation stays linear.
    position ??= new Map([...nodes.keys()].map((id, i) => [id, i]));
    const at = (id: string) => position!.get(id)!;
    const first = found.reduce((best, id, i) => (at(id) < at(found[best]) ? i : best), 0);
    const ids = [...found.slice(first), ...found.slice(0, first)];
    const shown = ids.slice(0, 5).map(quote).join(' → ') + (ids.length > 5 ? ` and ${ids.length - 5} more` : '');
    report(run, pointer(path, ids[0]), `Cards ${shown} loop without asking the visitor anything, so the chat would never stop; put a choice, input or meeting card in the loop.`);
  }
}
