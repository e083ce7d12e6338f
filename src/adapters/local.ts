/**
 * The in-browser adapter (demo, previews, sites without a backend): real scheduling from the
 * agents' weekly hours, round-robin booking, and a report, all kept in storage.
 */
import { isObject, isText, type Agent } from '../engine/index.js';
import { local, readJson, readList, writeJson, type KeyValueStorage } from '../platform/storage.js';
import { LOCAL_NAMESPACE, localAdapterKey } from '../platform/storage-keys.js';
import { roundRobin } from '../targeting/round-robin.js';
import { AdapterRequestError } from './errors.js';
import { randomId } from '../platform/ids.js';
import { buildReport, type DialogueReport } from './report.js';
import { hasTexts, isSpan } from './slot-shape.js';
import { findFreeSlots, type SlotWindow } from './slots.js';
import type { Booking, ChatAdapter, ChatEvent, FieldSubmission, MeetingRequest, Slot, SlotQuery } from './types.js';

/** Options of `localAdapter`. */
export interface LocalAdapterOptions {
  /** The flow's agents, in routing order. */
  agents: Agent[];
  /** Where meetings, events and fields live (default: localStorage, memory when refused). */
  storage?: KeyValueStorage;
  /** The clock (default `new Date()`). */
  now?: () => Date;
  /** No slot sooner than this (default 24, as `settings.meetings.minNoticeHours`). */
  minNoticeHours?: number;
  /** Free minutes kept after each meeting (default 0, as `settings.meetings.bufferMinutes`). */
  bufferMinutes?: number;
  /** Prefix of the storage keys (default `dc-local`), so several flows can share one storage. */
  namespace?: string;
}

/** A stored booking. */
export interface MeetingRecord {
  id: string;
  /** The booking request's idempotency key: the same request books once. */
  key: string;
  dialogueId: string;
  sessionId: string;
  leadEmail: string;
  agentId: string;
  agentName: string;
  start: string;
  end: string;
  bookedAt: string;
  inviteMessage?: string;
}

/** A booking as `meetings()` lists it. */
export interface MeetingListing {
  id: string;
  leadEmail: string;
  agent: { id: string; name: string };
  start: string;
  end: string;
  /** `past` once the meeting's end has passed. */
  status: 'past' | 'upcoming';
  dialogueId: string;
}

/** One agent in routing order; `next` marks who gets the next booking if free. */
export interface QueueEntry { id: string; name: string; next: boolean }

/** The local adapter: a ChatAdapter plus what the demo shows. */
export interface LocalAdapter extends ChatAdapter {
  /** Bookings ordered by start time. */
  meetings(): MeetingListing[];
  /** Agents in routing order, the next one marked. */
  queue(): QueueEntry[];
  /** Per-dialogue metrics (see `DialogueReport` for the definitions). */
  report(): DialogueReport[];
  /** Field submissions received, oldest first. */
  fields(): FieldSubmission[];
  /** Forgets every meeting, event, field and the round-robin pointer. */
  reset(): void;
}

// Storage is untrusted input (edited by hand, or written by another version): an entry of another
// shape is dropped with a warning rather than breaking the report or the calendar.
const STORED: Record<'meetings' | 'events' | 'fields', (value: unknown) => boolean> = {
  meetings: (m) => hasTexts(m, 'id key agentId agentName leadEmail') && isSpan(m.start, m.end),
  events: (e) => hasTexts(e, 'key type dialogueId sessionId at'),
  fields: (f) => hasTexts(f, 'key') && isObject(f.fields),
};

/** Events older than this are dropped (contract §3). */
export const EVENT_RETENTION_MS = 90 * 86_400_000;

