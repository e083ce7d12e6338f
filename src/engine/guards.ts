/**
 * Type guards and own-property helpers for values read from JSON, storage or the network: the
 * engine, targeting, stores and adapters all test untrusted values the same way.
 */

/** A plain JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when `key` is the object's own property (card ids like `constructor` are not inherited). */
export function has(obj: object, key: string): boolean {
  // Not Object.hasOwn: Safari before 15.4 lacks it, and the build adds no polyfills.
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Sets an own, plain property: a card id such as `__proto__` is a key, never the object's prototype. */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** True for text. */
export const isText = (value: unknown): value is string => typeof value === 'string';

/** True for text that is not empty. */
export const isFilled = (value: unknown): value is string => isText(value) && value !== '';
