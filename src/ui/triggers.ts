/**
 * Trigger watchers (contract §4): they decide when a resolved dialogue shows itself.
 * Times count only while the page is visible and are kept in storage, so time on a page
 * accumulates across visits and time on the site across pages and sessions. A trigger
 * once met is remembered for the visitor, and on a later visit the dialogue fires at once.
 */
import type { Trigger } from '../engine/types.js';
import { local, readJson, writeJson, type KeyValueStorage } from '../stores/storage.js';

/** Options of {@link watchTrigger}. */
export interface TriggerOptions {
  /** The dialogue whose trigger this is; a met trigger is remembered under it. */
  dialogueId: string;
  /** What identifies "this page" for `timeOnPage` (e.g. the path). */
  pageKey: string;
  /** Where times and met triggers are kept; the visitor's localStorage by default. */
  storage?: KeyValueStorage;
  /** Aborting it removes every listener and timer. */
  signal: AbortSignal;
  /** The document to watch; the global one by default. */
  target?: Document;
  /** A monotonic clock in ms; injectable for tests. */
  now?: () => number;
}

/** Options of {@link trackTimeOnSite}. */
export type SiteClockOptions = Pick<TriggerOptions, 'storage' | 'signal' | 'target' | 'now'>;

/** Storage key of the visitor's accumulated time on the site, in ms. */
export const TIME_ON_SITE_KEY = 'dc:time-on-site';
/** Storage key of the accumulated time per page, a `{ pageKey: ms }` map. */
export const TIME_ON_PAGE_KEY = 'dc:time-on-page';
/** Prefix of the per-dialogue "trigger met" memory. */
export const TRIGGER_MET_PREFIX = 'dc:trigger-met:';

/** At most this many pages keep a time, so storage cannot grow without end. */
const MAX_PAGES = 100;
/** Longest wait between two checks of a time-based trigger; keeps an injected clock honest. */
const MAX_TICK_MS = 1000;
/** Delay between a scroll and its measurement. */
const SCROLL_CHECK_MS = 100;
/** Events that mean the visitor is active (they reset `idle`). */
const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'scroll', 'wheel', 'touchstart'] as const;

const defaultNow = (): number => (globalThis.performance ? performance.now() : Date.now());

/**
 * Watches one dialogue's trigger and calls `onFire` at most once, always asynchronously and
 * never after `signal` aborts. An undefined trigger means `load`.
 */
export function watchTrigger(trigger: Trigger | undefined, options: TriggerOptions, onFire: () => void): void {
  const { signal } = options;
  if (signal.aborted) return;
  const doc = options.target ?? document;
  const storage = options.storage ?? local();
  const now = options.now ?? defaultNow;
  const spec = trigger ?? { on: 'load' };
  const metKey = TRIGGER_MET_PREFIX + options.dialogueId;
  const signature = JSON.stringify(spec);
  const ctx: WatchContext = { doc, storage, now, signal };

  // Time on site counts on every page where a dialogue is watched, whatever its trigger.
  trackTimeOnSite({ storage, signal, target: doc, now });

  let fired = false;
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const fire = (): void => {
    if (fired || signal.aborted) return;
    fired = true;
    stop.abort();
    storage.setItem(metKey, signature);
    onFire();
  };
  const fireSoon = (): void => queueMicrotask(fire);

  // Remembered only for the same trigger: an owner who changes the trigger starts afresh.
  if (storage.getItem(metKey) === signature) return fireSoon();

  const watch = { ...ctx, signal: stop.signal };
  switch (spec.on) {
    case 'timeOnPage':
      return watchTime(watch, pageClock(storage, options.pageKey), seconds(spec.seconds), fire);
    case 'timeOnSite':
      return watchTime(watch, TIME_ON_SITE, seconds(spec.seconds), fire);
    case 'scroll':
      return watchScroll(watch, spec.percent, fire);
    case 'exit':
      return watchExit(watch, fire);
    case 'idle':
      return watchIdle(watch, seconds(spec.seconds), fire);
    case 'click':
      return watchClick(watch, spec.selector, fire);
    default:
      // `load`, and any trigger a newer flow format may add: show the dialogue now.
      return fireSoon();
  }
}

