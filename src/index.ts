/** `dynamic-chat`: the npm entry, side-effect free (import `dynamic-chat/define` to register the tag). */
export { DynamicChat } from './ui/dynamic-chat.js';
export { defineDynamicChat } from './ui/define-element.js';
export { registerLocale, type ChatStrings, type LocaleStrings, type InputErrorKey } from './ui/strings.js';
export { THEME_TOKENS } from './ui/theme.js';
export { httpAdapter, localAdapter } from './adapters/index.js';
export type { HttpAdapter, HttpAdapterOptions, LocalAdapter, LocalAdapterOptions, MeetingListing, QueueEntry, DialogueReport } from './adapters/index.js';
export { validateFlow } from './engine/index.js';
export { resolveDialogue, roundRobin } from './targeting/index.js';
export type { ResolveContext, Resolution, Explanation, Device } from './targeting/index.js';
export type * from './engine/types.js';
export type { ChatState, TranscriptEntry, MarkdownNode, PageContext } from './engine/state.js';
export type { ChatAdapter, FieldSubmission, SlotQuery, MeetingRequest, ChatEvent, ChatEventType, AdapterError } from './adapters/types.js';
export type { ChatSnapshot } from './stores/chat.js';
export type { ChatErrorDetail, DynamicChatEventDetails, DynamicChatEventMap } from './stores/events.js';
