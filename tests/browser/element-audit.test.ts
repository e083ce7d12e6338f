// The promises users judge the widget on, checked through its public surface in real Chromium.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupWorker } from 'msw/browser';
import { localAdapter } from '../../src/adapters/local.js';
import type { Agent, Flow } from '../../src/engine/types.js';
import { createBackend } from '../mocks/handlers.js';
import { byRole, cleanPage, findByRole, logLines, mount, RecordingAdapter, testFlow, until, type DynamicChat } from './element-helpers.js';

// Its own endpoint: other test files share this origin's service worker.
const endpoint = '/api/element-audit';
const WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '23:30']]])) as Agent['weekly'];
const agents: Agent[] = [{ id: 'ana', name: 'Ana', timeZone: 'UTC', weekly: WEEK }, { id: 'ben', name: 'Ben', timeZone: 'UTC', weekly: WEEK }];
const backend = createBackend({ endpoint, agents, minNoticeHours: 1 });
const worker = setupWorker(...backend.handlers);

/** The test flow with agents the local adapter and the mock backend can schedule. */
function schedulableFlow(): Flow {
  const flow = testFlow({ autoOpen: true, meetings: { minNoticeHours: 1 } });
  flow.agents = agents;
  return flow;
}

/** Types into the input card as a person would (the value, then an input event). */
async function type(el: DynamicChat, text: string): Promise<HTMLInputElement> {
  const box = await findByRole(el, 'textbox') as HTMLInputElement;
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return box;
}

/** The report row of the local adapter the element wrote to (same localStorage). */
function reportRow(dialogueId: string) {
  return localAdapter({ agents }).report().find((row) => row.dialogueId === dialogueId);
}

describe('<dynamic-chat> audit: never loses a lead', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => backend.reset());
  afterEach(cleanPage);

  it('an email typed while the backend is down arrives exactly once after a reload and recovery', async () => {
    backend.setMode('down');
    const first = await mount({ flow: schedulableFlow(), attrs: { endpoint } });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    await type(first.el, 'jo@acme.com');
    (await findByRole(first.el, 'button', 'Send')).click();
    await until(() => backend.state.requests.some((r) => r.path === '/fields'), 'a failed attempt while down');
    expect(backend.state.fields).to.have.length(0);
    first.el.remove();

    backend.setMode('healthy');
    const second = await mount({ flow: schedulableFlow(), attrs: { endpoint } });
    await until(() => backend.state.fields.some((f) => f.fields.email === 'jo@acme.com'), 'the email at the backend', 8000);
    await until(() => backend.state.fields.some((f) => f.fields.interest === 'sales'), 'the interest at the backend', 8000);
    const emails = backend.state.fields.filter((f) => 'email' in f.fields);
    expect(emails, 'stored once').to.have.length(1);
    expect(backend.state.accepted.filter((k) => k === emails[0].key), 'accepted once under its key').to.have.length(1);
    const keys = backend.state.requests.filter((r) => r.path === '/fields' && r.mode === 'healthy').map((r) => r.key);
    expect(new Set(keys).size, 'no field sent twice after recovery').to.equal(keys.length);
    expect(keys.every((k) => typeof k === 'string' && k.length > 0), 'every write has an Idempotency-Key').to.equal(true);
    // The conversation itself resumed where the visitor was.
    await findByRole(second.el, 'button', /, \d{2}:\d{2}$/);
    // The events waited in the outbox too, and the reload added none.
    await until(() => backend.state.events.some((e) => e.type === 'acquired'), 'the events at the backend', 8000);
    const types = backend.state.events.map((e) => e.type).sort();
    expect(types).to.deep.equal(['acquired', 'engaged', 'triggered']);
  });

  it('without an endpoint, the email is in the local adapter exactly once across a reload', async () => {
    const first = await mount({ flow: schedulableFlow() });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    await type(first.el, 'jo@acme.com');
    (await findByRole(first.el, 'button', 'Send')).click();
    await findByRole(first.el, 'button', /, \d{2}:\d{2}$/);
    first.el.remove();
    const second = await mount({ flow: schedulableFlow() });
    await findByRole(second.el, 'button', /, \d{2}:\d{2}$/);
    const fields = localAdapter({ agents }).fields();
    expect(fields.filter((f) => f.fields.email === 'jo@acme.com')).to.have.length(1);
    expect(fields.filter((f) => f.fields.interest === 'sales')).to.have.length(1);
  });
});