/**
 * Counts the visitor's visible time on the site into storage until `signal` aborts; call it on
 * pages where no dialogue is watched so `timeOnSite` still accumulates there. Calls on one
 * document share one clock (writing to the first caller's storage), so time is never counted twice.
 */
export function trackTimeOnSite(options: SiteClockOptions): void {
  if (options.signal.aborted) return;
  const doc = options.target ?? document;
  acquire({ doc, storage: options.storage ?? local(), now: options.now ?? defaultNow, signal: options.signal }, TIME_ON_SITE);
}

interface WatchContext {
  doc: Document;
  storage: KeyValueStorage;
  now: () => number;
  signal: AbortSignal;
}

/** Where one accumulated time lives in storage. */
interface ClockSlot {
  id: string;
  read(storage: KeyValueStorage): number;
  add(storage: KeyValueStorage, ms: number): void;
}

const TIME_ON_SITE: ClockSlot = {
  id: TIME_ON_SITE_KEY,
  read: (storage) => finite(readJson<unknown>(storage, TIME_ON_SITE_KEY, 0)),
  add: (storage, ms) => writeJson(storage, TIME_ON_SITE_KEY, finite(readJson<unknown>(storage, TIME_ON_SITE_KEY, 0)) + ms),
};

function pageClock(storage: KeyValueStorage, pageKey: string): ClockSlot {
  const readMap = (): Record<string, number> => {
    const map = readJson<unknown>(storage, TIME_ON_PAGE_KEY, {});
    return map && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, number>) : {};
  };
  return {
    id: `${TIME_ON_PAGE_KEY}:${pageKey}`,
    read: () => finite(readMap()[pageKey]),
    add: (_storage, ms) => {
      const map = readMap();
      const total = finite(map[pageKey]) + ms;
      // Re-inserting moves the page to the end, so the oldest pages are the ones dropped.
      delete map[pageKey];
      map[pageKey] = total;
      const keys = Object.keys(map);
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) delete map[key];
      writeJson(storage, TIME_ON_PAGE_KEY, map);
    },
  };
}

/** Visible time accumulated into one storage slot, shared by every watcher of that slot. */
class Accumulator {
  users = 0;
  private since: number | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly doc: Document,
    private readonly storage: KeyValueStorage,
    private readonly slot: ClockSlot,
    private readonly now: () => number,
  ) {
    if (visible(doc)) this.since = now();
    const signal = this.stop.signal;
    doc.addEventListener('visibilitychange', () => (visible(doc) ? this.resume() : this.flush(false)), { signal });
    doc.defaultView?.addEventListener('pagehide', () => this.flush(visible(doc)), { signal });
  }

  /** Stored time plus the running visible span. */
  total(): number {
    return this.slot.read(this.storage) + (this.since === null ? 0 : Math.max(0, this.now() - this.since));
  }

  /** Writes the running span to storage; it keeps running when `keepRunning`. */
  flush(keepRunning: boolean): void {
    if (this.since !== null) {
      const t = this.now();
      const span = Math.max(0, t - this.since);
      if (span > 0) this.slot.add(this.storage, span);
      this.since = keepRunning ? t : null;
    }
  }

  dispose(): void {
    this.flush(false);
    this.stop.abort();
  }

  private resume(): void {
    if (this.since === null) this.since = this.now();
  }
}

// One clock per document and slot, whatever storage wrapper each caller holds: two wrappers
// of the same localStorage must not count the same second twice.
const clocks = new WeakMap<Document, Map<string, Accumulator>>();

/** A shared accumulator for the slot, held until `ctx.signal` aborts. */
function acquire(ctx: WatchContext, slot: ClockSlot): Accumulator {
  let bySlot = clocks.get(ctx.doc);
  if (!bySlot) clocks.set(ctx.doc, (bySlot = new Map()));
  let clock = bySlot.get(slot.id);
  if (!clock) bySlot.set(slot.id, (clock = new Accumulator(ctx.doc, ctx.storage, slot, ctx.now)));
  const held = clock;
  const map = bySlot;
  held.users += 1;
  ctx.signal.addEventListener('abort', () => {
    held.users -= 1;
    if (held.users > 0) return held.flush(true);
    held.dispose();
    map.delete(slot.id);
  }, { once: true });
  return held;
}

