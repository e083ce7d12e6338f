// The element used the way React 19 and Vue use it: properties set on every render with fresh
// objects, `open` set as a property, and `dc-ready` handlers that set state.
import { expect } from '@open-wc/testing';
import type { Flow, Lead } from '../../src/engine/types.js';
import { byRole, cleanPage, findByRole, logLines, RecordingAdapter, recordEvents, testFlow, until, type DynamicChat } from './element-helpers.js';

const LEAD: Lead = { firstName: 'Kim', company: { name: 'Acme', size: 40 } };

/** A widget wired before connection, as a framework renders it (lead and flow as properties). */
async function render(flow: Flow, lead: Lead = LEAD, setup?: (el: DynamicChat) => void) {
  const el = document.createElement('dynamic-chat');
  const events = recordEvents(el);
  el.lead = { ...lead };
  el.flow = flow;
  el.adapter = new RecordingAdapter();
  setup?.(el);
  document.body.append(el);
  await until(() => events.some((e) => e.type === 'dc-ready'), 'dc-ready');
  return { el, events };
}

const count = (events: Array<{ type: string }>, type: string) => events.filter((e) => e.type === type).length;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A flow with a second dialogue on /pricing-plans (higher priority), so a route change re-targets to another dialogue. */
function twoDialogues(frequency: 'once' | 'always' = 'always'): Flow {
  const flow = testFlow();
  flow.dialogues[0].frequency = frequency;
  flow.dialogues.push({
    id: 'plans', priority: 10, trigger: { on: 'load' }, start: 'hi',
    audience: { pages: [{ match: 'contains', value: '/pricing-plans' }] },
    cards: { hi: { type: 'end', text: 'Questions about plans?' } },
  });
  return flow;
}

