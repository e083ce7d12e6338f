/**
 * The loader's stand-in for `engine/pattern.ts` (the script-tag build swaps it in): the safe
 * pattern engine stays in a chunk. The loader uses its own targeting only for flows whose
 * audiences use no `matches` op (`needsFullTargeting`; its `glob` rules are lite/glob.ts), so
 * nothing here is ever asked to match; were it asked, nothing would match.
 */
export type { Counter, Matcher } from '../../engine/index.js';
import type { Matcher } from '../../engine/index.js';

/** As in the engine: a glob's `*` as `.*`, the rest escaped (the loader's globs never ask: lite/glob.ts). */
export const globSource = (glob: string): string => glob;

/** Never compiles: the full targeting chunk handles flows with patterns. */
export const compilePattern = (): Matcher => () => false;

/** As in the engine. */
export function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
}

/** Never matches: the full targeting chunk handles flows with patterns. */
export const matchesPattern = (): boolean => false;
