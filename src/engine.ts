/**
 * `dynamic-chat/engine`: the DOM-free entry (contract §7) for backends, build tools and tests.
 * It runs in plain Node: nothing here may import lit, the UI or browser globals.
 */
export { validateFlow, start, step, parseMarkdown, plainText, fillTokens, checkInput } from './engine/index.js';
export type * from './engine/index.js';
export { resolveDialogue, matchPage, roundRobin } from './targeting/index.js';
export type { ResolveContext, Resolution, Explanation, Device } from './targeting/index.js';
