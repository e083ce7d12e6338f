/** A reactive controller that re-renders its host when nanostores change. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** Subscribes a host to stores while it is connected (nanostores' `listen`, no initial call). */
export class StoreController implements ReactiveController {
  private unsubscribes: Array<() => void> = [];

  constructor(private host: ReactiveControllerHost, private stores: () => ReadableAtom<unknown>[]) {
    host.addController(this);
  }

  hostConnected(): void {
    this.subscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe();
  }

  /** Re-subscribes after the host replaced its stores (a new flow or a reset). */
  refresh(): void {
    this.unsubscribe();
    this.subscribe();
    this.host.requestUpdate();
  }

  private subscribe(): void {
    this.unsubscribes = this.stores().map((store) => store.listen(() => this.host.requestUpdate()));
  }

  private unsubscribe(): void {
    for (const off of this.unsubscribes) off();
    this.unsubscribes = [];
  }
}
