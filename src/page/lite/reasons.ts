/**
 * The loader's stand-in for `targeting/reasons.ts` (the script-tag build swaps it in): the loader
 * never reads the reasons resolveDialogue gives, only whether there is one, so it keeps no words.
 */
import type { REASONS as Words } from '../../targeting/reasons.js';

/** A reason still, so a dialogue that cannot play stays out, but in one letter. */
const letter = (): string => 'x';

/** In one letter, as every reason here. */
export const describeRule = letter;

/** In one letter, as every reason here. */
export const listRules = letter;

/** In one letter, as every reason here. */
export const isNot = letter;

/** In one letter, as every reason here. */
export const describeFailure = letter;

/** In one letter each. */
export const REASONS: typeof Words = { session: 'x', once: 'x', killed: 'x', disabled: 'x', malformed: 'x' };