/** Creates the local adapter. */
export function localAdapter(options: LocalAdapterOptions): LocalAdapter {
  const storage = options.storage ?? local();
  const now = options.now ?? (() => new Date());
  const agents = options.agents;
  /** The storage key of one list (or the round-robin pointer). */
  const keyOf = (name: 'meetings' | 'last-agent' | 'events' | 'fields') => localAdapterKey(options.namespace ?? LOCAL_NAMESPACE, name);

  const stored = <T>(name: 'meetings' | 'events' | 'fields'): T[] =>
    readList(storage, keyOf(name), STORED[name] as (value: unknown) => value is T);
  /** Adds `item` to a stored list unless an entry with its key is there already (the same request counts once). */
  const append = <T extends { key: string }>(name: 'events' | 'fields', list: T[], item: T) => {
    if (!list.some((entry) => entry.key === item.key)) writeJson(storage, keyOf(name), [...list, item]);
  };
  const storedMeetings = () => stored<MeetingRecord>('meetings');
  const lastAgent = (): string | null => {
    const value = readJson<unknown>(storage, keyOf('last-agent'), null);
    return isText(value) ? value : null;
  };
  const cutoff = () => now().getTime() - EVENT_RETENTION_MS;
  const liveEvents = () => stored<ChatEvent>('events').filter((e) => Date.parse(e.at) >= cutoff());
  /** Free slots now, from the booked meetings and the flow's meeting settings. */
  const freeSlots = (window: SlotWindow) => findFreeSlots(
    agents,
    window,
    storedMeetings().map((m) => ({ agentId: m.agentId, start: Date.parse(m.start), end: Date.parse(m.end) })),
    { now: now().getTime(), minNoticeHours: options.minNoticeHours ?? 24, bufferMinutes: options.bufferMinutes ?? 0 },
  );
  const toBooking = (m: MeetingRecord): Booking => ({ id: m.id, agent: { id: m.agentId, name: m.agentName }, start: m.start, end: m.end });

  return {
    async submitFields(submission: FieldSubmission) {
      append('fields', stored<FieldSubmission>('fields'), { ...submission, fields: { ...submission.fields } });
    },
    async track(event: ChatEvent) {
      if (Date.parse(event.at) >= cutoff()) append('events', liveEvents(), { ...event });
    },
    async findSlots(query: SlotQuery): Promise<Slot[]> {
      return freeSlots(query);
    },
    async bookMeeting(request: MeetingRequest): Promise<Booking> {
      const meetings = storedMeetings();
      const same = meetings.find((m) => m.key === request.key);
      if (same) return toBooking(same);
      const { slot } = request;
      const start = Date.parse(slot.start);
      const end = Date.parse(slot.end);
      // Who is free now: the slot may have been taken since it was offered. The window is the slot
      // itself, so the only slot that can come back is this one.
      const [offered] = freeSlots({ agentIds: slot.agentIds, durationMinutes: (end - start) / 60_000, from: slot.start, to: slot.end });
      const agentId = roundRobin(agents.map((a) => a.id), lastAgent(), offered?.agentIds ?? []);
      if (agentId === null) throw new AdapterRequestError('slot-taken', 409);
      const record: MeetingRecord = {
        id: randomId(),
        key: request.key,
        dialogueId: request.dialogueId,
        sessionId: request.sessionId,
        leadEmail: isText(request.lead.email) ? request.lead.email : '',
        agentId,
        agentName: agents.find((a) => a.id === agentId)!.name,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        bookedAt: now().toISOString(),
        inviteMessage: request.inviteMessage,
      };
      writeJson(storage, keyOf('meetings'), [...meetings, record]);
      writeJson(storage, keyOf('last-agent'), agentId);
      return toBooking(record);
    },
    meetings() {
      const at = now().getTime();
      return storedMeetings()
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
        .map((m) => ({
          id: m.id,
          leadEmail: m.leadEmail,
          agent: { id: m.agentId, name: agents.find((a) => a.id === m.agentId)?.name ?? m.agentName },
          start: m.start,
          end: m.end,
          status: Date.parse(m.end) <= at ? 'past' : 'upcoming',
          dialogueId: m.dialogueId,
        }));
    },
    queue() {
      const order = agents.map((a) => a.id);
      const next = roundRobin(order, lastAgent(), order);
      return agents.map((a) => ({ id: a.id, name: a.name, next: a.id === next }));
    },
    report: () => buildReport(liveEvents()),
    fields: () => stored<FieldSubmission>('fields'),
    reset() {
      for (const name of ['meetings', 'last-agent', 'events', 'fields'] as const) storage.removeItem(keyOf(name));
    },
  };
}