/** Two input cards in a row, instant: a stray second send would land on the next card. */
function twoInputsFlow(): Flow {
  return {
    version: 1,
    settings: { botName: 'Ava', responseDelayMs: 0, autoOpen: true },
    agents: [],
    dialogues: [{
      id: 'form', trigger: { on: 'load' }, frequency: 'always', start: 'email',
      cards: {
        email: { type: 'input', kind: 'email', field: 'email', text: 'Your email?', next: 'name' },
        name: { type: 'input', kind: 'text', field: 'companyName', text: 'Your company?', next: 'pick' },
        pick: { type: 'choice', text: 'Size?', field: 'size', options: [{ label: 'Small', next: 'more' }, { label: 'Large', next: 'more' }] },
        more: { type: 'choice', text: 'Role?', field: 'role', options: [{ label: 'Engineer', next: 'bye' }, { label: 'Manager', next: 'bye' }] },
        bye: { type: 'end', text: 'Thanks!' },
      },
    }],
  };
}

function counts(events: Array<{ type: string }>, adapter: RecordingAdapter) {
  return {
    answers: events.filter((e) => e.type === 'dc-answer').length,
    fields: events.filter((e) => e.type === 'dc-field').length,
    submitted: adapter.fields.length,
  };
}

describe('<dynamic-chat> audit: nothing a visitor typed is lost or sent twice', () => {
  const startUrl = location.href;
  afterEach(() => {
    cleanPage();
    history.replaceState(null, '', startUrl);
  });

  it('text typed but not sent survives a reload', async () => {
    const first = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    await type(first.el, 'jo@acm');
    first.el.remove();
    const second = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    const box = await findByRole(second.el, 'textbox', 'Your email?') as HTMLInputElement;
    expect(box.value).to.equal('jo@acm');
  });

  it('text typed but not sent survives an SPA navigation', async () => {
    const { el } = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    await type(el, 'jo@acm');
    history.pushState(null, '', '/elsewhere');
    await el.updateComplete;
    const box = await findByRole(el, 'textbox', 'Your email?') as HTMLInputElement;
    expect(box.value).to.equal('jo@acm');
  });

  it('an invalid value stays in the box with its error after a reload; a newer draft wins over it', async () => {
    const first = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    await type(first.el, 'nope');
    (await findByRole(first.el, 'button', 'Send')).click();
    await until(() => byRole(first.el, 'textbox')?.getAttribute('aria-invalid') === 'true', 'the error');
    first.el.remove();
    const second = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    const box = await findByRole(second.el, 'textbox', 'Your email?') as HTMLInputElement;
    expect(box.value).to.equal('nope');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    await type(second.el, 'nope@acm');
    second.el.remove();
    const third = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    expect((await findByRole(third.el, 'textbox', 'Your email?') as HTMLInputElement).value).to.equal('nope@acm');
  });

  it('a sent value does not come back as a draft in the next card', async () => {
    const first = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    await type(first.el, 'jo@acme.com');
    (await findByRole(first.el, 'button', 'Send')).click();
    const box = await findByRole(first.el, 'textbox', 'Your company?') as HTMLInputElement;
    expect(box.value).to.equal('');
    first.el.remove();
    const second = await mount({ flow: twoInputsFlow(), adapter: new RecordingAdapter() });
    expect((await findByRole(second.el, 'textbox', 'Your company?') as HTMLInputElement).value).to.equal('');
  });

  it('a double click on Send sends once', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: twoInputsFlow(), adapter });
    await type(el, 'jo@acme.com');
    const send = await findByRole(el, 'button', 'Send');
    send.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 }));
    send.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 2 }));
    await findByRole(el, 'textbox', 'Your company?');
    await el.updateComplete;
    expect(counts(events, adapter)).to.deep.equal({ answers: 1, fields: 1, submitted: 1 });
    expect(byRole(el, 'textbox')!.getAttribute('aria-invalid'), 'no error on the next card').to.equal('false');
  });

  it('a double click on Send spread over two frames sends once and leaves the next card untouched', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: twoInputsFlow(), adapter });
    await type(el, 'jo@acme.com');
    const send = await findByRole(el, 'button', 'Send');
    send.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 }));
    await el.updateComplete;
    // The second click of the double click lands where Send was, now the next card's Send.
    byRole(el, 'button', 'Send')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 2 }));
    await el.updateComplete;
    expect(counts(events, adapter)).to.deep.equal({ answers: 1, fields: 1, submitted: 1 });
    expect(byRole(el, 'textbox', 'Your company?')!.getAttribute('aria-invalid'), 'no error on the next card').to.equal('false');
  });

  it('Enter then a click on Send sends once', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: twoInputsFlow(), adapter });
    await type(el, 'jo@acme.com');
    const form = el.shadowRoot!.querySelector('form')!;
    const send = await findByRole(el, 'button', 'Send');
    form.requestSubmit();
    send.click();
    await findByRole(el, 'textbox', 'Your company?');
    await el.updateComplete;
    expect(counts(events, adapter)).to.deep.equal({ answers: 1, fields: 1, submitted: 1 });
  });

  it('a fast double Enter sends once', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: twoInputsFlow(), adapter });
    await type(el, 'jo@acme.com');
    const form = el.shadowRoot!.querySelector('form')!;
    form.requestSubmit();
    form.requestSubmit();
    await findByRole(el, 'textbox', 'Your company?');
    await el.updateComplete;
    expect(counts(events, adapter)).to.deep.equal({ answers: 1, fields: 1, submitted: 1 });
  });

  it('Enter held down (key repeat) sends once and leaves the next card untouched', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: twoInputsFlow(), adapter });
    const box = await type(el, 'jo@acme.com');
    box.focus();
    await sendKeys({ down: 'Enter' });
    const next = await findByRole(el, 'textbox', 'Your company?');
    await until(() => el.shadowRoot!.activeElement === next, 'focus on the next card');
    await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    await el.updateComplete;
    expect(counts(events, adapter)).to.deep.equal({ answers: 1, fields: 1, submitted: 1 });
    expect(next.getAttribute('aria-invalid'), 'no error on the next card').to.equal('false');
  });

  it('a double click on an option picks once, not also an option of the next card', async () => {
    const adapter = new RecordingAdapter();
    const { el, events } = await mount({ flow: twoInputsFlow(), adapter });
    await type(el, 'jo@acme.com');
    (await findByRole(el, 'button', 'Send')).click();
    await type(el, 'Acme');
    (await findByRole(el, 'button', 'Send')).click();
    const small = await findByRole(el, 'button', 'Small');
    small.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 1 }));
    small.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 2 }));
    await el.updateComplete;
    byRole(el, 'button', 'Engineer')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, detail: 2 }));
    await el.updateComplete;
    await findByRole(el, 'button', 'Engineer');
    expect(counts(events, adapter)).to.deep.equal({ answers: 3, fields: 3, submitted: 3 });
  });
});

