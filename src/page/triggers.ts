/**
 * Trigger watchers (contract §4): they decide when a resolved dialogue shows itself.
 * Times count only while the page is visible and are kept in storage, so time on a page
 * accumulates across visits and time on the site across pages and sessions. A trigger
 * once met is remembered for the visitor, and on a later visit the dialogue fires at once.
 */
import { isObject, type Trigger } from '../engine/index.js';
import { readJson, writeJson, type KeyValueStorage } from '../platform/storage.js';
import { TIME_ON_PAGE_KEY, TIME_ON_SITE_KEY, TRIGGER_MET_PREFIX } from '../platform/storage-keys.js';

/** Options of {@link watchTrigger}. */
export interface TriggerOptions {
  /** The dialogue whose trigger this is; a met trigger is remembered under it. */
  dialogueId: string;
  /** What identifies "this page" for `timeOnPage` (e.g. the path). */
  pageKey: string;
  /** Where times and met triggers are kept (the visitor's localStorage). */
  storage: KeyValueStorage;
  /** Aborting it removes every listener and timer. */
  signal: AbortSignal;
  /** The document to watch; the global one by default. */
  target?: Document;
  /** A monotonic clock in ms; injectable for tests. */
  now?: () => number;
}

/** Options of {@link trackTimeOnSite}. */
export type SiteClockOptions = Pick<TriggerOptions, 'storage' | 'signal' | 'target' | 'now'>;

/** At most this many pages keep a time, so storage cannot grow without end. */
const MAX_PAGES = 100;
/** Longest wait between two checks of a time-based trigger; keeps an injected clock honest. */
const MAX_TICK_MS = 1000;
/** Delay between a scroll and its measurement. */
const SCROLL_CHECK_MS = 100;
/** Events that mean the visitor is active (they reset `idle`). */
const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart'];

interface WatchContext {
  doc: Document;
  storage: KeyValueStorage;
  now: () => number;
  signal: AbortSignal;
}

/** The options with their defaults filled in. */
function contextOf(options: SiteClockOptions, signal = options.signal): WatchContext {
  return { doc: options.target ?? document, storage: options.storage, now: options.now ?? (() => performance.now()), signal };
}

/**
 * Watches one dialogue's trigger and calls `onFire` at most once, always asynchronously and
 * never after `signal` aborts. An undefined trigger means `load`.
 */
export function watchTrigger(trigger: Trigger | undefined, options: TriggerOptions, onFire: () => void): void {
  const { signal } = options;
  if (signal.aborted) return;
  // Aborted by the caller's signal or once the trigger fired: either way every watcher stops.
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const ctx = contextOf(options, stop.signal);
  const { storage } = ctx;
  const spec = trigger ?? { on: 'load' };
  const metKey = TRIGGER_MET_PREFIX + options.dialogueId;
  const signature = JSON.stringify(spec);

  const fire = (): void => {
    if (stop.signal.aborted) return;
    stop.abort();
    storage.setItem(metKey, signature);
    onFire();
  };

  // Remembered only for the same trigger: an owner who changes the trigger starts afresh.
  if (storage.getItem(metKey) === signature) return queueMicrotask(fire);

  // The numbers come from the flow: anything not a number is 0 (fire at once), a share is 0–100.
  const seconds = finite((spec as { seconds?: unknown }).seconds);
  switch (spec.on) {
    case 'timeOnPage':
      return watchTime(ctx, options.pageKey, seconds, fire);
    case 'timeOnSite':
      return watchTime(ctx, undefined, seconds, fire);
    case 'scroll':
      return watchScroll(ctx, Math.min(100, Math.max(0, finite(spec.percent))), fire);
    case 'exit':
      return watchExit(ctx, fire);
    case 'idle':
      return watchIdle(ctx, seconds * 1000, fire);
    case 'click':
      return watchClick(ctx, spec.selector, fire);
    default:
      // `load`, and any trigger a newer flow format may add: show the dialogue now.
      return queueMicrotask(fire);
  }
}

