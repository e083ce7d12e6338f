/**
 * Stage 2, imported when a dialogue triggers: the chat stores with the interpreter, the adapters,
 * the full validator and the Lit view (with Floating UI). Stage 1 (`src/page/`) calls only these,
 * as `StageTwo` in page/view-contract.ts says (page/chunks.ts checks that this module fits it).
 */
export { createChat } from '../stores/chat.js';
export { isSavedConversation } from '../stores/saved-shape.js';
export { checkFlow } from '../page/flow-verdict.js';
export { atom } from 'nanostores';
export { wireAdapter } from './wiring.js';
export { visitorTimeZone } from './slot-format.js';
export { createView } from './chat-view.js';
export { resolveDialogue } from '../targeting/resolve.js';
