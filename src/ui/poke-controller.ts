/** Keeps the poke teaser beside the launcher with @floating-ui/dom while both are on screen. */
import { computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the poke is placed against, found after each render. */
interface PokeTargets { anchor: HTMLElement | null; floating: HTMLElement | null; placement: Placement }

const NOTHING: PokeTargets = { anchor: null, floating: null, placement: 'top' };

/**
 * Positions a floating element against an anchor found after each render.
 *
 * Both are `position: fixed`, so page scroll never moves them: only a render (new text, another
 * theme offset), a change of the poke's own size or a resize of the viewport can. Listening for
 * exactly those replaces floating-ui's `autoUpdate`, whose scroll/intersection machinery cost
 * every visitor about 0.6 KB gzip in the script-tag file for nothing here.
 */
export class PokeController implements ReactiveController {
  #host: ReactiveControllerHost;
  #find: () => PokeTargets;
  /** The pair being followed, and how to stop following it. */
  #placed = NOTHING;
  #cleanup: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, find: () => PokeTargets) {
    this.#host = host;
    this.#find = find;
    host.addController(this);
  }

  hostUpdated(): void {
    // Layout is final only after the render, so placing waits for updateComplete.
    void this.#host.updateComplete.then(() => this.#sync());
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #sync(): void {
    const found = this.#find();
    const { anchor, floating } = found;
    if (anchor !== this.#placed.anchor || floating !== this.#placed.floating) {
      this.#stop();
      if (!anchor || !floating) return;
      const place = () => this.#place();
      const abort = new AbortController();
      const resized = new ResizeObserver(place);
      resized.observe(floating);
      for (const target of [window, window.visualViewport]) target?.addEventListener('resize', place, { signal: abort.signal });
      this.#cleanup = () => {
        abort.abort();
        resized.disconnect();
      };
    }
    this.#placed = found;
    this.#place();
  }

  #place(): void {
    const { anchor, floating, placement } = this.#placed;
    if (!anchor || !floating) return;
    void computePosition(anchor, floating, {
      placement,
      strategy: 'fixed',
      middleware: [offset(12), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      // A stop() while measuring means the poke is gone or replaced: nothing to write.
      if (floating !== this.#placed.floating) return;
      // CSSOM writes, not a style attribute: a strict CSP allows them.
      floating.style.setProperty('left', `${x}px`);
      floating.style.setProperty('top', `${y}px`);
      floating.classList.add('placed');
    });
  }

  #stop(): void {
    this.#cleanup?.();
    this.#cleanup = undefined;
    this.#placed = NOTHING;
  }
}
