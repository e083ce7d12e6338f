/** Splits a page URL into the parts page rules compare, without the DOM's URL class. */

/** A page URL taken apart once, so every rule of every dialogue reuses the same pieces. */
export interface PageTarget {
  /** Full URL without the fragment, lower-cased: `https://www.site.com/pricing?plan=pro`. */
  full: string;
  /** Path and query, lower-cased: `/pricing?plan=pro` (what most rules compare). */
  pathQuery: string;
  /** Path only, lower-cased, `/` when empty. */
  path: string;
  /** Host name without port or credentials, lower-cased; empty for a path-only URL. */
  host: string;
  /** Port as written (empty when absent). */
  port: string;
  /** Query parameters as decoded name/value pairs, names and values lower-cased. */
  params: Array<[string, string]>;
  /** Path and query as the visitor's browser wrote them (for explanations). */
  shown: string;
}

// scheme, authority, path, query; the fragment is dropped (see README: page rules ignore it).
const URL_PARTS = /^(?:([a-z][a-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?/i;

/** `decode(text)`, or the text as it is when it holds no escape or a malformed one. */
function decodeSafely(text: string, decode: (text: string) => string): string {
  if (!text.includes('%')) return text;
  try { return decode(text); } catch { return text; }
}

/** decodeURI that gives the input back on malformed escapes instead of throwing. */
export function safeDecodeUri(text: string): string {
  return decodeSafely(text, decodeURI);
}

function decodeParam(text: string): string {
  return decodeSafely(text.replace(/\+/g, ' '), decodeURIComponent).toLowerCase();
}

/** Decoded query parameters of a raw query string (without `?`), in order. */
export function parseQuery(query: string): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (query === '') return params;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    params.push(eq < 0 ? [decodeParam(pair), ''] : [decodeParam(pair.slice(0, eq)), decodeParam(pair.slice(eq + 1))]);
  }
  return params;
}

/** Parses a full (`https://…`) or path-only (`/pricing?x=1`) page URL; never throws. */
export function parsePageUrl(url: string): PageTarget {
  const text = typeof url === 'string' ? url.trim() : '';
  // Every part of the pattern is optional, so it always matches.
  const [, scheme = '', authority = '', path = '', query] = URL_PARTS.exec(text)!;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  const portAt = hostPort.startsWith('[') ? hostPort.indexOf(']:') + 1 : hostPort.lastIndexOf(':');
  const host = portAt > 0 ? hostPort.slice(0, portAt) : hostPort;
  const port = portAt > 0 ? hostPort.slice(portAt + 1) : '';
  const shownPath = path || '/';
  const shownQuery = query === undefined ? '' : '?' + query;
  const lowerPath = safeDecodeUri(shownPath).toLowerCase();
  const pathQuery = lowerPath + safeDecodeUri(shownQuery).toLowerCase();
  const origin = scheme === '' && authority === '' ? '' : (scheme === '' ? '' : scheme.toLowerCase() + ':') + '//' + hostPort;
  return {
    full: origin + pathQuery,
    pathQuery,
    path: lowerPath,
    host,
    port,
    params: parseQuery(query ?? ''),
    shown: shownPath + shownQuery,
  };
}