/**
 * Counts the visitor's visible time on the site into storage until `signal` aborts; the widget runs
 * it on every page it is on, whatever its dialogue's trigger. Calls on one document (and a
 * `timeOnSite` watcher) share one clock, writing to the first caller's storage, so time is never
 * counted twice.
 */
export function trackTimeOnSite(options: SiteClockOptions): void {
  if (!options.signal.aborted) countTime(contextOf(options), TIME_ON_SITE_KEY);
}

/** The stored time of the site (no `pageKey`) or of one page, in ms. */
function storedTime(storage: KeyValueStorage, pageKey?: string): number {
  return finite(pageKey === undefined ? readJson<unknown>(storage, TIME_ON_SITE_KEY, 0) : pageTimes(storage)[pageKey]);
}

function pageTimes(storage: KeyValueStorage): Record<string, number> {
  const map = readJson<unknown>(storage, TIME_ON_PAGE_KEY, {});
  return isObject(map) ? (map as Record<string, number>) : {};
}

/** Adds `ms` to the stored time of the site (no `pageKey`) or of one page. */
function addTime(storage: KeyValueStorage, ms: number, pageKey?: string): void {
  if (pageKey === undefined) return writeJson(storage, TIME_ON_SITE_KEY, storedTime(storage) + ms);
  const map = pageTimes(storage);
  const total = finite(map[pageKey]) + ms;
  // Re-inserting moves the page to the end, so the oldest pages are the ones dropped.
  delete map[pageKey];
  map[pageKey] = total;
  for (const key of Object.keys(map).slice(0, -MAX_PAGES)) delete map[key];
  writeJson(storage, TIME_ON_PAGE_KEY, map);
}

/** A running count of visible time, shared by every watcher of one slot on one document. */
interface Clock {
  users: number;
  /** Writes the visible time since the last call to storage. */
  sync(): void;
  stop: AbortController;
}

// One clock per document and slot, whatever storage wrapper each caller holds: two wrappers
// of the same localStorage must not count the same second twice.
const clocks = new WeakMap<Document, Map<string, Clock>>();

/**
 * Counts visible time into the site's slot (no `pageKey`) or one page's until `ctx.signal`
 * aborts, and gives the shared clock's `sync`.
 */
function countTime({ doc, storage, now, signal }: WatchContext, slot: string, pageKey?: string): () => void {
  let bySlot = clocks.get(doc);
  if (!bySlot) clocks.set(doc, (bySlot = new Map()));
  let clock = bySlot.get(slot);
  if (!clock) {
    let since: number | null = null;
    const sync = (): void => {
      const t = now();
      if (since !== null && t > since) addTime(storage, t - since, pageKey);
      since = visible(doc) ? t : null;
    };
    sync();
    clock = { users: 0, sync, stop: new AbortController() };
    const options = { signal: clock.stop.signal };
    doc.addEventListener('visibilitychange', sync, options);
    doc.defaultView?.addEventListener('pagehide', sync, options);
    bySlot.set(slot, clock);
  }
  const held = clock;
  const map = bySlot;
  held.users += 1;
  signal.addEventListener('abort', () => {
    held.sync();
    if (--held.users > 0) return;
    held.stop.abort();
    map.delete(slot);
  }, { once: true });
  return held.sync;
}

/**
 * Calls `fire` once `remaining()` reaches 0, checking again on `visibilitychange` and at
 * least every MAX_TICK_MS while `running()`; nothing runs after `ctx.signal` aborts.
 */
function countDown(ctx: WatchContext, remaining: () => number, running: () => boolean, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    clearTimeout(timer);
    if (ctx.signal.aborted) return;
    const left = remaining();
    if (left <= 0) return fire();
    if (running()) timer = setTimeout(check, Math.min(left, MAX_TICK_MS));
  };
  ctx.doc.addEventListener('visibilitychange', check, { signal: ctx.signal });
  ctx.signal.addEventListener('abort', () => clearTimeout(timer));
  queueMicrotask(check);
  return check;
}

