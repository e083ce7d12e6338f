/** Keeps keyboard focus inside a panel that covers the page (the full-screen phone panel). */

// What Tab stops at in the panel: buttons, links, the box and the transcript (tabindex 0).
const TABBABLE = 'button:not(:disabled),[href],input,[tabindex="0"]';

/**
 * On Tab from the panel's last control focus wraps to its first, and on Shift+Tab from the first
 * to the last, so it never reaches page content hidden under the panel (WCAG 2.4.11).
 */
export function trapTab(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const panel = event.currentTarget as HTMLElement;
  const stops = [...panel.querySelectorAll<HTMLElement>(TABBABLE)].filter((node) => node.getClientRects().length);
  const [from, to] = event.shiftKey ? [stops[0], stops.at(-1)] : [stops.at(-1), stops[0]];
  if (to && (panel.getRootNode() as ShadowRoot).activeElement === from) {
    event.preventDefault();
    to.focus();
  }
}
