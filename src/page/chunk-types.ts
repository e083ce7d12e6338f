/** The chunks stage 1 may import, by name, with what each module offers. */
import type * as Adapters from './http-wiring.js';
import type * as Validate from './flow-verdict.js';
import type * as Targeting from '../targeting/resolve.js';
import type { StageTwo } from './view-contract.js';

export type { StageTwo };

/** Each chunk stage 1 may need, by name. */
export interface Chunks {
  stage: StageTwo;
  /** The HTTP adapter and its wiring, alone (an earlier page's outbox, identify). */
  adapters: typeof Adapters;
  validate: typeof Validate;
  /** Targeting with the pattern engine and schedules, for flows whose audiences use them. */
  targeting: typeof Targeting;
  /** The npm entry's exports the loader does not carry (`window.DynamicChat.load()`; src/lazy-exports.ts). */
  rest: Record<string, unknown>;
}
