import { expect } from '@open-wc/testing';
import { defineDynamicChat } from '../../src/page/define.js';
import { DynamicChat } from '../../src/page/dynamic-chat.js';
import { byRole, cleanPage, findByRole, mount, RecordingAdapter, testFlow, until } from './element-helpers.js';

type ErrorDetail = { code: string; message: string; errors?: Array<{ path: string; message: string }> };

function captureWarnings(): { warnings: unknown[][]; restore(): void } {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => { warnings.push(args); };
  return { warnings, restore: () => { console.warn = original; } };
}

describe('<dynamic-chat> errors', () => {
  let warn: ReturnType<typeof captureWarnings>;
  beforeEach(() => { warn = captureWarnings(); });
  afterEach(() => {
    warn.restore();
    cleanPage();
  });

  it('a host lead JSON cannot hold (BigInt, a parent pointer) still plays, and el.state stays readable after identify() with a Proxy and a method', async () => {
    const el = document.createElement('dynamic-chat');
    const company: Record<string, unknown> = { name: 'Acme', revenue: 10n };
    company.self = company;
    el.lead = { firstName: 'Jo', company };
    el.flow = testFlow({ autoOpen: true });
    el.adapter = new RecordingAdapter();
    document.body.append(el);
    await findByRole(el, 'button', 'Talk to sales');
    el.identify({ company: new Proxy({ name: 'Acme', size: 50 }, {}), greet: () => 'hi' });
    expect(el.state.lead.company).to.deep.equal({ name: 'Acme', size: 50 });
    expect(el.state.lead.firstName).to.equal('Jo');
  });

  it('an invalid flow: dc-error with every problem, a console warning, no launcher', async () => {
    const { el, events } = await mount({
      flow: { version: 1, dialogues: [{ id: 'x', start: 'missing', cards: { a: { type: 'message', text: 'Hi', next: 'nowhere' } } }] },
      adapter: new RecordingAdapter(),
    });
    const error = events.find((e) => e.type === 'dc-error')!.detail as ErrorDetail;
    expect(error.code).to.equal('invalid-flow');
    expect(error.errors!.length).to.be.greaterThan(1);
    expect(error.errors!.map((e) => e.path)).to.include('/dialogues/0/cards/a/next');
    expect(JSON.parse(JSON.stringify(error))).to.deep.equal(error);
    expect(warn.warnings.length).to.be.greaterThan(0);
    expect(events.some((e) => e.type === 'dc-ready')).to.equal(false);
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('a flow only the full validator refuses (an unknown agent, an unknown card type): dc-error with every problem when it would play, and nothing plays', async () => {
    const flow = testFlow();
    const cards = flow.dialogues[0].cards;
    (cards.meet as { agents?: string[] }).agents = ['nobody'];
    (cards.none as { type: string }).type = 'farewell';
    const { el, events } = await mount({ flow, adapter: new RecordingAdapter() });
    const error = await until(() => events.find((e) => e.type === 'dc-error')?.detail as ErrorDetail | undefined, 'dc-error');
    expect(error.code).to.equal('invalid-flow');
    const paths = error.errors!.map((e) => e.path);
    expect(paths.some((p) => p.startsWith('/dialogues/0/cards/meet/agents')), paths.join(' ')).to.equal(true);
    expect(paths.some((p) => p.startsWith('/dialogues/0/cards/none')), paths.join(' ')).to.equal(true);
    await el.show();
    expect(events.some((e) => e.type === 'dc-dialogue-start')).to.equal(false);
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('a flow URL that 404s: dc-error flow-load-failed, nothing shown', async () => {
    const { el, events } = await mount({ flow: '/no-such-flow.json', adapter: new RecordingAdapter() });
    const error = events.find((e) => e.type === 'dc-error')!.detail as ErrorDetail;
    expect(error.code).to.equal('flow-load-failed');
    expect(error.message).to.include('404');
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('a flow URL that is not JSON: dc-error flow-load-failed', async () => {
    const { events } = await mount({ flow: '/web-test-runner.config.mjs', adapter: new RecordingAdapter() });
    expect((events.find((e) => e.type === 'dc-error')!.detail as ErrorDetail).code).to.equal('flow-load-failed');
  });

  it('loads a flow from a URL and from a <script type="application/json"> by #id', async () => {
    const fromUrl = await mount({ flow: '/demo/flows/northwind.json', adapter: new RecordingAdapter() });
    expect(fromUrl.events.some((e) => e.type === 'dc-ready')).to.equal(true);
    fromUrl.el.remove();

    const script = document.createElement('script');
    script.type = 'application/json';
    script.id = 'my-flow';
    script.textContent = JSON.stringify(testFlow());
    document.body.append(script);
    try {
      const fromId = await mount({ flow: '#my-flow', adapter: new RecordingAdapter() });
      expect(fromId.events.find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: 'hello' });
      await findByRole(fromId.el, 'button', 'Open chat');
    } finally {
      script.remove();
    }
  });

  it('an adapter without a required method: dc-error adapter-invalid, no launcher', async () => {
    const broken = { submitFields: async () => undefined, track: async () => undefined } as unknown as RecordingAdapter;
    const { el, events } = await mount({ flow: testFlow(), adapter: broken });
    const error = events.find((e) => e.type === 'dc-error')!.detail as ErrorDetail;
    expect(error.code).to.equal('adapter-invalid');
    expect(error.message).to.include('findSlots');
    expect(byRole(el, 'button', 'Open chat')).to.equal(null);
  });

  it('errors the adapter reports in the background surface as dc-error', async () => {
    let report: ((e: { code: string; message: string }) => void) | undefined;
    const adapter = Object.assign(new RecordingAdapter(), {
      onError(listener: (e: { code: string; message: string }) => void) {
        report = listener;
        return () => { report = undefined; };
      },
    });
    const { el, events } = await mount({ flow: testFlow(), adapter });
    report!({ code: 'outbox-dropped', message: 'The server refused an event (422).' });
    expect(events.find((e) => e.type === 'dc-error')!.detail).to.deep.equal({ code: 'outbox-dropped', message: 'The server refused an event (422).' });
    el.remove();
    expect(report, 'unsubscribed on disconnect').to.equal(undefined);
  });

  it('an adapter call that rejects never throws into the page', async () => {
    const adapter = new RecordingAdapter();
    adapter.track = async () => { throw new Error('network down'); };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => unhandled.push(e.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    const { events } = await mount({ flow: testFlow(), adapter });
    await new Promise((r) => setTimeout(r, 50));
    window.removeEventListener('unhandledrejection', onUnhandled);
    expect(unhandled).to.deep.equal([]);
    expect((events.find((e) => e.type === 'dc-error')!.detail as ErrorDetail).code).to.equal('adapter-failed');
  });

  it('defineDynamicChat() tolerates double registration and warns once when the tag is taken', () => {
    defineDynamicChat();
    expect(customElements.get('dynamic-chat')).to.equal(DynamicChat);
    expect(warn.warnings).to.have.length(0);
    customElements.define('dc-taken', class extends HTMLElement {});
    defineDynamicChat('dc-taken');
    defineDynamicChat('dc-taken');
    expect(warn.warnings).to.have.length(1);
  });
});
