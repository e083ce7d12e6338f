/**
 * `dynamic-chat`: the npm entry, side-effect free (import `dynamic-chat/define` to register the tag).
 * The element loads its view with `import()`, so a bundler puts the chat in a chunk of its own.
 */
export { DynamicChat } from './page/dynamic-chat.js';
export { defineDynamicChat } from './page/define.js';
export { registerLocale, type LocaleStrings } from './page/locales.js';
export type { ChatStrings, InputErrorKey } from './ui/strings.js';
export { THEME_TOKENS, httpAdapter, localAdapter, validateFlow, resolveDialogue, roundRobin } from './lazy-exports.js';
export type { HttpAdapter, HttpAdapterOptions, LocalAdapter, LocalAdapterOptions, MeetingListing, QueueEntry, DialogueReport } from './adapters/index.js';
export type { ResolveContext, Resolution, Explanation, Device } from './targeting/index.js';
export type * from './engine/types.js';
export type { ChatState, TranscriptEntry, MarkdownNode, PageContext } from './engine/state.js';
export type { ChatAdapter, FieldSubmission, SlotQuery, MeetingRequest, ChatEvent, ChatEventType, AdapterError } from './adapters/types.js';
export type { ChatSnapshot } from './stores/chat.js';
export type { ChatErrorDetail, DynamicChatEventDetails, DynamicChatEventMap } from './stores/events.js';
