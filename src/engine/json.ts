/**
 * JSON that the host page's globals cannot bend. `JSON.parse` and `JSON.stringify` are taken when
 * this module loads, so a page that wraps them later (a date reviver) changes nothing here; a
 * `toJSON` a page put on `Array.prototype` (Prototype.js) is set aside while our own plain data is
 * written. HTTP answers are read with `Response.json()`, which no page
 * script can wrap, not with these.
 */
const { parse, stringify } = JSON;

/**
 * Runs `task` (synchronous) with any `toJSON` a page added to Array.prototype removed, and puts it
 * back afterwards; no page code runs in between, so the page never sees it gone.
 */
function withoutPageToJSON<T>(task: () => T): T {
  const arrays = Array.prototype as { toJSON?: unknown };
  const own = Object.getOwnPropertyDescriptor(arrays, 'toJSON');
  if (own?.configurable) delete arrays.toJSON;
  try {
    return task();
  } finally {
    if (own?.configurable) Object.defineProperty(arrays, 'toJSON', own);
  }
}

/** JSON text of our own plain data, arrays written as arrays whatever the page did to their prototype. */
export const toJson = (value: unknown): string => withoutPageToJSON(() => stringify(value));

/** Parses JSON text with the built-in parser as it was when the widget loaded (throws on bad JSON). */
export const fromJson: (text: string) => unknown = parse;
