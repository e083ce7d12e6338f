/**
 * Ids and idempotency keys: random ids for visitors, sessions and tabs, a stable hash for keys
 * derived from other keys, and keys made safe to send as a header.
 */

/** A random id (a visitor, a session, one adapter instance per tab and page load). */
export function randomId(): string {
  // randomUUID exists only on secure (https) pages.
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** cyrb53, run twice with different seeds: ~106 bits as hex; not cryptographic, only stable and well spread. */
export function stableHash(text: string): string {
  return cyrb53(text, 0x9e3779b9).toString(16).padStart(14, '0') + cyrb53(text, 0x85ebca6b).toString(16).padStart(14, '0');
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * `key` as an HTTP header value: unchanged when it is printable ASCII (every key the widget makes
 * from random ids), else percent-encoded as UTF-8, so a key built from a Cyrillic or emoji dialogue
 * or card id is still one `fetch` sends. The same key always encodes the same way, and an encoded
 * key stays as it is, so encoding twice changes nothing.
 */
export function headerSafe(key: string): string {
  // A lone surrogate cannot be encoded: it becomes U+FFFD (with /u, the class matches only lone ones).
  return /^[!-~]*$/.test(key) ? key : encodeURIComponent(key.replace(/[\ud800-\udfff]/gu, '\ufffd'));
}