describe('<dynamic-chat> in frameworks (React 19, Vue)', () => {
  const startUrl = location.href;
  afterEach(() => {
    cleanPage();
    history.replaceState(null, '', startUrl);
  });

  describe('open is a boolean property, as on <dialog>', () => {
    it('el.open = true opens the panel and el.open = false closes it; show() is the method', async () => {
      const { el, events } = await render(testFlow());
      await findByRole(el, 'button', 'Open chat');
      expect(el.open).to.equal(false);
      el.open = true;
      await findByRole(el, 'dialog', 'Ava');
      expect(el.hasAttribute('open')).to.equal(true);
      expect(count(events, 'dc-open')).to.equal(1);
      el.open = false;
      await until(() => byRole(el, 'dialog') === null, 'the panel to close');
      expect(el.hasAttribute('open')).to.equal(false);
      expect(count(events, 'dc-close')).to.equal(1);
      expect(typeof el.show).to.equal('function');
      await el.show();
      await findByRole(el, 'dialog', 'Ava');
      expect(el.open, 'the property follows the panel').to.equal(true);
    });

    it('open set as a property before the dialogue triggers opens the panel when it does', async () => {
      const flow = testFlow();
      flow.dialogues[0].trigger = { on: 'click', selector: '#talk' };
      const button = document.createElement('button');
      button.id = 'talk';
      document.body.append(button);
      try {
        const { el } = await render(flow, LEAD, (chat) => { chat.open = true; });
        await el.updateComplete;
        expect(byRole(el, 'dialog'), 'nothing has triggered yet').to.equal(null);
        expect(el.open).to.equal(true);
        button.click();
        await findByRole(el, 'dialog', 'Ava');
      } finally {
        button.remove();
      }
    });

    it('properties a framework set before the element was defined (open, lead, flow) are kept', async () => {
      // React and Vue may render the tag before the script defines it: the values land on a plain element.
      const el = document.createElement('late-dynamic-chat') as DynamicChat;
      const events = recordEvents(el);
      Object.assign(el, { open: true, lead: { ...LEAD }, flow: testFlow(), adapter: new RecordingAdapter() });
      document.body.append(el);
      customElements.define('late-dynamic-chat', class extends (customElements.get('dynamic-chat') as typeof HTMLElement) {});
      await findByRole(el, 'dialog', 'Ava');
      expect(el.open).to.equal(true);
      expect(el.hasAttribute('open')).to.equal(true);
      expect(count(events, 'dc-ready')).to.equal(1);
    });

    for (const how of ['property', 'attribute'] as const) {
      it(`<dynamic-chat open> (the ${how}) on the next page of a conversation closed on the last one opens the panel`, async () => {
        const first = await render(testFlow());
        await findByRole(first.el, 'button', 'Open chat');
        first.el.remove();
        // The next page view renders the tag with `open`; the saved conversation has its panel closed.
        const { el, events } = await render(testFlow(), LEAD, (chat) => {
          if (how === 'property') chat.open = true;
          else chat.setAttribute('open', '');
        });
        await findByRole(el, 'dialog', 'Ava');
        await el.updateComplete;
        expect({ attribute: el.hasAttribute('open'), property: el.open }).to.deep.equal({ attribute: true, property: true });
        expect(count(events, 'dc-open')).to.equal(1);
        expect(count(events, 'dc-dialogue-start'), 'the restored conversation goes on').to.equal(0);
      });
    }

    it('the launcher and Escape keep the property in step', async () => {
      const { el } = await render(testFlow());
      (await findByRole(el, 'button', 'Open chat')).click();
      await findByRole(el, 'dialog', 'Ava');
      await until(() => el.open, 'open to follow the launcher');
      (await findByRole(el, 'dialog', 'Ava')).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await until(() => !el.open && !el.hasAttribute('open'), 'open to follow Escape');
    });
  });

  describe('a lead or flow the host changed in place is a change', () => {
    /** The test flow plus a dialogue for visitors of the company Beta (higher priority, no trigger wait). */
    function betaFlow(): Flow {
      const flow = testFlow();
      flow.dialogues.push({
        id: 'beta', priority: 10, trigger: { on: 'load' }, start: 'hi', frequency: 'always',
        audience: { conditions: [{ field: 'company.name', op: 'equals', value: 'Beta' }] },
        cards: { hi: { type: 'end', text: 'Hi Beta' } },
      });
      return flow;
    }
    const readyIds = (events: Array<{ type: string; detail: unknown }>) =>
      events.filter((e) => e.type === 'dc-ready').map((e) => (e.detail as { dialogueId: string | null }).dialogueId);

    it('a lead whose company was renamed in place, then handed over as a fresh copy, re-targets', async () => {
      // `el.lead = { ...lead }` shares the nested company with the host, as identify() does.
      const lead: Lead = { company: { name: 'Acme' } };
      const { el, events } = await render(betaFlow(), lead);
      expect(readyIds(events)).to.deep.equal(['hello']);
      lead.company!.name = 'Beta';
      el.lead = { company: { ...lead.company } };
      await until(() => readyIds(events).includes('beta'), 'dc-ready for the Beta dialogue', 2000);
      expect(readyIds(events)).to.deep.equal(['hello', 'beta']);
    });

    it('the same lead object assigned again after a change in place re-targets; unchanged, it does not', async () => {
      const lead: Lead = { company: { name: 'Acme' } };
      const { el, events } = await render(betaFlow(), lead, (chat) => { chat.lead = lead; });
      el.lead = lead;
      await el.updateComplete;
      await pause(100);
      expect(readyIds(events), 'nothing changed').to.deep.equal(['hello']);
      lead.company!.name = 'Beta';
      el.lead = lead;
      await until(() => readyIds(events).includes('beta'), 'dc-ready for the Beta dialogue', 2000);
      expect(el.lead, 'the property holds what the host assigned').to.equal(lead);
    });

    it('a flow renamed in place, then handed over as a fresh copy, is loaded again', async () => {
      const flow = testFlow({ autoOpen: true });
      const { el } = await render(flow, LEAD, (chat) => { chat.flow = flow; });
      await findByRole(el, 'dialog', 'Ava');
      flow.settings!.botName = 'Max';
      el.flow = structuredClone(flow);
      await findByRole(el, 'dialog', 'Max');
    });
  });

  describe('a finished conversation survives re-renders', () => {
    for (const frequency of ['once', 'always'] as const) {
      it(`frequency "${frequency}": equal lead and flow objects change nothing; a new URL re-targets`, async () => {
        const flow = twoDialogues(frequency);
        const { el, events } = await render(structuredClone(flow));
        (await findByRole(el, 'button', 'Open chat')).click();
        (await findByRole(el, 'button', 'Just looking')).click();
        await until(() => el.state.status === 'completed', 'the dialogue to complete');
        await el.updateComplete;
        const transcript = logLines(el);
        expect(transcript.at(-1)).to.equal('Happy browsing!');
        const before = events.length;

        // What a parent re-rendering on the app's own dc-field / dc-dialogue-end handler does.
        for (let i = 0; i < 5; i++) {
          el.lead = { ...LEAD, company: { ...LEAD.company } };
          el.flow = structuredClone(flow);
          el.lead = new Proxy({ ...LEAD }, {}); // Vue hands over reactive proxies
          el.lead = { ...LEAD };
          await el.updateComplete;
          await pause(20);
        }
        await pause(150);
        expect(logLines(el), 'the transcript stays').to.deep.equal(transcript);
        expect(events.slice(before).map((e) => e.type), 'nothing is emitted').to.deep.equal([]);
        expect(byRole(el, 'dialog', 'Ava')).to.not.equal(null);

        // Nor does a real change of lead (a login) on the same URL, or a new adapter object.
        el.adapter = new RecordingAdapter();
        await pause(100);
        await findByRole(el, 'dialog', 'Ava');
        el.identify({ email: 'kim@acme.com' });
        await el.updateComplete;
        await pause(100);
        expect(logLines(el), 'the transcript stays after identify()').to.deep.equal(transcript);
        expect(count(events.slice(before), 'dc-dialogue-start')).to.equal(0);

        // A new page view re-targets, as before.
        history.pushState(null, '', '/pricing-plans');
        await until(() => count(events.slice(before), 'dc-ready') === 1, 'dc-ready on the new page');
        expect(events.slice(before).find((e) => e.type === 'dc-ready')!.detail).to.deep.equal({ dialogueId: 'plans' });
        await until(() => el.state.dialogueId === 'plans', 'the other dialogue to start');
        await until(() => logLines(el).includes('Questions about plans?'), 'the new dialogue on screen');
        expect(logLines(el)).to.not.include('Happy browsing!');
      });
    }

    it('a flow that really changes still replaces the flow, and plays afresh', async () => {
      const { el, events } = await render(testFlow({ botName: 'Ava', autoOpen: true }));
      (await findByRole(el, 'button', 'Just looking')).click();
      await until(() => el.state.status === 'completed', 'the dialogue to complete');
      el.flow = testFlow({ botName: 'Max', autoOpen: true });
      await findByRole(el, 'dialog', 'Max');
      await findByRole(el, 'button', 'Just looking');
      expect(logLines(el)).to.not.include('Happy browsing!');
      expect(count(events, 'dc-dialogue-start')).to.equal(2);
    });
  });

  describe('dc-ready fires once per page view', () => {
    for (const when of ['at once', 'in a microtask (Vue)', 'in a task (React)'] as const) {
      it(`a dc-ready handler that sets state ${when} gets one dc-ready, and one more on a new page`, async () => {
        const flow = twoDialogues();
        let readies = 0;
        const rerender = (el: DynamicChat) => {
          el.lead = { ...el.lead };
          el.flow = { ...flow };
          el.flow = structuredClone(flow);
        };
        const { el, events } = await render(flow, LEAD, (chat) => chat.addEventListener('dc-ready', () => {
          // Guarded so that a regression loops a few hundred times instead of freezing the tab.
          if (++readies > 200) return;
          if (when === 'at once') rerender(chat);
          else if (when === 'in a microtask (Vue)') queueMicrotask(() => rerender(chat));
          else setTimeout(() => rerender(chat));
        }));
        await pause(1000);
        expect(readies, 'dc-ready events in one second').to.equal(1);
        expect(count(events, 'dc-dialogue-start')).to.equal(1);
        await findByRole(el, 'button', 'Open chat');

        history.pushState(null, '', '/pricing-plans');
        await until(() => readies >= 2, 'dc-ready on the new page');
        await pause(500);
        expect(readies).to.equal(2);
        expect(events.filter((e) => e.type === 'dc-ready').map((e) => e.detail)).to.deep.equal([{ dialogueId: 'hello' }, { dialogueId: 'plans' }]);
      });
    }

    it('identify() fires dc-ready again only when the targeted dialogue changes', async () => {
      const flow = twoDialogues();
      flow.dialogues[1].audience = { visitor: 'known' };
      const { el, events } = await render(flow, {});
      expect(events.filter((e) => e.type === 'dc-ready').map((e) => e.detail)).to.deep.equal([{ dialogueId: 'hello' }]);
      el.identify({ firstName: 'Kim' });
      await el.updateComplete;
      await pause(100);
      expect(count(events, 'dc-ready'), 'the same result: no dc-ready').to.equal(1);
      el.identify({ email: 'kim@acme.com' });
      await until(() => count(events, 'dc-ready') === 2, 'dc-ready for the known visitor');
      expect(events.filter((e) => e.type === 'dc-ready')[1].detail).to.deep.equal({ dialogueId: 'plans' });
    });
  });
});
