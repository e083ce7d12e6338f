/** Equality by value for `flow` and `lead`, which frameworks hand over as a fresh object on every render. */

/**
 * The two plain JSON values (`plainJson` copies) hold the same data, key order aside. Copies, not
 * the host's objects: a host may change its object in place, and then the old value is lost.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length
    // plainJson leaves no undefined values, so a key missing from `b` reads as a difference.
    && keys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
