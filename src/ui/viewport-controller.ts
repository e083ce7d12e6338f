/** Tracks the visual viewport and the color scheme for the host element. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { whenIdleOrTouched } from '../page/idle-start.js';

/**
 * Publishes the visual viewport's height as `--dc-viewport-height` on the host, so the full-screen
 * phone panel ends above the on-screen keyboard; and re-renders when the color scheme changes or
 * the panel starts or stops covering the page.
 */
export class ViewportController implements ReactiveController {
  #host: ReactiveControllerHost;
  #element: HTMLElement;
  #onSchemeChange: () => void;
  #abort: AbortController | undefined;
  /** The page prefers a dark color scheme. */
  prefersDark = false;
  /** The bubble panel covers the whole page (a screen at most 480 px wide, as in the styles): it is modal. */
  fullScreen = false;

  constructor(host: ReactiveControllerHost, element: HTMLElement, onSchemeChange: () => void) {
    this.#host = host;
    this.#element = element;
    this.#onSchemeChange = onSchemeChange;
    host.addController(this);
  }

  hostConnected(): void {
    const host = this.#host;
    const element = this.#element;
    this.#abort = new AbortController();
    const options = { signal: this.#abort.signal };
    const win = element.ownerDocument.defaultView;
    const viewport = win?.visualViewport;
    if (viewport) {
      const publish = () => {
        element.style.setProperty('--dc-viewport-height', `${Math.round(viewport.height)}px`);
        element.style.setProperty('--dc-viewport-top', `${Math.round(viewport.offsetTop)}px`);
      };
      // Reading the viewport forces a layout: not while the page is still loading (the panel's CSS
      // falls back to 100dvh until then). A view made after the load (a trigger) reads it at once.
      if (element.ownerDocument.readyState === 'complete') publish();
      else whenIdleOrTouched(win, this.#abort.signal, publish);
      viewport.addEventListener('resize', publish, options);
      viewport.addEventListener('scroll', publish, options);
    }
    // One listener shape for both queries: keep the flag, re-render on change.
    const watch = (query: string, set: (matches: boolean) => void) => {
      const list = win?.matchMedia?.(query);
      if (!list) return;
      set(list.matches);
      list.addEventListener('change', () => {
        set(list.matches);
        host.requestUpdate();
      }, options);
    };
    watch('(max-width: 480px)', (matches) => (this.fullScreen = matches));
    // The theme is applied again at each change (a no-op before the flow is loaded).
    watch('(prefers-color-scheme: dark)', (matches) => {
      this.prefersDark = matches;
      this.#onSchemeChange();
    });
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }
}

