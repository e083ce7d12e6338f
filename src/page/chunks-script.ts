/**
 * `chunks.ts` for the script-tag loader: each chunk is a content-hashed ES module in `chunks/`
 * beside `dynamic-chat.js`, imported from the loader's own URL, so two copies of the widget from
 * two folders (two versions) never mix their chunks. `scripts/build.mjs` fills in the names.
 */
import type { Chunks } from './chunk-types.js';

declare const __DC_CHUNKS__: { [K in keyof Chunks]: string };

// Only readable while the loader first runs; a loader injected by another script has it too.
const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('chunks/', script?.src || document.baseURI);

/**
 * Imports one chunk; a later try (`attempt` 1, 2…) asks for it afresh under another URL, since the
 * browser keeps a failed module import for its URL (Chromium does) and would fail again unasked.
 */
export const importChunk = Object.fromEntries(Object.entries(__DC_CHUNKS__).map(([name, file]) => [name, (attempt?: number) =>
  import(/* @vite-ignore */ new URL(file + (attempt ? `?${attempt}` : ''), base).href)])) as { [K in keyof Chunks]: (attempt?: number) => Promise<Chunks[K]> };