const PAYLOAD = '<img src=x onerror="window.__dcPwned=1"><script>window.__dcPwned=2</script>';

/** A flow with markup and script links in every text a site owner (or an attacker who got into the flow) controls. */
function hostileFlow(): Flow {
  return {
    version: 1,
    settings: {
      botName: `Ava ${PAYLOAD}`, responseDelayMs: 0, autoOpen: true,
      privacyUrl: 'https://example.com/privacy?<img src=x onerror=1>',
      avatarUrl: 'javascript:window.__dcPwned=4',
    },
    agents: [],
    dialogues: [{
      id: 'x', trigger: { on: 'load' }, frequency: 'always', start: 'hi',
      cards: {
        hi: { type: 'message', text: `Hi ${PAYLOAD} [<b>docs</b>](https://example.com/"><img src=x onerror=1>) <a href="javascript:alert(1)">a</a>`, next: 'ask' },
        ask: { type: 'input', kind: 'text', field: 'companyName', text: `Company ${PAYLOAD}?`, placeholder: `"><img src=x onerror="window.__dcPwned=6">`, next: 'echo' },
        echo: {
          type: 'choice', text: 'You said {{answers.ask}} and **{{lead.companyName}}**',
          options: [
            { label: `Go ${PAYLOAD}`, url: 'https://example.com/go', next: 'bye' },
            { label: `[x](javascript:window.__dcPwned=8)`, next: 'bye' },
          ],
        },
        bye: { type: 'end', text: `Bye ${PAYLOAD}` },
      },
    }],
  };
}

