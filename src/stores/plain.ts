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
 * a Proxy (a Vue reactive object) is read through. Hosts hand over whatever they have; one bad
 * key must not cost the whole lead, nor throw when the conversation is saved. `toJSON` is
 * honoured only on class instances (a Date): one a page put on Array.prototype or
 * Object.prototype (Prototype.js) would turn a flow's lists into strings. Keys are own data
 * properties, so a card id `__proto__` is a card, never the copy's prototype.
 */
export function plainJson(value: unknown, ancestors: Set<object> = new Set()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object' || ancestors.has(value)) return undefined;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => plainJson(item, ancestors) ?? null);
    const proto: unknown = Object.getPrototypeOf(value);
    const toJSON = read(value, 'toJSON');
    if (proto !== Object.prototype && typeof toJSON === 'function') return plainJson(toJSON.call(value), ancestors);
    // fromEntries defines each key as an own property: `copy[key] = …` would run the __proto__ setter.
    return Object.fromEntries(Object.keys(value)
      .map((key) => [key, plainJson(read(value, key), ancestors)])
      .filter(([, item]) => item !== undefined));
  } catch {
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}
