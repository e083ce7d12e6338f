// Re-targeting on SPA navigations the widget cannot patch: a router that saved the native
// pushState before the widget loaded, as routers that bind history at startup do.
import { expect } from '@open-wc/testing';
import type { Flow } from '../../src/engine/types.js';

// Taken before any widget code runs, exactly as such a router does at startup.
const nativePushState = history.pushState;
const routerPush = history.pushState.bind(history);

type Helpers = typeof import('./element-helpers.js');
let helpers: Helpers;

/** Two dialogues: `pricing-help` on /pricing, `about-help` on /about. */
function twoPageFlow(): Flow {
  const flow = helpers.testFlow();
  const base = flow.dialogues[0];
  flow.dialogues = [
    { ...base, id: 'pricing-help', audience: { pages: [{ match: 'contains', value: '/pricing' }] } },
    { ...base, id: 'about-help', audience: { pages: [{ match: 'contains', value: '/about' }] } },
  ];
  return flow;
}

describe('<dynamic-chat> and a router that saved pushState before the widget loaded', () => {
  const startUrl = location.href;
  before(async () => {
    helpers = await import('./element-helpers.js');
  });
  afterEach(() => {
    helpers.cleanPage();
    history.replaceState(null, '', startUrl);
  });

  it('re-targets after the router\'s navigation: dc-ready fires with the dialogue of the new page', async () => {
    history.replaceState(null, '', '/pricing');
    const { el, events } = await helpers.mount({ flow: twoPageFlow(), adapter: new helpers.RecordingAdapter() });
    const readies = () => events.filter((e) => e.type === 'dc-ready').map((e) => e.detail);
    expect(readies()).to.deep.equal([{ dialogueId: 'pricing-help' }]);

    routerPush(null, '', '/about');
    await helpers.until(() => readies().length === 2, 'dc-ready after the router navigated to /about');
    expect(readies().at(-1)).to.deep.equal({ dialogueId: 'about-help' });
    await helpers.findByRole(el, 'button', 'Open chat');

    // And back through the same saved function.
    routerPush(null, '', '/pricing');
    await helpers.until(() => readies().length === 3, 'dc-ready after the router navigated back to /pricing');
    expect(readies().at(-1)).to.deep.equal({ dialogueId: 'pricing-help' });
  });

  it('leaves the page\'s history.pushState untouched where the Navigation API sees navigations', async () => {
    expect('navigation' in window, 'this Chromium has the Navigation API').to.equal(true);
    await helpers.mount({ flow: twoPageFlow(), adapter: new helpers.RecordingAdapter() });
    expect(history.pushState).to.equal(nativePushState);
  });
});

describe('watchLocation without the Navigation API', () => {
  it('falls back to wrapping pushState and replaceState, and hears popstate and hashchange', async () => {
    const { watchLocation } = await import('../../src/page/history-watch.js');
    const pushed: unknown[][] = [];
    const fakeHistory = {
      pushState: (...args: unknown[]) => { pushed.push(args); return 'native result'; },
      replaceState: (...args: unknown[]) => { pushed.push(args); },
    };
    const win = Object.assign(new EventTarget(), { history: fakeHistory }) as unknown as Window;
    const controller = new AbortController();
    let changes = 0;
    watchLocation(win, controller.signal, () => { changes += 1; });

    expect(fakeHistory.pushState(1, '', '/a')).to.equal('native result');
    fakeHistory.replaceState(2, '', '/b');
    win.dispatchEvent(new Event('popstate'));
    win.dispatchEvent(new Event('hashchange'));
    expect(pushed).to.deep.equal([[1, '', '/a'], [2, '', '/b']]);
    expect(changes).to.equal(4);

    controller.abort();
    fakeHistory.pushState(3, '', '/c');
    expect(changes, 'nothing is heard once the element is gone').to.equal(4);
  });
});
