import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import type { Agent } from '../../src/engine/types.js';
import { createBackend } from '../mocks/handlers.js';
import { bookThroughSales, cleanPage, mount, testFlow, until } from './element-helpers.js';

// Its own endpoint: other test files share this origin's storage and service worker.
const endpoint = '/api/element-test';
const WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '23:30']]])) as Agent['weekly'];
const agents: Agent[] = [{ id: 'ana', name: 'Ana', timeZone: 'UTC', weekly: WEEK }, { id: 'ben', name: 'Ben', timeZone: 'UTC', weekly: WEEK }];
const backend = createBackend({ endpoint, agents, minNoticeHours: 1 });
const worker = setupWorker(...backend.handlers);

describe('<dynamic-chat endpoint> with the built-in HTTP adapter', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  beforeEach(() => backend.reset());
  afterEach(cleanPage);

  it('sends fields and events to the endpoint and books a meeting through it', async () => {
    const flow = testFlow({ autoOpen: true });
    flow.agents = agents;
    const { el } = await mount({ flow, attrs: { endpoint } });
    await bookThroughSales(el);
    await until(() => backend.state.fields.length >= 2, 'the fields at the backend', 8000);
    expect(backend.state.fields.flatMap((f) => Object.keys(f.fields))).to.include.members(['interest', 'email']);
    await until(() => backend.state.events.some((e) => e.type === 'meeting'), 'the meeting event at the backend', 8000);
    expect(backend.state.requests.some((r) => r.method === 'GET' && r.path === '/slots')).to.equal(true);
    expect(backend.state.requests.some((r) => r.method === 'POST' && r.path === '/meetings')).to.equal(true);
    expect(backend.calendar.meetings().length).to.equal(1);
  });
});
