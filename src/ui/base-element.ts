/** The base of the widget's elements: typed events and listeners that clean themselves up. */
import { LitElement } from 'lit';

/** A Lit element with a typed `emit()` and an AbortSignal aborted on disconnect. */
export class DcElement<EventMap extends object> extends LitElement {
  #listenersAbort = new AbortController();

  /** Aborted on disconnect: pass it to every addEventListener of the host page. */
  protected get signal(): AbortSignal {
    return this.#listenersAbort.signal;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#listenersAbort.signal.aborted) this.#listenersAbort = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listenersAbort.abort();
  }

  /** Dispatches a `CustomEvent` that bubbles and crosses shadow roots, with plain data. */
  emit<K extends keyof EventMap & string>(name: K, detail: EventMap[K]): CustomEvent<EventMap[K]> {
    const event = new CustomEvent(name, { bubbles: true, composed: true, detail });
    this.dispatchEvent(event);
    return event;
  }
}
