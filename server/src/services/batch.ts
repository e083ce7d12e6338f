/**
 * Group commit for small writes: requests that arrive while earlier writes are in flight wait and
 * are written together, in one statement and one commit, instead of one commit (one disk flush)
 * each. An idle server writes a lone request at once, so grouping adds no latency when quiet.
 */

/** How many groups may be in flight at once, and how large a group may grow. */
export interface BatchOptions { concurrency: number; maxBatch: number }

/**
 * Returns `submit(item)`, which resolves with the item's own result. `write` takes a group and
 * returns one result (or a promise of it, which may reject alone) per item, in order; when `write`
 * itself rejects, every item of the group rejects with its error.
 */
export function batcher<In, Out>(write: (items: In[]) => Promise<Array<Out | Promise<Out>>>, { concurrency, maxBatch }: BatchOptions): (item: In) => Promise<Out> {
  const queue: Array<{ item: In; resolve: (value: Out | Promise<Out>) => void; reject: (error: unknown) => void }> = [];
  let running = 0;
  const pump = () => {
    while (running < concurrency && queue.length) {
      const group = queue.splice(0, maxBatch);
      running++;
      write(group.map((entry) => entry.item)).then(
        (results) => group.forEach((entry, i) => entry.resolve(results[i])),
        (error) => group.forEach((entry) => entry.reject(error)),
      ).finally(() => {
        running--;
        schedule();
      });
    }
  };
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };
  return (item) => new Promise<Out>((resolve, reject) => {
    queue.push({ item, resolve, reject });
    // After this turn of the event loop, not now: requests read in the same turn join the group
    // (PGlite's work runs on this thread, so starting at once would make every group one request).
    schedule();
  });
}
