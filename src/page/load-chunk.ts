/** Chunks imported once per page and tried twice: how stage 1 reaches stage 2, the adapters and the validator. */
import type { Chunks } from './chunk-types.js';
import { importChunk } from './chunks.js';

const loaded = new Map<keyof Chunks, Promise<unknown>>();
const ready = new Map<keyof Chunks, unknown>();
/** Failed imports of each chunk on this page: each try after one is a new URL for the browser. */
const failures = new Map<keyof Chunks, number>();

/**
 * Imports a chunk once per page, trying once more when the first import fails (offline for a
 * moment, a CDN hiccup); after a second failure it rejects, and the next call starts afresh.
 */
export function loadChunk<K extends keyof Chunks>(name: K): Promise<Chunks[K]> {
  let promise = loaded.get(name) as Promise<Chunks[K]> | undefined;
  if (!promise) {
    const attempt = (): Promise<Chunks[K]> => importChunk[name](failures.get(name)).catch((error: unknown) => {
      failures.set(name, (failures.get(name) ?? 0) + 1);
      throw error;
    });
    promise = attempt().catch(attempt).then((chunk) => {
      ready.set(name, chunk);
      return chunk;
    }, (error: unknown) => {
      loaded.delete(name);
      throw error;
    });
    loaded.set(name, promise);
  }
  return promise;
}

/** The chunk if it is loaded already, else undefined. */
export const loadedChunk = <K extends keyof Chunks>(name: K): Chunks[K] | undefined => ready.get(name) as Chunks[K] | undefined;