describe('<dynamic-chat> audit: nothing from a flow or a visitor is inserted as HTML', () => {
  afterEach(() => {
    cleanPage();
    delete (window as { __dcPwned?: number }).__dcPwned;
  });

  it('a flow with script links (privacy, option url, markdown) is refused with their paths, and shows nothing', async () => {
    const flow = hostileFlow();
    flow.settings!.privacyUrl = 'javascript:window.__dcPwned=3';
    const cards = flow.dialogues[0].cards;
    cards.hi = { type: 'message', text: 'Hi [click](javascript:window.__dcPwned=5)', next: 'ask' };
    (cards.echo as { options: Array<{ url?: string }> }).options[0].url = 'javascript:window.__dcPwned=7';
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    const error = events.find((e) => e.type === 'dc-error')?.detail as { code: string; errors: Array<{ path: string }> };
    expect(error.code).to.equal('invalid-flow');
    expect(error.errors.map((e) => e.path)).to.include.members(['/settings/privacyUrl', '/dialogues/0/cards/echo/options/0/url', '/dialogues/0/cards/hi/text']);
    expect(el.shadowRoot!.querySelectorAll('*')).to.have.length(0);
    expect((window as { __dcPwned?: number }).__dcPwned).to.equal(undefined);
  });

  it('markup in texts, labels, bot name, placeholder and answers stays text; bad link schemes are not links', async () => {
    const opened: string[] = [];
    const realOpen = window.open;
    window.open = ((url?: string | URL) => { opened.push(String(url)); return null; }) as typeof window.open;
    try {
      const adapter = new RecordingAdapter();
      const { el, events } = await mount({ flow: hostileFlow(), adapter });
      expect(events.filter((e) => e.type === 'dc-error'), 'the flow is accepted').to.deep.equal([]);
      const box = await findByRole(el, 'textbox');
      await type(el, `Acme ${PAYLOAD}`);
      (el.shadowRoot!.querySelector('.send') as HTMLElement).click();
      const go = await until(() => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.option')].find((b) => b.textContent!.includes('Go')), 'the options');
      expect(box.getAttribute('placeholder')).to.include('<img');
      expect(logLines(el).some((line) => line.includes(`You said Acme ${PAYLOAD}`)), 'the answer echoed as text').to.equal(true);
      go.click();
      await until(() => logLines(el).some((line) => line.startsWith('Bye')), 'the end');
      await new Promise((r) => setTimeout(r, 50));
      const root = el.shadowRoot!;
      expect(root.querySelectorAll('img, script, iframe, object, embed'), 'no element made from flow or visitor text').to.have.length(0);
      expect([...root.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => a.name.startsWith('on'))), 'no handler attributes').to.have.length(0);
      const hrefs = [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
      expect(hrefs.filter((h) => !/^(https?:|mailto:|tel:|blob:)/i.test(h)), 'no link with a bad scheme').to.deep.equal([]);
      expect(opened.filter((u) => /^\s*javascript:/i.test(u)), 'no script URL opened').to.deep.equal([]);
      expect(root.textContent, 'the markup is shown as text').to.include('<img src=x onerror=');
      expect((window as { __dcPwned?: number }).__dcPwned, 'no script ran').to.equal(undefined);
      expect(byRole(el, 'dialog')!.getAttribute('aria-label')).to.equal(`Ava ${PAYLOAD}`);
    } finally {
      window.open = realOpen;
    }
  });
});

const DC_EVENTS = ['dc-ready', 'dc-open', 'dc-close', 'dc-dialogue-start', 'dc-message', 'dc-answer', 'dc-field',
  'dc-goal', 'dc-meeting-booked', 'dc-dialogue-end', 'dc-error'];

/** The test flow with a goal between the email and the meeting. */
function goalFlow(): Flow {
  const flow = testFlow({ autoOpen: true });
  const cards = flow.dialogues[0].cards;
  cards.email = { ...cards.email, next: 'won' } as typeof cards.email;
  cards.won = { type: 'goal', name: 'lead', next: 'meet' };
  return flow;
}

describe('<dynamic-chat> audit: the dc-* event contract', () => {
  afterEach(cleanPage);

  it('events reach a listener on document, bubble, are composed, carry plain data, in a sensible order', async () => {
    const seen: Array<{ type: string; detail: unknown; bubbles: boolean; composed: boolean; target: EventTarget | null }> = [];
    const abort = new AbortController();
    for (const name of DC_EVENTS) {
      document.addEventListener(name, (e) => {
        const event = e as CustomEvent;
        seen.push({ type: name, detail: event.detail, bubbles: event.bubbles, composed: event.composed, target: event.target });
      }, { signal: abort.signal });
    }
    try {
      const parent = document.createElement('div');
      document.body.append(parent);
      const { el } = await mount({ flow: goalFlow(), adapter: new RecordingAdapter(), parent });
      (await findByRole(el, 'button', 'Talk to sales')).click();
      await type(el, 'jo@acme.com');
      (await findByRole(el, 'button', 'Send')).click();
      (await findByRole(el, 'button', /, \d{2}:\d{2}$/)).click();
      await until(() => seen.some((e) => e.type === 'dc-dialogue-end'), 'the end');
      parent.remove();

      expect(seen.every((e) => e.bubbles && e.composed), 'bubbles and composed').to.equal(true);
      expect(seen.every((e) => e.target === el), 'dispatched from the element').to.equal(true);
      for (const e of seen) {
        expect(JSON.parse(JSON.stringify(e.detail)), `${e.type} detail survives JSON`).to.deep.equal(e.detail);
        expect(Object.getPrototypeOf(e.detail), `${e.type} detail is a plain object`).to.equal(Object.prototype);
      }
      // dc-open comes whenever the panel opens; the dialogue's own events keep their order.
      const order = seen.map((e) => e.type).filter((t) => t !== 'dc-open').filter((t, i, all) => t !== all[i - 1]);
      expect(order).to.deep.equal([
        'dc-ready', 'dc-dialogue-start', 'dc-message', 'dc-answer', 'dc-field', 'dc-message',
        'dc-answer', 'dc-field', 'dc-goal', 'dc-message', 'dc-meeting-booked', 'dc-message', 'dc-dialogue-end',
      ]);
      expect(seen.filter((e) => e.type === 'dc-ready'), 'one dc-ready per page view').to.have.length(1);
      expect(seen.filter((e) => e.type === 'dc-dialogue-start' || e.type === 'dc-dialogue-end'), 'one start, one end').to.have.length(2);
      expect(seen.find((e) => e.type === 'dc-dialogue-end')!.detail).to.deep.equal({ dialogueId: 'hello', reason: 'completed' });
      expect(seen.find((e) => e.type === 'dc-goal')!.detail).to.deep.equal({ dialogueId: 'hello', goal: 'lead' });
      expect(seen.filter((e) => e.type === 'dc-field').map((e) => e.detail)).to.deep.equal([
        { dialogueId: 'hello', field: 'interest', value: 'sales' },
        { dialogueId: 'hello', field: 'email', value: 'jo@acme.com' },
      ]);
      expect(seen.filter((e) => e.type === 'dc-answer')[0].detail).to.deep.equal({ dialogueId: 'hello', cardId: 'ask', value: 'sales', label: 'Talk to sales' });
    } finally {
      abort.abort();
    }
  });

  it('a known lead set before connection gets one dc-ready; identify() re-targets, with no dc-ready when the result is the same', async () => {
    const readies: unknown[] = [];
    const onReady = (e: Event) => readies.push((e as CustomEvent).detail);
    document.addEventListener('dc-ready', onReady);
    try {
      const flow = testFlow();
      flow.dialogues[0].audience = { visitor: 'known' };
      const el = document.createElement('dynamic-chat');
      el.lead = { email: 'kim@acme.com' };
      el.flow = flow;
      el.adapter = new RecordingAdapter();
      document.body.append(el);
      await findByRole(el, 'button', 'Open chat');
      expect(readies).to.deep.equal([{ dialogueId: 'hello' }]);
      el.identify({ firstName: 'Kim' });
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readies, 'dc-ready again only when the result of targeting changes').to.deep.equal([{ dialogueId: 'hello' }]);
      el.identify({ email: '' });
      await until(() => readies.length === 2, 'dc-ready after identify() made the visitor anonymous');
      expect(readies[1]).to.deep.equal({ dialogueId: null });
    } finally {
      document.removeEventListener('dc-ready', onReady);
    }
  });

  it('dc-error details are plain data too', async () => {
    const errors: unknown[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent).detail);
    document.addEventListener('dc-error', onError);
    try {
      const bad = testFlow();
      bad.dialogues[0].start = 'nowhere';
      await mount({ flow: bad, adapter: new RecordingAdapter() });
      expect(errors).to.have.length(1);
      expect(JSON.parse(JSON.stringify(errors[0]))).to.deep.equal(errors[0]);
    } finally {
      document.removeEventListener('dc-error', onError);
    }
  });
});

