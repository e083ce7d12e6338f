/** The chunks stage 1 may import, by name, with their modules' types. */
import type * as Stage from '../ui/stage.js';
import type * as Adapters from './adapter-wiring.js';
import type * as Validate from './flow-verdict.js';
import type * as Targeting from '../targeting/resolve.js';
import type * as Rest from '../lazy-exports.js';

/** Stage 2: the chat stores, the interpreter, the adapters, the full validator and the Lit view. */
export type StageTwo = typeof Stage;

/** Each chunk stage 1 may need, by name. */
export interface Chunks {
  stage: StageTwo;
  /** The built-in adapters and their wiring, alone (an earlier page's outbox, identify). */
  adapters: typeof Adapters;
  validate: typeof Validate;
  /** Targeting with the pattern engine and schedules, for flows whose audiences use them. */
  targeting: typeof Targeting;
  rest: typeof Rest;
}
