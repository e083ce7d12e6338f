/**
 * Announces SPA navigations: through the Navigation API where the browser has it, else by
 * patching `history.pushState`/`replaceState` once per page.
 */

/** The window event the fallback fires after every pushState/replaceState. */
export const LOCATION_CHANGE = 'dc-locationchange';

const PATCHED = Symbol.for('dynamic-chat.history-patched');

/**
 * Calls `onChange` after every same-document navigation until `signal` aborts. The Navigation
 * API's `currententrychange` sees them all, even a router's call to a pushState it saved before
 * the widget loaded, and leaves the page's `history` untouched. Without it, pushState/replaceState
 * are wrapped once (even with two copies of the widget on a page) to fire LOCATION_CHANGE; the
 * originals still run first and their results are returned untouched.
 */
export function watchLocation(win: Window, signal: AbortSignal, onChange: () => void): void {
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  if (navigation) return navigation.addEventListener('currententrychange', onChange, { signal });
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
