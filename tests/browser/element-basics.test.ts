import { expect } from '@open-wc/testing';
import { allByRole, byRole, cleanPage, findByRole, logLines, mount, nameOf, RecordingAdapter, testFlow, until } from './element-helpers.js';

describe('<dynamic-chat> bubble mode', () => {
  afterEach(cleanPage);

  for (const removedOn of ['dc-answer', 'dc-field'] as const) {
    it(`a page that hides the chat on ${removedOn} (removing it) still gets the email to the backend`, async () => {
      const adapter = new RecordingAdapter();
      const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
      (await findByRole(el, 'button', 'Talk to sales')).click();
      const box = await findByRole(el, 'textbox') as HTMLInputElement;
      el.addEventListener(removedOn, () => el.remove(), { once: true });
      box.value = 'jo@acme.com';
      box.dispatchEvent(new Event('input'));
      (await findByRole(el, 'button', 'Send')).click();
      await until(() => adapter.fields.some((f) => f.fields.email), 'the email at the adapter');
      expect(adapter.fields.map((f) => f.fields)).to.deep.equal([{ interest: 'sales' }, { email: 'jo@acme.com' }]);
      expect(events.filter((e) => e.type === 'dc-error')).to.deep.equal([]);
    });
  }

  it('shows a launcher and a poke with the first message, then opens the panel from the poke', async () => {
    const { el, events } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    expect(events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: 'hello' });
    const launcher = await findByRole(el, 'button', 'Open chat');
    const poke = await findByRole(el, 'button', /Hi there/);
    expect(byRole(el, 'dialog')).to.equal(null);
    poke.click();
    await findByRole(el, 'dialog', 'Ava');
    expect(nameOf(launcher), 'the launcher now closes the chat').to.equal('Close chat');
    expect(el.hasAttribute('open')).to.equal(true);
    expect(byRole(el, 'button', /Hi there/), 'the poke goes once the panel is open').to.equal(null);
    expect(logLines(el)[0]).to.equal('Hi there! See the docs.');
    expect(events.map((e) => e.type)).to.include.members(['dc-dialogue-start', 'dc-message', 'dc-open']);
  });

  it('the poke can be dismissed; it stays away after a reload', async () => {
    const flow = testFlow();
    const first = await mount({ flow, adapter: new RecordingAdapter() });
    await findByRole(first.el, 'button', /Hi there/);
    (await findByRole(first.el, 'button', 'Dismiss message')).click();
    await until(() => byRole(first.el, 'button', /Hi there/) === null, 'the poke to go');
    await until(() => first.el.shadowRoot!.activeElement === byRole(first.el, 'button', 'Open chat'), 'focus on the launcher');
    first.el.remove();
    const second = await mount({ flow, adapter: new RecordingAdapter() });
    await findByRole(second.el, 'button', 'Open chat');
    expect(byRole(second.el, 'button', /Hi there/)).to.equal(null);
  });

  it('opens from the launcher and closes with the "Close chat" button', async () => {
    const { el, events } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Open chat')).click();
    await findByRole(el, 'dialog', 'Ava');
    (await findByRole(el, 'button', 'Close chat')).click();
    await until(() => byRole(el, 'dialog') === null, 'the panel to close');
    expect(events.filter((e) => e.type === 'dc-close')).to.have.length(1);
    expect(el.shadowRoot!.activeElement).to.equal(byRole(el, 'button', 'Open chat'));
  });

  it('defers its work: nothing is loaded or resolved while the page is still connecting it', async () => {
    const el = document.createElement('dynamic-chat');
    let ready = false;
    el.addEventListener('dc-ready', () => { ready = true; });
    el.flow = testFlow();
    el.adapter = new RecordingAdapter();
    document.body.append(el);
    await el.updateComplete;
    expect(ready).to.equal(false);
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    await findByRole(el, 'button', 'Open chat');
  });

  it('reflects the panel state to the open attribute and follows it', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Open chat')).click();
    await findByRole(el, 'dialog', 'Ava');
    expect(el.hasAttribute('open')).to.equal(true);
    el.removeAttribute('open');
    await until(() => byRole(el, 'dialog') === null, 'closed by the attribute');
    el.setAttribute('open', '');
    await findByRole(el, 'dialog', 'Ava');
  });

  it('a new flow property replaces the flow, even while the first one is still loading', async () => {
    const el = document.createElement('dynamic-chat');
    el.adapter = new RecordingAdapter();
    el.setAttribute('flow', '/demo/flows/northwind.json');
    document.body.append(el);
    void el.show(); // starts loading the URL now
    el.flow = testFlow({ botName: 'Zed', autoOpen: true });
    await findByRole(el, 'dialog', 'Zed');
    el.flow = testFlow({ botName: 'Max', autoOpen: true });
    await findByRole(el, 'button', /^(Open|Close) chat$/);
    await el.show();
    await findByRole(el, 'dialog', 'Max');
  });

  it('renders markdown as elements, links opening in a new tab without opener', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(el, 'dialog', 'Ava');
    const log = await findByRole(el, 'log');
    const link = await until(() => log.querySelector('a'), 'a link');
    expect(link.textContent).to.equal('the docs');
    expect(link.getAttribute('href')).to.equal('https://example.com/docs');
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(log.querySelector('strong')!.textContent).to.equal('there');
  });

  it('never inserts flow text as HTML', async () => {
    const flow = testFlow({ autoOpen: true, botName: '<img src=x onerror=alert(1)>' });
    (flow.dialogues[0].cards.hi as { text: string }).text = '<b>bold?</b> <script>alert(1)</script>';
    const { el } = await mount({ flow, adapter: new RecordingAdapter() });
    await until(() => logLines(el).length > 0, 'a message');
    expect(logLines(el)[0]).to.equal('<b>bold?</b> <script>alert(1)</script>');
    expect(el.shadowRoot!.querySelector('b, script, img[src="x"]')).to.equal(null);
    expect(byRole(el, 'dialog', '<img src=x onerror=alert(1)>')).to.exist;
  });

  it('plays a choice: the answer shows as the visitor, is emitted, saved to its field and sent to the adapter', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
    (await findByRole(el, 'button', 'Just looking')).click();
    await until(() => logLines(el).includes('Happy browsing!'), 'the end message');
    expect(logLines(el)).to.deep.equal(['Hi there! See the docs.', 'What brings you here?', 'Just looking', 'Happy browsing!']);
    expect(events.find((e) => e.type === 'dc-answer')!.detail).to.deep.equal({ dialogueId: 'hello', cardId: 'ask', value: 'browsing', label: 'Just looking' });
    expect(events.find((e) => e.type === 'dc-field')!.detail).to.deep.equal({ dialogueId: 'hello', field: 'interest', value: 'browsing' });
    expect(events.find((e) => e.type === 'dc-dialogue-end')!.detail).to.deep.equal({ dialogueId: 'hello', reason: 'completed' });
    await until(() => adapter.fields.length === 1, 'submitFields');
    expect(adapter.fields[0]).to.include({ dialogueId: 'hello' });
    expect(adapter.fields[0].fields).to.deep.equal({ interest: 'browsing' });
    expect(adapter.events.map((e) => e.type)).to.deep.equal(['triggered', 'engaged', 'completed']);
    expect(el.state).to.include({ dialogueId: 'hello', status: 'completed' });
    expect(el.state.answers).to.deep.equal({ ask: 'browsing' });
    expect(allByRole(el, 'button', 'Just looking')).to.have.length(0);
  });

  it('opens a URL option in a new tab with noopener', async () => {
    const opened: unknown[][] = [];
    const original = window.open;
    window.open = ((...args: unknown[]) => { opened.push(args); return null; }) as typeof window.open;
    try {
      const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
      (await findByRole(el, 'button', 'Read the docs (opens in a new tab)')).click();
      expect(opened).to.deep.equal([['https://example.com/docs', '_blank', 'noopener']]);
    } finally {
      window.open = original;
    }
  });

  it('rejects an invalid email with the card error linked to the box, keeping the value', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
    (await findByRole(el, 'button', 'Talk to sales')).click();
    const box = await findByRole(el, 'textbox', 'Your work email?') as HTMLInputElement;
    expect(box.type).to.equal('email');
    box.value = 'not-an-email';
    box.dispatchEvent(new Event('input'));
    (await findByRole(el, 'button', 'Send')).click();
    const error = await until(() => el.shadowRoot!.getElementById(box.getAttribute('aria-describedby') ?? '-'), 'the linked error');
    expect(error.textContent).to.equal('Please enter a valid work email.');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    expect((byRole(el, 'textbox') as HTMLInputElement).value).to.equal('not-an-email');
    box.value = 'jo@acme.com';
    box.dispatchEvent(new Event('input'));
    (await findByRole(el, 'button', 'Send')).click();
    await until(() => logLines(el).includes('jo@acme.com'), 'the visitor line');
    expect(events.find((e) => e.type === 'dc-field' && (e.detail as { field: string }).field === 'email')).to.exist;
    await until(() => adapter.events.some((e) => e.type === 'acquired'), 'acquired');
  });

  it('shows "typing" in the log while the bot waits out the response delay', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true, responseDelayMs: 400 }), adapter: new RecordingAdapter() });
    const log = await findByRole(el, 'log');
    await until(() => log.textContent!.includes('typing'), 'the typing indicator');
    expect(logLines(el)).to.deep.equal([]);
    await until(() => logLines(el).length === 1, 'the first message');
    await until(() => byRole(el, 'button', 'Talk to sales'), 'the options after the second message');
    expect(log.textContent).not.to.include('typing');
  });

  it('offers "Jump to latest" when the visitor scrolled up', async () => {
    const flow = testFlow({ autoOpen: true });
    flow.dialogues[0].cards.hi = { type: 'message', text: Array.from({ length: 40 }, (_, i) => `Line ${i}`).join('\n'), next: 'ask' };
    const { el } = await mount({ flow, adapter: new RecordingAdapter() });
    await findByRole(el, 'button', 'Talk to sales');
    const log = el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight);
    log.scrollTo({ top: 0, behavior: 'instant' });
    log.dispatchEvent(new Event('scroll'));
    (await findByRole(el, 'button', 'Jump to latest')).click();
    await until(() => log.scrollHeight - log.scrollTop - log.clientHeight < 24, 'the log at the bottom');
    await until(() => byRole(el, 'button', 'Jump to latest') === null, 'the button to go');
  });

  it('shows the privacy link in the footer', async () => {
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    const link = await findByRole(el, 'link', 'Privacy');
    expect(link.getAttribute('href')).to.equal('https://example.com/privacy');
  });

  it('hides the launcher when nothing targets the page', async () => {
    const flow = testFlow();
    flow.dialogues[0].audience = { pages: [{ match: 'contains', value: '/nowhere' }] };
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    expect(events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: null });
    expect(byRole(el, 'button', 'Open chat')).to.equal(null);
    await el.start('hello');
    await findByRole(el, 'dialog', 'Ava');
    expect(allByRole(el, 'button', 'Close chat').length, 'start() forces the launcher (beside the panel\'s own "Close chat")').to.equal(2);
  });

  it('stays silent when the flow is switched off (settings.enabled false)', async () => {
    const { el, events } = await mount({ flow: testFlow({ enabled: false }), adapter: new RecordingAdapter() });
    expect(events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: null });
    expect(byRole(el, 'button', 'Open chat')).to.equal(null);
  });

  it('show(), close() and toggle() drive the panel and fire dc-open / dc-close', async () => {
    const flow = testFlow();
    flow.dialogues[0].trigger = { on: 'click', selector: '#never' };
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    expect(byRole(el, 'button', 'Open chat'), 'not triggered yet').to.equal(null);
    await el.show();
    await findByRole(el, 'dialog', 'Ava');
    await el.toggle();
    await until(() => byRole(el, 'dialog') === null, 'closed');
    await el.toggle();
    await findByRole(el, 'dialog', 'Ava');
    await el.close();
    await until(() => byRole(el, 'dialog') === null, 'closed again');
    expect(events.filter((e) => e.type === 'dc-open' || e.type === 'dc-close').map((e) => e.type))
      .to.deep.equal(['dc-open', 'dc-close', 'dc-open', 'dc-close']);
  });

  it('counts closing before the end as closed, once', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: testFlow({ autoOpen: true }), adapter });
    await findByRole(el, 'button', 'Talk to sales');
    await el.close();
    await el.show();
    await el.close();
    const ends = events.filter((e) => e.type === 'dc-dialogue-end').map((e) => e.detail);
    expect(ends).to.deep.equal([{ dialogueId: 'hello', reason: 'closed' }]);
    await until(() => adapter.events.some((e) => e.type === 'closed'), 'closed tracked');
    expect(adapter.events.filter((e) => e.type === 'closed')).to.have.length(1);
  });

  it('the open attribute opens the panel as soon as the dialogue triggers', async () => {
    const { el } = await mount({ flow: testFlow(), adapter: new RecordingAdapter(), attrs: { open: '' } });
    await findByRole(el, 'dialog', 'Ava');
  });

  it('identify() merges the lead and re-targets an unengaged visitor', async () => {
    const flow = testFlow();
    flow.dialogues[0].audience = { visitor: 'known' };
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    expect(events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: null });
    el.identify({ email: 'jo@acme.com', firstName: 'Jo' });
    await findByRole(el, 'button', 'Open chat');
    expect(events.filter((e) => e.type === 'dc-ready').at(-1)!.detail).to.deep.equal({ dialogueId: 'hello' });
  });

  it('reset() forgets the conversation and plays again', async () => {
    const flow = testFlow({ autoOpen: true });
    flow.dialogues[0].frequency = 'once';
    const { el } = await mount({ flow, adapter: new RecordingAdapter() });
    (await findByRole(el, 'button', 'Just looking')).click();
    await until(() => el.state.status === 'completed', 'completed');
    el.reset();
    await until(() => el.state.status === 'active', 'a fresh conversation');
    expect(el.state.answers).to.deep.equal({});
  });
});
