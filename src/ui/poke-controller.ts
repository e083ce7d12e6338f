/** Keeps the poke teaser beside the launcher with @floating-ui/dom while both are on screen. */
import { computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Positions a floating element against an anchor found after each render.
 *
 * Both are `position: fixed`, so page scroll never moves them: only a render (new text, another
 * theme offset), a change of the poke's own size or a resize of the viewport can. Listening for
 * exactly those replaces floating-ui's `autoUpdate`, whose scroll/intersection machinery cost
 * every visitor about 0.6 KB gzip in the script-tag file for nothing here.
 */
export class PokeController implements ReactiveController {
  private cleanup: (() => void) | undefined;
  private anchor: HTMLElement | null = null;
  private floating: HTMLElement | null = null;
  private placement: Placement = 'top';

  constructor(
    private host: ReactiveControllerHost & HTMLElement,
    private find: () => { anchor: HTMLElement | null; floating: HTMLElement | null; placement: Placement },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    // Layout is final only after the render, so placing waits for updateComplete.
    void this.host.updateComplete.then(() => this.sync());
  }

  hostDisconnected(): void {
    this.stop();
  }

  private sync(): void {
    const { anchor, floating, placement } = this.find();
    this.placement = placement;
    if (anchor !== this.anchor || floating !== this.floating) {
      this.stop();
      if (!anchor || !floating) return;
      this.anchor = anchor;
      this.floating = floating;
      const place = () => this.place();
      const abort = new AbortController();
      const resized = new ResizeObserver(place);
      resized.observe(floating);
      for (const target of [window, window.visualViewport]) target?.addEventListener('resize', place, { signal: abort.signal });
      this.cleanup = () => {
        abort.abort();
        resized.disconnect();
      };
    }
    this.place();
  }

  private place(): void {
    const { anchor, floating, placement } = this;
    if (!anchor || !floating) return;
    void computePosition(anchor, floating, {
      placement,
      strategy: 'fixed',
      middleware: [offset(12), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      // A stop() while measuring means the poke is gone or replaced: nothing to write.
      if (floating !== this.floating) return;
      // CSSOM writes, not a style attribute: a strict CSP allows them.
      floating.style.setProperty('left', `${x}px`);
      floating.style.setProperty('top', `${y}px`);
      floating.classList.add('placed');
    });
  }

  private stop(): void {
    this.cleanup?.();
    this.cleanup = undefined;
    this.anchor = null;
    this.floating = null;
  }
}
