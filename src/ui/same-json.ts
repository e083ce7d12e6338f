/** Equality by value for `flow` and `lead`, which frameworks hand over as a fresh object on every render. */
import { plainJson } from '../stores/plain.js';

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length
    // plainJson leaves no undefined values, so a key missing from `b` reads as a difference.
    && keys.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The two values hold the same JSON data, key order aside; a Proxy (a Vue reactive object) is read through. */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || same(plainJson(a), plainJson(b));
}