/** Fires once the visible time of the site (no `pageKey`) or of one page reaches `seconds`. */
function watchTime(ctx: WatchContext, pageKey: string | undefined, seconds: number, fire: () => void): void {
  const sync = countTime(ctx, pageKey === undefined ? TIME_ON_SITE_KEY : `${TIME_ON_PAGE_KEY}:${pageKey}`, pageKey);
  const remaining = (): number => {
    // Each check writes the time so far, so a closed tab loses at most one tick.
    sync();
    return seconds * 1000 - storedTime(ctx.storage, pageKey);
  };
  countDown(ctx, remaining, () => visible(ctx.doc), fire);
}

/** Fires after `thresholdMs` of visible time with no pointer, key, scroll or touch activity. */
function watchIdle(ctx: WatchContext, thresholdMs: number, fire: () => void): void {
  const { doc, now } = ctx;
  let quiet = 0; // visible quiet time before `since`
  let since: number | null = null;
  const elapsed = (): number => quiet + (since === null ? 0 : Math.max(0, now() - since));
  // Keeps `since` running exactly while the page is visible.
  const track = (): void => {
    quiet = elapsed();
    since = visible(doc) ? now() : null;
  };
  track();
  doc.addEventListener('visibilitychange', track, { signal: ctx.signal });
  const check = countDown(ctx, () => thresholdMs - elapsed(), () => since !== null, fire);
  const activity = (): void => {
    quiet = 0;
    since = visible(doc) ? now() : null;
    check();
  };
  for (const type of ACTIVITY_EVENTS) {
    (doc.defaultView ?? doc).addEventListener(type, activity, { signal: ctx.signal, passive: true, capture: true });
  }
}

/** Fires when the visitor has scrolled `percent` of the page (a page with nothing to scroll counts as fully read). */
function watchScroll(ctx: WatchContext, percent: number, fire: () => void): void {
  const { doc, signal } = ctx;
  const win = doc.defaultView;
  if (!win) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    timer = undefined;
    const root = doc.scrollingElement ?? doc.documentElement;
    const scrollable = root.scrollHeight - win.innerHeight;
    if (scrollable <= 0 || (win.scrollY / scrollable) * 100 + 0.5 >= percent) fire();
  };
  // At most one measurement per SCROLL_CHECK_MS: scroll events arrive far faster, and each
  // measurement reads layout. A timer, not requestAnimationFrame, which never runs in a tab
  // opened in the background.
  const schedule = (): void => {
    timer ??= setTimeout(check, SCROLL_CHECK_MS);
  };
  const options = { signal, passive: true };
  win.addEventListener('scroll', schedule, options);
  win.addEventListener('resize', schedule, options);
  signal.addEventListener('abort', () => clearTimeout(timer));
  // Wait for the page's own layout (images, fonts) before judging a page as short.
  if (doc.readyState === 'complete') schedule();
  else win.addEventListener('load', schedule, options);
}

/** Fires when a mouse pointer leaves the window through the top edge (exit intent; touch screens never do this). */
function watchExit(ctx: WatchContext, fire: () => void): void {
  ctx.doc.addEventListener('mouseout', (event: MouseEvent) => {
    if (event.relatedTarget === null && event.clientY <= 0) fire();
  }, { signal: ctx.signal });
}

/** Fires when the visitor clicks an element matching `selector`, also inside open shadow roots. */
function watchClick(ctx: WatchContext, selector: string, fire: () => void): void {
  try {
    ctx.doc.createDocumentFragment().querySelector(selector);
  } catch {
    console.warn(`dynamic-chat: click trigger selector "${selector}" is invalid; it never fires.`);
    return;
  }
  // Capture phase: a host page that stops propagation must not hide the click from us.
  ctx.doc.addEventListener('click', (event) => {
    for (const node of event.composedPath()) {
      if ((node as Node).nodeType === 1 && (node as Element).matches(selector)) return fire();
    }
  }, { signal: ctx.signal, capture: true });
}

function visible(doc: Document): boolean {
  return doc.visibilityState !== 'hidden';
}

/** A stored time or a flow's number read as a non-negative number (storage and flows may hold anything). */
function finite(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
