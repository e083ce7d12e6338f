/** The round-robin routing rule of contract §3, shared by adapters and backends. */

/** The next agent id after `last` in `order` that is in `free`, wrapping; null when none is free. */
export function roundRobin(order: string[], last: string | null, free: string[]): string | null {
  if (order.length === 0) return null;
  const freeSet = new Set(free);
  const lastIndex = last === null ? -1 : order.indexOf(last);
  for (let i = 1; i <= order.length; i++) {
    const id = order[(lastIndex + i + order.length) % order.length];
    if (freeSet.has(id)) return id;
  }
  return null;
}
