/** The dashboard's base element. */
import { LitElement } from 'lit';

/** A Lit element that renders into itself (no shadow root), so the dashboard's one style sheet, labels and ARIA references reach every part. */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** Registers an element once (a second bundle on the page, or a hot reload, does not throw). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
