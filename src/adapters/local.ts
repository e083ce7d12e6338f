/**
 * The in-browser adapter (demo, previews, sites without a backend): real scheduling from the
 * agents' weekly hours, round-robin booking, and a report, all kept in storage.
 */
import type { Agent } from '../engine/types.js';
import { local, readJson, writeJson, type KeyValueStorage } from '../stores/storage.js';
import { roundRobin } from '../targeting/round-robin.js';
import { slotTaken } from './errors.js';
import { randomId } from './platform.js';
import { buildReport, type DialogueReport } from './report.js';
import { findFreeSlots, type BusyInterval, type SlotRules } from './slots.js';
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

/** Events older than this are dropped (contract §3). */
export const EVENT_RETENTION_MS = 90 * 86_400_000;

/** Creates the local adapter. */
export function localAdapter(options: LocalAdapterOptions): LocalAdapter {
  const storage = options.storage ?? local();
  const now = options.now ?? (() => new Date());
  const prefix = options.namespace ?? 'dc-local';
  const keys = {
    meetings: `${prefix}:meetings`,
    pointer: `${prefix}:last-agent`,
    events: `${prefix}:events`,
    fields: `${prefix}:fields`,
  };
  const agents = options.agents;

  const rules = (): SlotRules => ({
    now: now().getTime(),
    minNoticeHours: options.minNoticeHours ?? 24,
    bufferMinutes: options.bufferMinutes ?? 0,
  });
  const readList = <T>(key: string): T[] => {
    const value = readJson<unknown>(storage, key, []);
    return Array.isArray(value) ? (value as T[]) : [];
  };
  const storedMeetings = () => readList<MeetingRecord>(keys.meetings).filter((m) => typeof m?.start === 'string' && typeof m?.end === 'string');
  const busy = (): BusyInterval[] => storedMeetings().map((m) => ({ agentId: m.agentId, start: Date.parse(m.start), end: Date.parse(m.end) }));
  const lastAgent = (): string | null => {
    const value = readJson<unknown>(storage, keys.pointer, null);
    return typeof value === 'string' ? value : null;
  };
  const liveEvents = (): ChatEvent[] => {
    const cutoff = now().getTime() - EVENT_RETENTION_MS;
    return readList<ChatEvent>(keys.events).filter((e) => typeof e?.key === 'string' && Date.parse(e.at) >= cutoff);
  };
  const toBooking = (m: MeetingRecord): Booking => ({ id: m.id, agent: { id: m.agentId, name: m.agentName }, start: m.start, end: m.end });

  return {
    async submitFields(submission: FieldSubmission) {
      const fields = readList<FieldSubmission>(keys.fields);
      if (fields.some((f) => f.key === submission.key)) return;
      fields.push({ ...submission, fields: { ...submission.fields } });
      writeJson(storage, keys.fields, fields);
    },
    async track(event: ChatEvent) {
      const events = liveEvents();
      if (events.some((e) => e.key === event.key)) return;
      if (Date.parse(event.at) < now().getTime() - EVENT_RETENTION_MS) return;
      events.push({ ...event });
      writeJson(storage, keys.events, events);
    },
    async findSlots(query: SlotQuery): Promise<Slot[]> {
      return findFreeSlots(agents, query, busy(), rules());
    },
    async bookMeeting(request: MeetingRequest): Promise<Booking> {
      const meetings = storedMeetings();
      const same = meetings.find((m) => m.key === request.key);
      if (same) return toBooking(same);
      const start = Date.parse(request.slot.start);
      const end = Date.parse(request.slot.end);
      const durationMinutes = (end - start) / 60_000;
      // Recompute who is free now: the slot may have been taken since it was offered.
      const offered = findFreeSlots(agents, { agentIds: request.slot.agentIds, durationMinutes, from: request.slot.start, to: request.slot.end }, busy(), rules());
      const free = offered.find((slot) => Date.parse(slot.start) === start)?.agentIds ?? [];
      const agentId = roundRobin(agents.map((a) => a.id), lastAgent(), free);
      if (agentId === null) throw slotTaken();
      const agent = agents.find((a) => a.id === agentId)!;
      const record: MeetingRecord = {
        id: randomId(),
        key: request.key,
        dialogueId: request.dialogueId,
        sessionId: request.sessionId,
        leadEmail: typeof request.lead.email === 'string' ? request.lead.email : '',
        agentId,
        agentName: agent.name,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        bookedAt: now().toISOString(),
        ...(request.inviteMessage !== undefined ? { inviteMessage: request.inviteMessage } : {}),
      };
      writeJson(storage, keys.meetings, [...meetings, record]);
      writeJson(storage, keys.pointer, agentId);
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
    fields: () => readList<FieldSubmission>(keys.fields),
    reset() {
      for (const key of Object.values(keys)) storage.removeItem(key);
    },
  };
}
