/** Tracks the visual viewport and the color scheme for the host element. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Publishes the visual viewport's height as `--dc-viewport-height` on the host, so the full-screen
 * phone panel ends above the on-screen keyboard; and re-renders when the color scheme changes.
 */
export class ViewportController implements ReactiveController {
  private abort: AbortController | undefined;
  /** The page prefers a dark color scheme. */
  prefersDark = false;

  constructor(private host: ReactiveControllerHost & HTMLElement, private onSchemeChange: () => void) {
    host.addController(this);
  }

  hostConnected(): void {
    this.abort = new AbortController();
    const { signal } = this.abort;
    const win = this.host.ownerDocument.defaultView;
    if (!win) return;
    const viewport = win.visualViewport;
    const publish = () => {
      if (!viewport) return;
      this.host.style.setProperty('--dc-viewport-height', `${Math.round(viewport.height)}px`);
      this.host.style.setProperty('--dc-viewport-top', `${Math.round(viewport.offsetTop)}px`);
    };
    if (viewport) {
      publish();
      viewport.addEventListener('resize', publish, { signal });
      viewport.addEventListener('scroll', publish, { signal });
    }
    if (typeof win.matchMedia === 'function') {
      const scheme = win.matchMedia('(prefers-color-scheme: dark)');
      this.prefersDark = scheme.matches;
      scheme.addEventListener('change', () => {
        this.prefersDark = scheme.matches;
        this.onSchemeChange();
        this.host.requestUpdate();
      }, { signal });
    }
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }
}

/** `mobile` when the screen is narrow or the pointer is coarse (a finger), else `desktop`. */
export function deviceOf(win: Window | null): 'desktop' | 'mobile' {
  if (!win || typeof win.matchMedia !== 'function') return 'desktop';
  return win.matchMedia('(max-width: 640px)').matches || win.matchMedia('(pointer: coarse)').matches ? 'mobile' : 'desktop';
}
