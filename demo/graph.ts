/** The Graph tab: the chosen dialogue as an SVG of cards and labelled links, following the live conversation. */
import { html, nothing, render, svg, type SVGTemplateResult } from 'lit';
import { layoutDialogue, type GraphEdge, type GraphNode } from './graph-layout.js';
import { $flow, $position } from './store.js';

const W = 132;
const H = 46;
const GAP_X = 18;
const GAP_Y = 58;
const PAD = 12;
const TYPES = ['message', 'choice', 'input', 'meeting', 'branch', 'goal', 'end'] as const;

/** One coordinate of a cubic Bézier curve at `t`. */
const bezier = (p0: number, p1: number, p2: number, p3: number, t: number): number =>
  (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3;

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Mounts the Graph tab. */
export function mountGraph(host: HTMLElement): void {
  let chosen: string | null = null;
  let followLive = true;

  const paint = (): void => {
    const flow = $flow.get();
    if (!flow) { render(html`<p>No valid flow yet.</p>`, host); return; }
    const live = $position.get();
    if (followLive && live.dialogueId && flow.dialogues.some((d) => d.id === live.dialogueId)) chosen = live.dialogueId;
    const dialogue = flow.dialogues.find((d) => d.id === chosen) ?? flow.dialogues[0];
    if (!dialogue) { render(html`<p>This flow has no dialogues.</p>`, host); return; }
    chosen = dialogue.id;
    const current = live.dialogueId === dialogue.id ? live.cardId : null;
    const layout = layoutDialogue(dialogue);
    const rowWidth = (layer: number): number => layout.nodes.filter((n) => n.layer === layer).length;
    const totalWidth = layout.width * (W + GAP_X) - GAP_X + PAD * 2;
    const at = new Map(layout.nodes.map((n) => {
      const offset = (totalWidth - (rowWidth(n.layer) * (W + GAP_X) - GAP_X)) / 2;
      return [n.id, { x: offset + n.slot * (W + GAP_X), y: PAD + n.layer * (H + GAP_Y) }];
    }));
    const height = PAD * 2 + layout.layers * (H + GAP_Y) - GAP_Y;
    const unreachable = layout.nodes.filter((n) => !n.reachable);
    const outCount = new Map<string, number>();
    for (const e of layout.edges) outCount.set(e.from, (outCount.get(e.from) ?? 0) + 1);
    const fanOut = new Set([...outCount].filter(([, n]) => n > 1).map(([id]) => id));

    const edge = (e: GraphEdge, index: number): SVGTemplateResult => {
      const a = at.get(e.from)!;
      const b = at.get(e.to)!;
      const down = b.y > a.y;
      const x1 = a.x + W / 2;
      const y1 = down ? a.y + H : a.y + H / 2;
      const x2 = b.x + W / 2;
      const y2 = down ? b.y : b.y + H / 2;
      // Links that go back up (loops) bend around the right-hand side so they do not cross the cards.
      const bend = Math.max(a.x, b.x) + W + 14 + (index % 3) * 6;
      const d = down
        ? `M${x1},${y1} C${x1},${y1 + GAP_Y / 2} ${x2},${y2 - GAP_Y / 2} ${x2},${y2}`
        : `M${a.x + W},${y1} C${bend},${y1} ${bend},${y2} ${b.x + W},${y2}`;
      // Labels of links that fan out sit near their targets, the others near their source, so siblings never overlap.
      const t = fanOut.has(e.from) ? 0.78 : 0.3;
      const lx = down ? bezier(x1, x1, x2, x2, t) : bend - 4;
      const ly = down ? bezier(y1, y1 + GAP_Y / 2, y2 - GAP_Y / 2, y2, t) : (y1 + y2) / 2;
      const label = clip(e.label, 26);
      const active = current === e.from;
      return svg`<g class="edge ${e.kind} ${active ? 'active' : ''}">
        <path d=${d} marker-end="url(#arrow)"></path>
        <rect x=${lx - label.length * 2.9 - 3} y=${ly - 8} width=${label.length * 5.8 + 6} height="15" rx="3"></rect>
        <text x=${lx} y=${ly + 3} text-anchor="middle">${label}</text>
        <title>${e.from} → ${e.to}: ${e.label}</title></g>`;
    };

    const node = (n: GraphNode): SVGTemplateResult => {
      const p = at.get(n.id)!;
      const classes = `node ${n.type} ${n.reachable ? '' : 'unreachable'} ${n.id === current ? 'current' : ''}`;
      return svg`<g class=${classes} data-card=${n.id} aria-current=${n.id === current ? 'step' : nothing}>
        <rect x=${p.x} y=${p.y} width=${W} height=${H} rx="7"></rect>
        <text x=${p.x + 8} y=${p.y + 17} class="id">${clip(n.id, 17)}</text>
        <text x=${p.x + W - 7} y=${p.y + 17} class="type" text-anchor="end">${n.type}</text>
        <text x=${p.x + 8} y=${p.y + 35} class="sum">${clip(n.reachable ? n.text : `unreachable · ${n.text}`, 22)}</text>
        <title>${n.id} (${n.type})${n.reachable ? '' : ', unreachable'}: ${n.text}</title></g>`;
    };

    render(html`
      <div class="row">
        <label for="graph-dialogue">Dialogue</label>
        <select id="graph-dialogue" @change=${(e: Event) => { chosen = (e.target as HTMLSelectElement).value; followLive = false; paint(); }}>
          ${flow.dialogues.map((d) => html`<option value=${d.id} ?selected=${d.id === dialogue.id}>${d.name ?? d.id}</option>`)}
        </select>
        <label class="inline"><input type="checkbox" .checked=${followLive} @change=${(e: Event) => { followLive = (e.target as HTMLInputElement).checked; paint(); }}> follow the chat</label>
      </div>
      <p class="note" id="graph-caption">${Object.keys(dialogue.cards).length} cards, ${layout.edges.length} links.
        ${current ? html`Current card: <strong>${current}</strong>.` : 'Not playing right now.'}
        ${unreachable.length ? html`<span class="bad">Unreachable: ${unreachable.map((n) => n.id).join(', ')}.</span>` : nothing}</p>
      <div class="graph-scroll" tabindex="0" role="group" aria-label="Dialogue graph (scrolls)">
        <svg class="graph" role="img" aria-labelledby="graph-caption" width=${totalWidth} height=${height} viewBox="0 0 ${totalWidth} ${height}">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z"></path></marker></defs>
          ${layout.edges.filter((e) => at.has(e.from) && at.has(e.to)).map(edge)}
          ${layout.nodes.map(node)}
        </svg>
      </div>
      <ul class="legend" aria-label="Card types">${TYPES.map((t) => html`<li class=${t}>${t}</li>`)}<li class="unreachable">unreachable</li></ul>`, host);
  };
  $flow.subscribe(paint);
  $position.subscribe(paint);
}
