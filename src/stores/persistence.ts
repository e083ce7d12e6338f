/** What survives a reload: the conversation per tab session, the visitor and finished dialogues per browser. */
import type { ChatState, Output } from '../engine/state.js';
import type { Lead } from '../engine/types.js';
import { randomId } from '../adapters/platform.js';
import { local, readJson, session, writeJson, type KeyValueStorage } from './storage.js';

/** The conversation as saved in sessionStorage. */
export interface SavedConversation {
  state: ChatState;
  /** The launcher (and poke) were shown: the trigger already fired. */
  triggered: boolean;
  open: boolean;
  /** `closed` was tracked for this conversation (once per conversation). */
  closedReported: boolean;
  /** The poke was dismissed or the panel opened: the teaser does not come back. */
  pokeDone?: boolean;
  /** Outputs still waiting out their response delay (goals, the end…): a reload plays them, never drops them. */
  pending?: Output[];
  /** How many transcript entries were on screen while `pending` waited. */
  revealed?: number;
}

/** The two storages the widget writes to; both degrade to memory when the browser refuses. */
export interface WidgetStorage {
  local: KeyValueStorage;
  session: KeyValueStorage;
}

const KEYS = {
  visitor: 'dc:visitor',
  completed: 'dc:completed',
  session: 'dc:session',
  conversation: 'dc:conversation',
  seen: 'dc:seen',
  tracked: 'dc:tracked',
  lead: 'dc:lead',
  draft: 'dc:draft',
} as const;

/** What the visitor typed into an input card but has not sent, and which card it belongs to. */
export interface SavedDraft {
  /** `dialogueId:cardId` of the input card. */
  card: string;
  value: string;
}

/** The browser's storages wrapped so they never throw. */
export function browserStorage(): WidgetStorage {
  return { local: local(), session: session() };
}

/** A fresh random id (idempotency keys, visitor and session ids); the adapters' generator, so one serves all. */
export const newId = randomId;

function stableId(storage: KeyValueStorage, key: string): string {
  const existing = storage.getItem(key);
  if (existing) return existing;
  const id = randomId();
  storage.setItem(key, id);
  return id;
}

/** Reads and writes the widget's persisted values. */
export interface Persistence {
  visitorId(): string;
  sessionId(): string;
  loadConversation(): SavedConversation | null;
  saveConversation(saved: SavedConversation | null): void;
  completed(): string[];
  addCompleted(dialogueId: string): void;
  sessionSeen(): string[];
  addSessionSeen(dialogueId: string): void;
  /** Records a once-per-session key; false when it was already recorded. */
  markTracked(key: string): boolean;
  capturedLead(): Lead;
  saveCapturedLead(lead: Lead): void;
  draft(): SavedDraft | null;
  saveDraft(draft: SavedDraft | null): void;
  /** Forgets the conversation, finished dialogues and captured lead; keeps the visitor id. */
  forget(): void;
}

function addToList(storage: KeyValueStorage, key: string, item: string): boolean {
  const list = readJson<string[]>(storage, key, []);
  const safe = Array.isArray(list) ? list : [];
  if (safe.includes(item)) return false;
  writeJson(storage, key, [...safe, item]);
  return true;
}

function readList(storage: KeyValueStorage, key: string): string[] {
  const list = readJson<unknown>(storage, key, []);
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

function isSavedConversation(value: unknown): value is SavedConversation {
  if (!value || typeof value !== 'object') return false;
  const state = (value as { state?: Partial<ChatState> }).state;
  return !!state && typeof state.dialogueId === 'string' && !!state.dialogue && Array.isArray(state.transcript);
}

/** Persistence over the given storages. */
export function createPersistence(storage: WidgetStorage): Persistence {
  return {
    visitorId: () => stableId(storage.local, KEYS.visitor),
    sessionId: () => stableId(storage.session, KEYS.session),
    loadConversation() {
      const saved = readJson<unknown>(storage.session, KEYS.conversation, null);
      return isSavedConversation(saved) ? saved : null;
    },
    saveConversation(saved) {
      if (saved) writeJson(storage.session, KEYS.conversation, saved);
      else storage.session.removeItem(KEYS.conversation);
    },
    completed: () => readList(storage.local, KEYS.completed),
    addCompleted: (id) => void addToList(storage.local, KEYS.completed, id),
    sessionSeen: () => readList(storage.session, KEYS.seen),
    addSessionSeen: (id) => void addToList(storage.session, KEYS.seen, id),
    markTracked: (key) => addToList(storage.session, KEYS.tracked, key),
    capturedLead() {
      const lead = readJson<unknown>(storage.session, KEYS.lead, {});
      return lead && typeof lead === 'object' && !Array.isArray(lead) ? (lead as Lead) : {};
    },
    saveCapturedLead: (lead) => writeJson(storage.session, KEYS.lead, lead),
    draft() {
      const saved = readJson<unknown>(storage.session, KEYS.draft, null);
      const { card, value } = (saved ?? {}) as Partial<SavedDraft>;
      return typeof card === 'string' && typeof value === 'string' ? { card, value } : null;
    },
    saveDraft(draft) {
      if (draft) writeJson(storage.session, KEYS.draft, draft);
      else storage.session.removeItem(KEYS.draft);
    },
    forget() {
      for (const key of [KEYS.conversation, KEYS.seen, KEYS.tracked, KEYS.lead, KEYS.draft]) storage.session.removeItem(key);
      storage.local.removeItem(KEYS.completed);
    },
  };
}
