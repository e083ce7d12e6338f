/** Keeps the poke teaser beside the launcher with @floating-ui/dom while both are on screen. */
import { autoUpdate, computePosition, flip, offset, shift, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Positions a floating element against an anchor found after each render. */
export class PokeController implements ReactiveController {
  private cleanup: (() => void) | undefined;
  private anchor: HTMLElement | null = null;
  private floating: HTMLElement | null = null;

  constructor(
    private host: ReactiveControllerHost & HTMLElement,
    private find: () => { anchor: HTMLElement | null; floating: HTMLElement | null; placement: Placement },
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    // Layout is final only after the render, so autoUpdate starts after updateComplete.
    void this.host.updateComplete.then(() => this.sync());
  }

  hostDisconnected(): void {
    this.stop();
  }

  private sync(): void {
    const { anchor, floating, placement } = this.find();
    if (anchor === this.anchor && floating === this.floating) return;
    this.stop();
    if (!anchor || !floating) return;
    this.anchor = anchor;
    this.floating = floating;
    this.cleanup = autoUpdate(anchor, floating, () => {
      void computePosition(anchor, floating, {
        placement,
        strategy: 'fixed',
        middleware: [offset(12), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        // CSSOM writes, not a style attribute: a strict CSP allows them.
        floating.style.setProperty('left', `${x}px`);
        floating.style.setProperty('top', `${y}px`);
        floating.classList.add('placed');
      });
    });
  }

  private stop(): void {
    this.cleanup?.();
    this.cleanup = undefined;
    this.anchor = null;
    this.floating = null;
  }
}
