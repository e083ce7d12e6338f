/** What survives a reload: the conversation per tab session, the visitor and finished dialogues per browser. */
import { isObject, isText, type ChatState, type Output, type Lead } from '../engine/index.js';
import { randomId } from '../platform/ids.js';
import { local, readJson, readList, session, warnDropped, writeJson, type KeyValueStorage } from '../platform/storage.js';
import {
  COMPLETED_KEY, CONVERSATION_KEY, DRAFT_KEY, LEAD_KEY, SEEN_KEY, SESSION_KEY, TRACKED_KEY, VISITOR_KEY,
} from '../platform/storage-keys.js';

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

/** Reads and writes the widget's persisted values. */
export interface Persistence {
  visitorId(): string;
  sessionId(): string;
  /**
   * The saved conversation if it passes `check` (the loader's quick look, or stage 2's full
   * `isSavedConversation`); one of an unexpected shape is dropped with a console warning (null).
   */
  loadConversation(check: (value: unknown) => value is SavedConversation): SavedConversation | null;
  /** Saves (or, for null, forgets) the conversation; false when it reached only memory (a reload would lose it). */
  saveConversation(saved: SavedConversation | null): boolean;
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

/** A random id kept under `key` from its first use on. */
function stableId(storage: KeyValueStorage, key: string): string {
  let id = storage.getItem(key);
  if (!id) storage.setItem(key, (id = randomId()));
  return id;
}

/** The strings kept as a JSON list under `key` (anything else there is dropped with a warning). */
const readStrings = (storage: KeyValueStorage, key: string): string[] => readList(storage, key, isText);

/** Adds `item` to the list under `key`; false when it was there already. */
function addToList(storage: KeyValueStorage, key: string, item: string): boolean {
  const list = readStrings(storage, key);
  if (list.includes(item)) return false;
  writeJson(storage, key, [...list, item]);
  return true;
}

/** Writes `value` as JSON under `key`, or removes the key for null; false when the write reached only memory. */
function put(storage: KeyValueStorage, key: string, value: unknown): boolean {
  if (value) writeJson(storage, key, value);
  else storage.removeItem(key);
  return storage.isDurable?.(key) !== false;
}

/** The JSON value under `key` if it passes `check`; anything else there is dropped with a warning. */
function readValue<T>(storage: KeyValueStorage, key: string, check: (value: unknown) => value is T): T | null {
  const value = readJson<unknown>(storage, key, null);
  if (value === null) return null;
  try {
    if (check(value)) return value;
  } catch {
    // A shape no check foresaw: dropped like any other.
  }
  warnDropped(key);
  storage.removeItem(key);
  return null;
}

const isDraft = (value: unknown): value is SavedDraft => isObject(value) && isText(value.card) && isText(value.value);

/** Persistence over the given storages (keys in storage-keys.ts; the conversation and this session's lists in `session`). */
export function createPersistence({ local, session }: WidgetStorage): Persistence {
  return {
    visitorId: () => stableId(local, VISITOR_KEY),
    sessionId: () => stableId(session, SESSION_KEY),
    loadConversation: (check) => readValue(session, CONVERSATION_KEY, check),
    saveConversation: (saved) => put(session, CONVERSATION_KEY, saved),
    completed: () => readStrings(local, COMPLETED_KEY),
    addCompleted: (id) => void addToList(local, COMPLETED_KEY, id),
    sessionSeen: () => readStrings(session, SEEN_KEY),
    addSessionSeen: (id) => void addToList(session, SEEN_KEY, id),
    markTracked: (key) => addToList(session, TRACKED_KEY, key),
    capturedLead: () => readValue(session, LEAD_KEY, isObject) ?? {},
    saveCapturedLead: (lead) => writeJson(session, LEAD_KEY, lead),
    draft: () => readValue(session, DRAFT_KEY, isDraft),
    saveDraft: (draft) => void put(session, DRAFT_KEY, draft),
    forget() {
      for (const key of [CONVERSATION_KEY, SEEN_KEY, TRACKED_KEY, LEAD_KEY, DRAFT_KEY]) session.removeItem(key);
      local.removeItem(COMPLETED_KEY);
    },
  };
}
