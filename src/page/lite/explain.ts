/**
 * The loader's stand-in for `targeting/explain.ts` (the script-tag build swaps it in): the loader
 * reads only which dialogue plays, never why the others do not (the demo and `load()`'s
 * resolveDialogue give the reasons).
 */
import type { Explanation } from '../../targeting/explain.js';

/** No reasons: nobody in the loader reads them. */
export const explainAll = (): Explanation[] => [];
