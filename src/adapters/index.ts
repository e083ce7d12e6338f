/** The backend adapters: the interface, the HTTP adapter with its outbox, and the local adapter. */
export type { AdapterError, Booking, ChatAdapter, ChatEvent, ChatEventType, FieldSubmission, Lead, MeetingRequest, Slot, SlotQuery } from './types.js';
export { httpAdapter, type HttpAdapter, type HttpAdapterOptions } from './http.js';
export { localAdapter, type LocalAdapter, type LocalAdapterOptions, type MeetingListing, type QueueEntry } from './local.js';
export { AdapterRequestError, type RequestErrorCode } from './errors.js';
export type { DialogueReport } from './report.js';
export type { LockManagerLike } from '../platform/locks.js';
export type { Timers } from '../platform/timers.js';
export { findFreeSlots, type BusyInterval, type SlotRules, type SlotWindow } from './slots.js';
