/** When the widget does its work: once the page is idle, or at the visitor's first interaction, whichever comes first. */

/** Calls `run` when the page is idle or the visitor first points, types or touches; `signal` cancels. */
export function whenIdleOrTouched(win: Window, signal: AbortSignal, run: () => void): void {
  // Safari has no requestIdleCallback: a short timeout stands in.
  const idle = typeof win.requestIdleCallback === 'function';
  const id = idle ? win.requestIdleCallback(run, { timeout: 2000 }) : win.setTimeout(run, 50);
  signal.addEventListener('abort', () => (idle ? win.cancelIdleCallback(id) : win.clearTimeout(id)));
  // The visitor's first interaction is as good a moment as idle time.
  for (const type of ['pointerdown', 'keydown', 'touchstart']) {
    win.addEventListener(type, run, { once: true, passive: true, capture: true, signal });
  }
}
