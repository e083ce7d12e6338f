/** The element's update cycle without Lit: changes batched into one update a microtask later. */

/** Batches property changes (with their old values, as Lit's `changedProperties`) into one update. */
export class UpdateCycle {
  #changed = new Map<string, unknown>();
  #pending: Promise<void> | null = null;
  #update: (changed: Map<string, unknown>) => void;

  constructor(update: (changed: Map<string, unknown>) => void) {
    this.#update = update;
  }

  /** Schedules an update; `name` changed from `old` (the first old value of a batch is kept). */
  request(name?: string, old?: unknown): void {
    if (name && !this.#changed.has(name)) this.#changed.set(name, old);
    this.#pending ??= Promise.resolve().then(() => {
      const changed = this.#changed;
      this.#changed = new Map();
      this.#pending = null;
      this.#update(changed);
    });
  }

  /** Resolves once no update is pending (one requested during an update is waited for too). */
  complete(): Promise<boolean> {
    return this.#pending ? this.#pending.then(() => this.complete()) : Promise.resolve(true);
  }
}
