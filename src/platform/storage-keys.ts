/**
 * Every key the widget writes to the visitor's storage, named once: what the widget keeps about a
 * visitor can be read (and forgotten) from this one list. `dc:` keys belong to one widget,
 * `dc-` keys to an adapter, per backend or namespace.
 */

/** The visitor's random id (localStorage). */
export const VISITOR_KEY = 'dc:visitor';
/** This tab session's random id (sessionStorage). */
export const SESSION_KEY = 'dc:session';
/** The conversation in progress, replayed after a reload (sessionStorage). */
export const CONVERSATION_KEY = 'dc:conversation';
/** Dialogues the visitor finished, never offered again (localStorage). */
export const COMPLETED_KEY = 'dc:completed';
/** Dialogues shown in this session, for `once per session` (sessionStorage). */
export const SEEN_KEY = 'dc:seen';
/** Events already reported in this session, so a reload reports none twice (sessionStorage). */
export const TRACKED_KEY = 'dc:tracked';
/** The lead captured in this session (sessionStorage). */
export const LEAD_KEY = 'dc:lead';
/** The text the visitor was typing, kept across a reload (sessionStorage). */
export const DRAFT_KEY = 'dc:draft';
/** The visitor's accumulated visible time on the site, in ms (localStorage). */
export const TIME_ON_SITE_KEY = 'dc:time-on-site';
/** The accumulated visible time per page, a `{ pageKey: ms }` map (localStorage). */
export const TIME_ON_PAGE_KEY = 'dc:time-on-page';
/** Prefix of the per-dialogue "trigger met" memory, followed by the dialogue id (localStorage). */
export const TRIGGER_MET_PREFIX = 'dc:trigger-met:';

/** This session's `identify()` answer from the backend at `base`, `{ visitorId, lead }` (sessionStorage): later pages ask no more. */
export const identifiedKey = (base: string): string => `dc:identified:${base}`;

/** The http adapter's outbox for the backend at `base`; also the name of the lock that lets one tab send at a time. */
export const outboxKey = (base: string): string => `dc-outbox:${base}`;

/** The instant before which nothing is sent to the backend at `base` (its Retry-After), kept beside its outbox. */
export const outboxNotBeforeKey = (base: string): string => `${outboxKey(base)}:not-before`;

/** The name of the Web Lock held while one tab rewrites the outbox of the backend at `base`. */
export const outboxWriteLock = (base: string): string => `${outboxKey(base)}:write`;

/** The local adapter's default namespace, so several flows can share one storage under different ones. */
export const LOCAL_NAMESPACE = 'dc-local';

/** One list of the local adapter (`meetings`, `events`, `fields`, or the round-robin pointer `last-agent`). */
export const localAdapterKey = (namespace: string, name: 'meetings' | 'last-agent' | 'events' | 'fields'): string => `${namespace}:${name}`;
