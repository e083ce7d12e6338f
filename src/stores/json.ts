/**
 * JSON that the host page's globals cannot bend. `JSON.parse` and `JSON.stringify` are taken when
 * this module loads, so a page that wraps them later (a date reviver) changes nothing here; a
 * `toJSON` a page put on `Array.prototype` or `Object.prototype` (Prototype.js) is set aside while
 * our own plain data is written. HTTP answers are read with `Response.json()`, which no page
 * script can wrap, not with these.
 */
const { parse, stringify } = JSON;
const PROTOTYPES: object[] = [Array.prototype, Object.prototype];

/**
 * Runs `task` (synchronous) with any `toJSON` a page added to Array.prototype or Object.prototype
 * removed, and puts it back afterwards; no page code runs in between, so the page never sees it gone.
 */
export function withoutPageToJSON<T>(task: () => T): T {
  const saved = PROTOTYPES.map((proto) => Object.getOwnPropertyDescriptor(proto, 'toJSON'));
  saved.forEach((descriptor, i) => descriptor?.configurable && delete (PROTOTYPES[i] as { toJSON?: unknown }).toJSON);
  try {
    return task();
  } finally {
    saved.forEach((descriptor, i) => descriptor?.configurable && Object.defineProperty(PROTOTYPES[i], 'toJSON', descriptor));
  }
}

/** JSON text of our own plain data, arrays written as arrays whatever the page did to their prototype. */
export const toJson = (value: unknown): string => withoutPageToJSON(() => stringify(value));

/** Parses JSON text with the built-in parser as it was when the widget loaded (throws on bad JSON). */
export const fromJson = (text: string): unknown => parse(text);
