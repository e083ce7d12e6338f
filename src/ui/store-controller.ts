/** A reactive controller that re-renders its host when nanostores change. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** Subscribes a host to stores while it is connected (nanostores' `listen`, no initial call). */
export class StoreController implements ReactiveController {
  #host: ReactiveControllerHost;
  #stores: () => ReadableAtom<unknown>[];
  #unsubscribes: Array<() => void> = [];

  constructor(host: ReactiveControllerHost, stores: () => ReadableAtom<unknown>[]) {
    this.#host = host;
    this.#stores = stores;
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribes = this.#stores().map((store) => store.listen(() => this.#host.requestUpdate()));
  }

  hostDisconnected(): void {
    for (const off of this.#unsubscribes) off();
    this.#unsubscribes = [];
  }

  /** Re-subscribes after the host replaced its stores (a new flow or a reset). */
  refresh(): void {
    this.hostDisconnected();
    this.hostConnected();
    this.#host.requestUpdate();
  }
}
