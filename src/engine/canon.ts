/** Case folding of the pattern engine and of the loader's globs, one character at a time. */

/**
 * Case-insensitive, as rules have always been, and folded as RegExp's `i` flag does: by upper
 * case, but never from outside ASCII into it (the Kelvin sign is not a `k`, nor `ſ` an `s`).
 */
export const canon = (ch: string): string => {
  const up = ch.toUpperCase();
  return up.length > 1 || (up < '\x80' && ch >= '\x80') ? ch : up;
};
