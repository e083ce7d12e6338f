/** Announces SPA navigations: `history.pushState`/`replaceState` are patched once per page. */

/** The window event fired after every history navigation, `popstate` and `hashchange`. */
export const LOCATION_CHANGE = 'dc-locationchange';

const PATCHED = Symbol.for('dynamic-chat.history-patched');

/**
 * Wraps pushState/replaceState once (even with two copies of the widget on a page) so they fire
 * LOCATION_CHANGE; the originals still run first and their results are returned untouched.
 */
export function watchLocation(win: Window, signal: AbortSignal, onChange: () => void): void {
  const history = win.history as History & { [PATCHED]?: boolean };
  if (!history[PATCHED]) {
    history[PATCHED] = true;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      history[method] = function patched(this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        win.dispatchEvent(new Event(LOCATION_CHANGE));
        return result;
      };
    }
  }
  for (const type of [LOCATION_CHANGE, 'popstate', 'hashchange']) win.addEventListener(type, onChange, { signal });
}
