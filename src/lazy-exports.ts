/**
 * The npm entry's exports that the script-tag loader does not carry: `window.DynamicChat.load()`
 * imports them as a chunk; `src/index.ts` exports them beside the element.
 */
export { THEME_TOKENS } from './ui/theme.js';
export { httpAdapter, localAdapter } from './adapters/index.js';
export { validateFlow } from './engine/index.js';
export { resolveDialogue, roundRobin } from './targeting/index.js';
