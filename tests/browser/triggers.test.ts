import { expect } from '@open-wc/testing';
import type { Trigger } from '../../src/engine/types.js';
import { memoryStorage, type KeyValueStorage } from '../../src/platform/storage.js';
import { TIME_ON_SITE_KEY, TRIGGER_MET_PREFIX } from '../../src/platform/storage-keys.js';
import { trackTimeOnSite, watchTrigger } from '../../src/page/triggers.js';

// Every watcher re-checks at least once a second, so 1.3 s of real time is enough for a fake-clock jump to be seen.
const TICK = 1300;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let clock = 0;
let visibility: DocumentVisibilityState = 'visible';
let storage: KeyValueStorage;
let controllers: AbortController[] = [];

/** Starts a watcher on a fake clock; `count()` says how often it fired. */
function watch(trigger: Trigger | undefined, pageKey = '/a', dialogueId = 'd1') {
  const controller = new AbortController();
  controllers.push(controller);
  let fired = 0;
  watchTrigger(trigger, { dialogueId, pageKey, storage, signal: controller.signal, now: () => clock }, () => { fired += 1; });
  return { count: () => fired, stop: () => controller.abort() };
}

async function until(test: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await sleep(20);
  }
  return test();
}

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('watchTrigger', () => {
  beforeEach(() => {
    clock = 0;
    storage = memoryStorage();
    visibility = 'visible';
    // Headless tabs may report any visibility; the tests decide it.
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });
  afterEach(() => {
    for (const controller of controllers) controller.abort();
    controllers = [];
    delete (document as { visibilityState?: unknown }).visibilityState;
    window.scrollTo(0, 0);
    document.getElementById('tall')?.remove();
    document.getElementById('shadow-host')?.remove();
  });

  it('fires a load trigger (or none at all) once, asynchronously', async () => {
    const explicit = watch({ on: 'load' });
    const implicit = watch(undefined, '/a', 'd2');
    expect(explicit.count()).to.equal(0);
    await sleep(0);
    expect(explicit.count()).to.equal(1);
    expect(implicit.count()).to.equal(1);
  });

  it('fires timeOnPage after the visible seconds on that page', async () => {
    const w = watch({ on: 'timeOnPage', seconds: 5 });
    clock = 4000;
    await sleep(TICK);
    expect(w.count()).to.equal(0);
    clock = 5000;
    expect(await until(() => w.count() === 1)).to.equal(true);
  });

  it('accumulates timeOnPage per page across visits: 10 s on /a, a visit to /b, back on /a needs the rest', async () => {
    const trigger: Trigger = { on: 'timeOnPage', seconds: 30 };
    const first = watch(trigger, '/a');
    clock = 10_000;
    await sleep(0);
    first.stop();

    const other = watch(trigger, '/b');
    clock = 25_000; // 15 s on /b count for /b only
    await sleep(0);
    other.stop();
    expect(other.count()).to.equal(0);

    const back = watch(trigger, '/a');
    clock = 44_000; // 10 + 19 = 29 s on /a
    await sleep(TICK);
    expect(back.count()).to.equal(0);
    clock = 45_000; // 30 s
    expect(await until(() => back.count() === 1)).to.equal(true);
  });

  it('does not count time while the page is hidden', async () => {
    const w = watch({ on: 'timeOnPage', seconds: 10 });
    clock = 4000;
    await sleep(0);
    setVisibility('hidden');
    clock = 60_000; // a long time in a background tab
    await sleep(TICK);
    expect(w.count()).to.equal(0);
    setVisibility('visible');
    clock = 65_000; // 4 + 5 = 9 visible seconds
    await sleep(TICK);
    expect(w.count()).to.equal(0);
    clock = 66_000;
    expect(await until(() => w.count() === 1)).to.equal(true);
  });

  it('accumulates timeOnSite across pages and sessions in storage', async () => {
    const trigger: Trigger = { on: 'timeOnSite', seconds: 60 };
    const pageA = watch(trigger, '/a');
    clock = 20_000;
    await sleep(0);
    pageA.stop();
    // A page where nothing is watched still counts when the site clock runs.
    const siteOnly = new AbortController();
    controllers.push(siteOnly);
    trackTimeOnSite({ storage, signal: siteOnly.signal, now: () => clock });
    clock = 50_000;
    siteOnly.abort();
    expect(Number(storage.getItem(TIME_ON_SITE_KEY))).to.equal(50_000);

    // A later session: same storage, a fresh clock starting at 0.
    clock = 0;
    const pageB = watch(trigger, '/b');
    clock = 9000;
    await sleep(TICK);
    expect(pageB.count()).to.equal(0);
    clock = 10_000;
    expect(await until(() => pageB.count() === 1)).to.equal(true);
  });

  it('never counts the same second twice when several watchers run at once', async () => {
    const siteOnly = new AbortController();
    controllers.push(siteOnly);
    trackTimeOnSite({ storage, signal: siteOnly.signal, now: () => clock });
    const w = watch({ on: 'timeOnSite', seconds: 100 });
    clock = 30_000;
    await sleep(0);
    w.stop();
    siteOnly.abort();
    expect(Number(storage.getItem(TIME_ON_SITE_KEY))).to.equal(30_000);
  });

  it('fires scroll when the visitor has scrolled the given percent of the page', async () => {
    const tall = document.createElement('div');
    tall.id = 'tall';
    tall.setAttribute('aria-hidden', 'true');
    tall.style.height = `${window.innerHeight * 5}px`;
    document.body.append(tall);
    const w = watch({ on: 'scroll', percent: 50 });
    const scrollable = document.documentElement.scrollHeight - window.innerHeight;
    // A tab in the background (the runner has two) gets no scroll events from the browser: send them.
    const scrollTo = (y: number) => { window.scrollTo(0, y); window.dispatchEvent(new Event('scroll')); };
    scrollTo(scrollable * 0.3);
    await sleep(300);
    expect(w.count()).to.equal(0);
    scrollTo(scrollable * 0.6);
    expect(await until(() => w.count() === 1)).to.equal(true);
  });

  it('reads bad numbers from an unchecked flow safely: no seconds fires at once, a percent over 100 at the bottom', async () => {
    const noSeconds = watch({ on: 'timeOnPage' } as unknown as Trigger);
    expect(await until(() => noSeconds.count() === 1), 'timeOnPage without seconds').to.equal(true);
    const tall = document.createElement('div');
    tall.id = 'tall';
    tall.setAttribute('aria-hidden', 'true');
    tall.style.height = `${window.innerHeight * 5}px`;
    document.body.append(tall);
    const overFull = watch({ on: 'scroll', percent: 250 }, '/b', 'd2');
    const scrollable = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, scrollable);
    window.dispatchEvent(new Event('scroll'));
    expect(await until(() => overFull.count() === 1), 'scrolled to the bottom').to.equal(true);
  });

  it('fires exit only when the pointer leaves through the top of the window', async () => {
    const w = watch({ on: 'exit' });
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: 400, relatedTarget: null }));
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -2, relatedTarget: document.documentElement }));
    await sleep(0);
    expect(w.count()).to.equal(0);
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -2, relatedTarget: null }));
    expect(w.count()).to.equal(1);
  });

  it('fires idle after the seconds without activity, and activity starts the count again', async () => {
    const w = watch({ on: 'idle', seconds: 10 });
    clock = 8000;
    await sleep(0);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    clock = 17_000; // 9 s after the key
    await sleep(TICK);
    expect(w.count()).to.equal(0);
    document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    clock = 26_000;
    await sleep(TICK);
    expect(w.count()).to.equal(0);
    clock = 27_000;
    expect(await until(() => w.count() === 1)).to.equal(true);
  });

  it('fires click on a matching element, also inside an open shadow root, even when the page stops propagation', async () => {
    const host = document.createElement('div');
    host.id = 'shadow-host';
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<button class="talk"><span>Talk to us</span></button><button class="other">Other</button>';
    document.body.append(host);
    host.addEventListener('click', (event) => event.stopPropagation());
    const w = watch({ on: 'click', selector: '.talk' });
    root.querySelector<HTMLButtonElement>('.other')!.click();
    expect(w.count()).to.equal(0);
    root.querySelector('span')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(w.count()).to.equal(1);
  });

  it('ignores a click trigger with an invalid selector, with a warning', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args[0]); };
    try {
      const w = watch({ on: 'click', selector: 'button[' });
      document.body.click();
      expect(w.count()).to.equal(0);
    } finally {
      console.warn = original;
    }
    expect(String(warnings[0])).to.contain('button[');
  });

  it('remembers a met trigger: a later visit fires at once, unless the trigger changed', async () => {
    const first = watch({ on: 'timeOnPage', seconds: 3 });
    clock = 3000;
    expect(await until(() => first.count() === 1)).to.equal(true);
    expect(storage.getItem(TRIGGER_MET_PREFIX + 'd1')).to.be.a('string');

    clock = 0;
    const later = watch({ on: 'timeOnPage', seconds: 3 }, '/elsewhere');
    await sleep(0);
    expect(later.count()).to.equal(1);

    const changed = watch({ on: 'exit' });
    await sleep(0);
    expect(changed.count()).to.equal(0);
  });

  it('fires at most once and never after the signal aborts', async () => {
    const clicks = watch({ on: 'click', selector: 'body' });
    document.body.click();
    document.body.click();
    expect(clicks.count()).to.equal(1);

    const timed = watch({ on: 'timeOnPage', seconds: 2 }, '/abort', 'd3');
    const exit = watch({ on: 'exit' }, '/abort', 'd4');
    const load = watch({ on: 'load' }, '/abort', 'd5');
    timed.stop();
    exit.stop();
    load.stop();
    clock = 10_000;
    document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -2, relatedTarget: null }));
    await sleep(TICK);
    expect([timed.count(), exit.count(), load.count()]).to.deep.equal([0, 0, 0]);
  });
});