/** Fires once the slot's visible time reaches `thresholdMs`. */
function watchTime(ctx: WatchContext, slot: ClockSlot, thresholdMs: number, fire: () => void): void {
  const clock = acquire(ctx, slot);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    clearTimeout(timer);
    if (ctx.signal.aborted) return;
    // Persist as we go, so a closed tab loses at most one tick.
    clock.flush(visible(ctx.doc));
    const remaining = thresholdMs - clock.total();
    if (remaining <= 0) return fire();
    if (visible(ctx.doc)) timer = setTimeout(check, Math.min(remaining, MAX_TICK_MS));
  };
  ctx.doc.addEventListener('visibilitychange', check, { signal: ctx.signal });
  ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  queueMicrotask(check);
}

/** Fires after `thresholdMs` of visible time with no pointer, key, scroll or touch activity. */
function watchIdle(ctx: WatchContext, thresholdMs: number, fire: () => void): void {
  const win = ctx.doc.defaultView;
  let quiet = 0; // visible quiet time before `since`
  let since: number | null = visible(ctx.doc) ? ctx.now() : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = (): number => quiet + (since === null ? 0 : Math.max(0, ctx.now() - since));
  const check = (): void => {
    clearTimeout(timer);
    if (ctx.signal.aborted) return;
    const remaining = thresholdMs - elapsed();
    if (remaining <= 0) return fire();
    if (since !== null) timer = setTimeout(check, Math.min(remaining, MAX_TICK_MS));
  };
  const activity = (): void => {
    quiet = 0;
    since = visible(ctx.doc) ? ctx.now() : null;
    check();
  };
  const listenOn: EventTarget = win ?? ctx.doc;
  for (const type of ACTIVITY_EVENTS) {
    listenOn.addEventListener(type, activity, { signal: ctx.signal, passive: true, capture: true });
  }
  ctx.doc.addEventListener('visibilitychange', () => {
    if (visible(ctx.doc)) {
      if (since === null) since = ctx.now();
    } else if (since !== null) {
      quiet = elapsed();
      since = null;
    }
    check();
  }, { signal: ctx.signal });
  ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  queueMicrotask(check);
}

/** Fires when the visitor has scrolled `percent` of the page (a page with nothing to scroll counts as fully read). */
function watchScroll(ctx: WatchContext, percent: number, fire: () => void): void {
  const win = ctx.doc.defaultView;
  if (!win) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    timer = undefined;
    if (ctx.signal.aborted) return;
    const root = ctx.doc.scrollingElement ?? ctx.doc.documentElement;
    const scrollable = root.scrollHeight - win.innerHeight;
    const done = scrollable <= 0 ? 100 : (win.scrollY / scrollable) * 100;
    if (done + 0.5 >= Math.min(100, Math.max(0, percent))) fire();
  };
  // At most one measurement per SCROLL_CHECK_MS: scroll events arrive far faster, and each
  // measurement reads layout. A timer, not requestAnimationFrame, which never runs in a tab
  // opened in the background.
  const schedule = (): void => {
    if (timer === undefined) timer = setTimeout(check, SCROLL_CHECK_MS);
  };
  win.addEventListener('scroll', schedule, { signal: ctx.signal, passive: true });
  win.addEventListener('resize', schedule, { signal: ctx.signal, passive: true });
  ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  // Wait for the page's own layout (images, fonts) before judging a page as short.
  if (ctx.doc.readyState === 'complete') schedule();
  else win.addEventListener('load', schedule, { signal: ctx.signal, once: true });
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
    console.warn(`dynamic-chat: the click trigger's selector "${selector}" is not a valid CSS selector; the dialogue will not trigger.`);
    return;
  }
  // Capture phase: a host page that stops propagation must not hide the click from us.
  ctx.doc.addEventListener('click', (event) => {
    for (const node of event.composedPath()) {
      if (isElement(node) && node.matches(selector)) return fire();
    }
  }, { signal: ctx.signal, capture: true });
}

function isElement(node: EventTarget): node is Element {
  return typeof (node as Element).matches === 'function' && (node as Node).nodeType === 1;
}

function visible(doc: Document): boolean {
  return doc.visibilityState !== 'hidden';
}

function seconds(value: unknown): number {
  return finite(value) * 1000;
}

function finite(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
