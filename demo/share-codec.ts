/** Flow ⇄ URL hash: the JSON text deflated (CompressionStream) and base64url-encoded, so a link carries the flow. */

/** The hash parameter that holds a shared flow. */
export const SHARE_KEY = 'flow';

const pipe = async (bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> => {
  const response = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
};

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

/** The hash (without "#") that carries `json`, minified first so links stay short. */
export async function encodeFlowHash(json: string): Promise<string> {
  let text = json;
  try { text = JSON.stringify(JSON.parse(json)); } catch { /* an invalid draft is shared as typed */ }
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `${SHARE_KEY}=${toBase64Url(packed)}`;
}

/** The flow text a hash carries, or null when the hash holds no (readable) flow. */
export async function decodeFlowHash(hash: string): Promise<string | null> {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(SHARE_KEY);
  if (!value) return null;
  try {
    const text = new TextDecoder().decode(await pipe(fromBase64Url(value), new DecompressionStream('deflate-raw')));
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
  } catch {
    return null;
  }
}
