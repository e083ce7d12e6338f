/** Host objects made into plain JSON data before the conversation keeps (and saves) them. */

/** Reads a property; a getter that throws (or a revoked Proxy) reads as missing. */
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * A copy of `value` that JSON can hold: functions, symbols, BigInts and cycles are dropped,
 * `toJSON` is honoured, a Proxy (a Vue reactive object) is read through. Hosts hand over whatever
 * they have; one bad key must not cost the whole lead, nor throw when the conversation is saved.
 */
export function plainJson(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object' || ancestors.has(value)) return undefined;
  ancestors.add(value);
  try {
    const toJSON = read(value, 'toJSON');
    if (typeof toJSON === 'function') return plainJson(toJSON.call(value), ancestors);
    if (Array.isArray(value)) return value.map((item) => plainJson(item, ancestors) ?? null);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = plainJson(read(value, key), ancestors);
      if (item !== undefined) copy[key] = item;
    }
    return copy;
  } catch {
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}
