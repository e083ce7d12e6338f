/**
 * The loader's stand-in for `targeting/glob.ts` (the script-tag build swaps it in): a flow with a
 * `glob` page rule loads the full targeting chunk first (`needsFullTargeting`), so nothing here is
 * ever asked; were it asked, nothing would match.
 */
import type { Glob } from '../../targeting/glob.js';

/** Never compiles: the full targeting chunk handles flows with globs. */
export const compileGlob = (): Glob => () => false;
