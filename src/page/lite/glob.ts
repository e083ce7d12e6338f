/**
 * The loader's `glob` page rules (the script-tag build swaps this in for `targeting/glob.ts`):
 * compileGlob's meaning without the pattern engine, so a flow whose pages are globs targets in the
 * loader, and a page nothing targets fetches no chunk. tests/unit/page/lite-glob.test.ts holds the
 * two to the same answers.
 */
import { canon } from '../../engine/index.js';
import type { Glob } from '../../targeting/glob.js';

const fold = (text: string): string => text.replace(/[^]/g, canon);

/**
 * Whether all of `text` is `glob`, where `*` is any run of characters but a line break (the
 * engine's `.*`). The pieces between stars are found left to right, each at its first place:
 * a later place never leaves more room for the rest, so there is no backtracking. As on the
 * engine, a text over 2,048 characters never matches.
 */
function wild(glob: string, text: string): boolean {
  const parts = fold(glob).split('*');
  text = fold(text);
  let at = 0;
  const gap = (to: number) => to >= at && !/[\n\r\u2028\u2029]/.test(text.slice(at, to));
  for (const [i, part] of parts.entries()) {
    // The first piece starts the text, the last one ends it, the others come first where they can.
    const found = i ? (i < parts.length - 1 ? text.indexOf(part, at) : text.length - part.length) : 0;
    if (!gap(found) || !text.startsWith(part, found)) return false;
    at = found + part.length;
  }
  return at === text.length && at <= 2048;
}

/** Compiles a `glob` page rule's value (lower-cased) as targeting/glob.ts does: host and path parts. */
export function compileGlob(value: string): Glob {
  const pattern = value.split(/[?#]/)[0];
  // No host part when the glob starts with one slash; else it follows a scheme or `//`, up to a slash.
  const [, hostPart, pathPart] = /^\/(?!\/)/.test(pattern) ? [, null, pattern] : /^(?:[a-z*]*:\/\/)?(?:\/\/)?([^/]*)([^]*)/.exec(pattern)!;
  // `*.site.com` covers site.com itself and every subdomain.
  const sub = hostPart?.startsWith('*.') ? hostPart.slice(2) : null;
  // `/blog/*` covers /blog itself; a trailing slash never matters.
  const below = pathPart.endsWith('/*');
  const path = below ? pathPart.slice(0, -2) : pathPart.replace(/\/$/, '');
  return ({ host, port, path: page }) => {
    const at = hostPart?.includes(':') && port !== '' ? `${host}:${port}` : host;
    return (hostPart == null || (sub === null ? wild(hostPart, at) : wild(sub, at) || wild('*.' + sub, at)))
      && (/^(\/\*?)?$/.test(pathPart) || wild(path, page) || wild(path + (below ? '/*' : '/'), page));
  };
}
