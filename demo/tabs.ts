/** An accessible tab list (WAI-ARIA tabs pattern): arrows, Home and End move between tabs; activation follows focus. */

/** Wires every `[role=tab]` inside `list` to the `[role=tabpanel]` its aria-controls names. */
export function wireTabs(list: HTMLElement, onChange?: (panelId: string) => void): { select(panelId: string): void } {
  const tabs = (): HTMLElement[] => [...list.querySelectorAll<HTMLElement>('[role=tab]')];
  const select = (tab: HTMLElement, focus: boolean): void => {
    for (const other of tabs()) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')!)!.hidden = !selected;
    }
    if (focus) tab.focus();
    onChange?.(tab.getAttribute('aria-controls')!);
  };
  list.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLElement>('[role=tab]');
    if (tab) select(tab, false);
  });
  list.addEventListener('keydown', (event) => {
    const all = tabs();
    const index = all.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    const to = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(all[(to + all.length) % all.length], true);
  });
  const first = tabs().find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs()[0];
  if (first) select(first, false);
  return {
    select(panelId) {
      const tab = tabs().find((t) => t.getAttribute('aria-controls') === panelId);
      if (tab) select(tab, false);
    },
  };
}
