/** The round-robin routing rule of contract §3, shared by adapters and backends. */

/** The next agent id after `last` in `order` that is in `free`, wrapping; null when none is free. */
export function roundRobin(order: string[], last: string | null, free: string[]): string | null {
  // An unknown (or no) last agent starts the round at the first one.
  const at = last === null ? -1 : order.indexOf(last);
  for (let i = 1; i <= order.length; i++) {
    const id = order[(at + i) % order.length];
    if (free.includes(id)) return id;
  }
  return null;
}