/** A dialogue for known leads that only offers a meeting: booking is the visitor's first and only act. */
function bookOnlyFlow(): Flow {
  return {
    version: 1,
    settings: { botName: 'Ava', responseDelayMs: 0, autoOpen: true, meetings: { minNoticeHours: 1 } },
    agents,
    dialogues: [{
      id: 'book', trigger: { on: 'load' }, frequency: 'always', start: 'meet',
      audience: { visitor: 'known' },
      cards: {
        meet: { type: 'meeting', text: 'Pick a time, {{lead.firstName}}:', durationMinutes: 30, daysAhead: 7, next: 'done' },
        done: { type: 'end', text: 'See you then!' },
      },
    }],
  };
}

describe('<dynamic-chat> audit: metrics (contract §3)', () => {
  afterEach(cleanPage);

  it('engaged once on the first answer, acquired once on a valid email, a reload adds nothing', async () => {
    const first = await mount({ flow: schedulableFlow() });
    (await findByRole(first.el, 'button', 'Talk to sales')).click();
    await type(first.el, 'not-an-email');
    (await findByRole(first.el, 'button', 'Send')).click();
    await until(() => byRole(first.el, 'textbox')?.getAttribute('aria-invalid') === 'true', 'the error');
    expect(reportRow('hello')).to.include({ triggered: 1, engaged: 1, acquired: 0 });
    await type(first.el, 'jo@acme.com');
    (await findByRole(first.el, 'button', 'Send')).click();
    await findByRole(first.el, 'button', /, \d{2}:\d{2}$/);
    expect(reportRow('hello')).to.include({ triggered: 1, engaged: 1, acquired: 1, completed: 0 });
    first.el.remove();

    const second = await mount({ flow: schedulableFlow() });
    (await findByRole(second.el, 'button', /, \d{2}:\d{2}$/)).click();
    await until(() => logLines(second.el).includes('All set!'), 'booked');
    await until(() => reportRow('hello')?.completed === 1, 'completed');
    expect(reportRow('hello')).to.include({ triggered: 1, engaged: 1, acquired: 1, completed: 1, meetings: 1, engagementRate: 1, conversionRate: 1 });
    second.el.remove();
    await mount({ flow: schedulableFlow() });
    expect(reportRow('hello')).to.include({ triggered: 1, engaged: 1, acquired: 1, completed: 1, meetings: 1 });
  });

  it('a known lead who only books a meeting counts as engaged', async () => {
    const el = document.createElement('dynamic-chat');
    el.lead = { email: 'known@acme.com', firstName: 'Kim' };
    el.flow = bookOnlyFlow();
    document.body.append(el);
    (await findByRole(el, 'button', /, \d{2}:\d{2}$/)).click();
    await until(() => logLines(el).includes('See you then!'), 'booked');
    await until(() => reportRow('book')?.completed === 1, 'completed');
    expect(reportRow('book')).to.include({ triggered: 1, engaged: 1, completed: 1, meetings: 1, acquired: 0, engagementRate: 1, conversionRate: 1 });
  });
});

