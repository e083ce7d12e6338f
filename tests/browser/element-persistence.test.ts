import { expect } from '@open-wc/testing';
import { byRole, cleanPage, findByRole, logLines, mount, recordEvents, RecordingAdapter, testFlow, until } from './element-helpers.js';

describe('<dynamic-chat> persistence and navigation', () => {
  const startUrl = location.href;
  afterEach(() => {
    cleanPage();
    history.replaceState(null, '', startUrl);
  });

  it('a reload in the middle of a dialogue resumes the transcript, the card and the open panel', async () => {
    const flow = testFlow({ autoOpen: true });
    const first = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    await findByRole(first.el, 'textbox');
    const before = logLines(first.el);
    first.el.remove();

    const adapter = new RecordingAdapter();
    const second = await mount({ flow, adapter });
    await findByRole(second.el, 'dialog', 'Ava');
    expect(logLines(second.el)).to.deep.equal(before);
    await findByRole(second.el, 'textbox', 'Your work email?');
    expect(second.events.filter((e) => e.type === 'dc-dialogue-start'), 'nothing restarts').to.have.length(0);
    expect(adapter.events.filter((e) => e.type === 'triggered'), 'a refresh adds nothing').to.have.length(0);
  });

  it('reset() called at once on load (a logout) forgets the previous visitor before anything is restored', async () => {
    const flow = testFlow({ autoOpen: true });
    const first = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    await findByRole(first.el, 'textbox');
    first.el.remove();

    const el = document.createElement('dynamic-chat');
    const events = recordEvents(el);
    el.flow = flow;
    el.adapter = new RecordingAdapter();
    document.body.append(el);
    el.reset();
    await until(() => events.some((e) => e.type === 'dc-ready'), 'dc-ready');
    await findByRole(el, 'button', 'Talk to sales');
    expect(logLines(el).join('\n')).not.to.contain('Talk to sales');
    expect(el.state.answers).to.deep.equal({});
  });

  it('a reload while slots are offered fetches them again and shows them', async () => {
    const flow = testFlow({ autoOpen: true });
    const firstAdapter = new RecordingAdapter();
    const first = await mount({ flow, adapter: firstAdapter });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    const box = await findByRole(first.el, 'textbox') as HTMLInputElement;
    box.value = 'jo@acme.com';
    box.dispatchEvent(new Event('input'));
    (await findByRole(first.el, 'button', 'Send')).click();
    await findByRole(first.el, 'button', /, \d{2}:\d{2}$/);
    first.el.remove();

    const adapter = new RecordingAdapter();
    const second = await mount({ flow, adapter });
    (await findByRole(second.el, 'button', /, \d{2}:\d{2}$/)).click();
    await until(() => logLines(second.el).includes('All set!'), 'booked after the reload');
    expect(adapter.queries).to.have.length(1);
    expect(adapter.events[0].visitorId, 'the visitor id survives').to.equal(firstAdapter.events[0].visitorId);
    expect(adapter.events[0].sessionId, 'so does the session').to.equal(firstAdapter.events[0].sessionId);
  });

  it('an engaged dialogue continues on its own version after the flow changed', async () => {
    const flow = testFlow({ autoOpen: true });
    const first = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    await findByRole(first.el, 'textbox');
    first.el.remove();

    const changed = testFlow({ autoOpen: true });
    changed.dialogues[0].id = 'other';
    const second = await mount({ flow: changed, adapter: new RecordingAdapter() });
    expect(second.events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: 'hello' });
    await findByRole(second.el, 'textbox', 'Your work email?');
  });

  it('a completed "once" dialogue does not come back after a reload', async () => {
    const flow = testFlow({ autoOpen: true });
    flow.dialogues[0].frequency = 'once';
    const first = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(first.el, 'button', 'Just looking')).click();
    await until(() => first.el.state.status === 'completed', 'completed');
    first.el.remove();
    const second = await mount({ flow, adapter: new RecordingAdapter() });
    expect(second.events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: null });
    expect(byRole(second.el, 'button', 'Open chat')).to.equal(null);
  });

  it('an SPA route change re-resolves an unengaged dialogue but keeps an engaged one', async () => {
    const flow = testFlow();
    flow.dialogues[0].audience = { pages: [{ match: 'contains', value: '/pricing' }] };
    history.replaceState(null, '', '/pricing');
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    await findByRole(el, 'button', 'Open chat');
    history.pushState(null, '', '/about');
    await until(() => byRole(el, 'button', 'Open chat') === null, 'the launcher to go on /about');
    expect(events.filter((e) => e.type === 'dc-ready').at(-1)!.detail).to.deep.equal({ dialogueId: null });

    const readies = events.filter((e) => e.type === 'dc-ready').length;
    history.replaceState({ scroll: 1 }, '', location.href);
    expect(events.filter((e) => e.type === 'dc-ready'), 'the same URL does not re-target').to.have.length(readies);
    history.pushState(null, '', '/pricing');
    (await findByRole(el, 'button', 'Open chat')).click();
    (await findByRole(el, 'button', 'Talk to sales')).click();
    await findByRole(el, 'textbox');
    history.pushState(null, '', '/about');
    await el.updateComplete;
    expect(events.filter((e) => e.type === 'dc-ready').at(-1)!.detail).to.deep.equal({ dialogueId: 'hello' });
    await findByRole(el, 'textbox', 'Your work email?');
    history.back();
    await until(() => location.pathname === '/pricing', 'popstate');
    await findByRole(el, 'textbox', 'Your work email?');
  });

  it('the page-url attribute stands in for the location, and a hash change re-resolves', async () => {
    const flow = testFlow();
    flow.dialogues[0].audience = { pages: [{ match: 'contains', value: '/pricing' }] };
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter(), attrs: { 'page-url': 'https://shop.example/pricing' } });
    await findByRole(el, 'button', 'Open chat');
    el.setAttribute('page-url', 'https://shop.example/about');
    await until(() => byRole(el, 'button', 'Open chat') === null, 'the launcher to go');
    el.removeAttribute('page-url');
    const before = events.filter((e) => e.type === 'dc-ready').length;
    location.hash = '#pricing-section';
    await until(() => events.filter((e) => e.type === 'dc-ready').length > before, 'dc-ready after hashchange');
  });

  it('works on when storage throws (private mode, blocked cookies)', async () => {
    const local = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    const session = Object.getOwnPropertyDescriptor(window, 'sessionStorage')!;
    const refuse = { configurable: true, get() { throw new DOMException('denied', 'SecurityError'); } };
    Object.defineProperty(window, 'localStorage', refuse);
    Object.defineProperty(window, 'sessionStorage', refuse);
    try {
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error);
      window.addEventListener('error', onError);
      const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
      (await findByRole(el, 'button', 'Just looking')).click();
      await until(() => logLines(el).includes('Happy browsing!'), 'the dialogue to finish');
      window.removeEventListener('error', onError);
      expect(errors).to.deep.equal([]);
    } finally {
      Object.defineProperty(window, 'localStorage', local);
      Object.defineProperty(window, 'sessionStorage', session);
    }
  });
});
