/**
 * `dynamic-chat/engine`: the DOM-free entry (contract §7) for backends, build tools and tests.
 * It runs in plain Node: nothing here may import lit, the UI or browser globals.
 */
export { validateFlow, start, step, parseMarkdown, plainText, fillTokens, checkInput } from './engine/index.js';
export type * from './engine/index.js';
export { resolveDialogue, matchPage, roundRobin } from './targeting/index.js';
export type { ResolveContext, Resolution, Explanation, Device } from './targeting/index.js';
export { findFreeSlots } from './adapters/slots.js';
export type { BusyInterval, SlotRules, SlotWindow } from './adapters/slots.js';
export { buildReport } from './adapters/report.js';
export type { DialogueReport } from './adapters/report.js';
export type { ChatEvent, ChatEventType, FieldSubmission, MeetingRequest, SlotQuery } from './adapters/types.js';