describe('<dynamic-chat> audit: landmarks on a page with its own header and footer', () => {
  afterEach(() => {
    cleanPage();
    for (const n of document.querySelectorAll('[data-audit-host]')) n.remove();
  });

  it('axe is clean on the whole page with the panel open', async () => {
    const header = Object.assign(document.createElement('header'), { textContent: 'Site header' });
    const main = Object.assign(document.createElement('main'), { innerHTML: '<h1>Shop</h1><p>Products</p>' });
    const footer = Object.assign(document.createElement('footer'), { textContent: 'Site footer' });
    for (const n of [header, main, footer]) n.setAttribute('data-audit-host', '');
    // A real page has these; axe checks them when it looks at the whole document.
    document.title = 'Shop';
    document.documentElement.lang = 'en';
    document.body.prepend(header, main);
    document.body.append(footer);
    const { el } = await mount({ flow: testFlow({ autoOpen: true }), adapter: new RecordingAdapter() });
    await findByRole(el, 'dialog', 'Ava');
    await findByRole(el, 'link', 'Privacy');
    for (const animation of el.shadowRoot!.getAnimations()) animation.finish();
    await expect(document).to.be.accessible();
  });
});

describe('<dynamic-chat> audit: settings the validator accepts are honoured', () => {
  afterEach(cleanPage);

  for (const privacyUrl of ['/privacy', 'mailto:privacy@acme.com']) {
    it(`a privacyUrl of ${privacyUrl} is shown as the privacy link`, async () => {
      const { el, events } = await mount({ flow: testFlow({ autoOpen: true, privacyUrl }), adapter: new RecordingAdapter() });
      expect(events.filter((e) => e.type === 'dc-error')).to.deep.equal([]);
      const link = await findByRole(el, 'link', 'Privacy');
      expect(link.getAttribute('href')).to.equal(privacyUrl);
    });
  }
});

