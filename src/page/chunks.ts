/**
 * The parts of the widget stage 1 imports on demand, as the npm entries load them: a bundler sees
 * each `import()` and puts its module in a chunk of its own. The script-tag build swaps this file
 * for `chunks-script.ts`, which finds the same chunks beside the loader.
 */
import type { Chunks } from './chunk-types.js';

/** Imports one chunk; `attempt` (which try this is) matters only to the script-tag build's URLs. */
export const importChunk: { [K in keyof Chunks]: (attempt?: number) => Promise<Chunks[K]> } = {
  stage: () => import('../ui/stage.js'),
  adapters: () => import('./http-wiring.js'),
  validate: () => import('./flow-verdict.js'),
  targeting: () => import('../targeting/resolve.js'),
  rest: () => import('../lazy-exports.js') as Promise<Chunks['rest']>,
};