/** Ends behind a response delay with a goal, so a reload can land while the bot is still "typing". */
function slowEndFlow(): Flow {
  return {
    version: 1,
    settings: { botName: 'Ava', responseDelayMs: 1500, autoOpen: true },
    agents: [],
    dialogues: [{
      id: 'slow', trigger: { on: 'load' }, frequency: 'once', start: 'ask',
      cards: {
        ask: { type: 'choice', text: 'Ready?', options: [{ label: 'Yes', next: 'thanks' }] },
        thanks: { type: 'message', text: 'Great, one moment.', next: 'won' },
        won: { type: 'goal', name: 'ready', next: 'bye' },
        bye: { type: 'end', text: 'Bye!' },
      },
    }],
  };
}

describe('<dynamic-chat> audit: a reload while the bot is typing', () => {
  afterEach(cleanPage);

  it('still plays the rest: the goal and the completion are tracked once, and a "once" dialogue stays done', async () => {
    const first = await mount({ flow: slowEndFlow() });
    (await until(() => byRole(first.el, 'button', 'Yes'), 'the option', 6000)).click();
    await until(() => first.el.shadowRoot!.querySelector('.typing'), 'the bot typing');
    first.el.remove();

    const second = await mount({ flow: slowEndFlow() });
    await until(() => logLines(second.el).includes('Bye!'), 'the end after the reload', 8000);
    await until(() => reportRow('slow')?.completed === 1, 'completed tracked', 4000);
    expect(reportRow('slow')).to.include({ triggered: 1, engaged: 1, goals: 1, completed: 1 });
    expect(second.events.filter((e) => e.type === 'dc-dialogue-end')).to.have.length(1);
    second.el.remove();

    const third = await mount({ flow: slowEndFlow() });
    expect(third.events.find((e) => e.type === 'dc-ready')!.detail, 'a completed "once" dialogue does not come back').to.deep.equal({ dialogueId: null });
    expect(reportRow('slow')).to.include({ goals: 1, completed: 1 });
  });

  it('an SPA navigation while the bot is typing its last messages does not cut them off', async () => {
    const startUrl = location.href;
    try {
      const { el, events } = await mount({ flow: slowEndFlow() });
      (await until(() => byRole(el, 'button', 'Yes'), 'the option', 6000)).click();
      await until(() => el.shadowRoot!.querySelector('.typing'), 'the bot typing');
      history.pushState(null, '', '/elsewhere');
      await until(() => logLines(el).includes('Bye!'), 'the end after the navigation', 8000);
      expect(events.filter((e) => e.type === 'dc-dialogue-end').map((e) => e.detail)).to.deep.equal([{ dialogueId: 'slow', reason: 'completed' }]);
      await until(() => reportRow('slow')?.completed === 1, 'completed tracked', 4000);
      expect(reportRow('slow')).to.include({ goals: 1, completed: 1 });
    } finally {
      history.replaceState(null, '', startUrl);
    }
  });
});
