import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { start, step } from '../../../src/engine/interpreter.js';
import type { Output, StepInput } from '../../../src/engine/state.js';
import type { Flow, Lead } from '../../../src/engine/types.js';
import { validateFlow } from '../../../src/engine/validate.js';

const flow = JSON.parse(readFileSync(new URL('../../../demo/flows/northwind.json', import.meta.url), 'utf8')) as Flow;
const now = new Date('2026-11-20T14:00:00Z');
const pricing = { url: 'https://www.northwind.example/pricing', path: '/pricing', referrer: '' };
const booking = { id: 'm1', agent: { id: 'kenji', name: 'Kenji Sato' }, start: '2026-11-25T10:00:00.000Z', end: '2026-11-25T10:30:00.000Z' };

function replay(dialogueId: string, inputs: StepInput[], lead?: Lead) {
  let result = start(flow, dialogueId, { lead, page: pricing }, now);
  const outputs: Output[] = [...result.outputs];
  for (const input of inputs) {
    result = step(result.state, input, now);
    outputs.push(...result.outputs);
  }
  const lines = result.state.transcript.map((e) => `${e.from === 'bot' ? 'bot' : 'you'}: ${e.text}`);
  return { state: result.state, outputs, lines };
}

describe('northwind replays', () => {
  it('is a valid flow', () => {
    expect(validateFlow(flow).ok).toBe(true);
  });

  it('anonymous pricing visitor: sales, a blocked then a good email, a small team', () => {
    const { state, outputs, lines } = replay('pricing-anonymous', [
      { type: 'choose', index: 0 },
      { type: 'submit', value: 'pat@competitor.example' },
      { type: 'submit', value: 'pat@smallco.example' },
      { type: 'choose', index: 0 },
    ]);
    expect(lines).toEqual([
      'bot: Hi there 👋 Comparing plans?',
      'bot: What would help most?',
      'you: Talk to sales',
      "bot: Great! What's your work email?",
      'you: pat@smallco.example',
      'bot: How big is your team?',
      'you: 1–10',
      'bot: Our Starter plan is built for teams like yours: see Starter.',
      "bot: Happy browsing! I'm here if you need me.",
    ]);
    expect(outputs).toContainEqual({ type: 'invalid', cardId: 'email', error: 'Please enter a valid work email.', value: 'pat@competitor.example' });
    expect(outputs.filter((o) => o.type === 'field')).toEqual([
      { type: 'field', cardId: 'need', field: 'chatInterest', value: 'sales' },
      { type: 'field', cardId: 'email', field: 'email', value: 'pat@smallco.example' },
      { type: 'field', cardId: 'size', field: 'companySize', value: 'small' },
    ]);
    const starter = state.transcript.find((e) => e.cardId === 'small-team')!;
    expect(starter.tree).toContainEqual({ type: 'link', href: 'https://northwind.example/pricing#starter', children: [{ type: 'text', text: 'see Starter' }] });
    expect(state).toMatchObject({ status: 'completed', engaged: true, answers: { need: 'sales', email: 'pat@smallco.example', size: 'small' } });
  });

  it('anonymous pricing visitor: enterprise, qualified goal, name, a booked meeting', () => {
    const { outputs, lines } = replay('pricing-anonymous', [
      { type: 'choose', index: 0 },
      { type: 'submit', value: 'lee@bigco.example' },
      { type: 'choose', index: 2 },
      { type: 'submit', value: 'Lee' },
      { type: 'booked', booking, timeZone: 'Europe/London', locale: 'en-GB' },
    ]);
    expect(outputs).toContainEqual({ type: 'goal', goal: 'Sales-qualified lead' });
    expect(outputs).toContainEqual({ type: 'requestSlots', cardId: 'meet', agentIds: ['maria', 'kenji', 'olu'], durationMinutes: 30, daysAhead: 14 });
    expect(outputs).toContainEqual({ type: 'meeting', cardId: 'meet', booking });
    expect(lines.slice(-4)).toEqual([
      'you: Lee',
      'bot: Pick a time for a 30-minute call with our team, Lee:',
      'bot: Booked with Kenji Sato: Wed 25 Nov, 10:00',
      "bot: You're all set — a calendar invite is on its way.",
    ]);
  });

  it('anonymous pricing visitor whose name is known: the name card is skipped; no slots leads to the fallback', () => {
    const { lines } = replay('pricing-anonymous', [
      { type: 'choose', index: 0 },
      { type: 'submit', value: 'kim@midco.example' },
      { type: 'choose', index: 1 },
      { type: 'noSlots' },
    ], { firstName: 'Kim' });
    expect(lines).not.toContain('bot: Who should we ask for?');
    expect(lines.slice(-3)).toEqual([
      'bot: Pick a time for a 30-minute call with our team, Kim:',
      "bot: Everyone is booked right now. We'll email you within one business day.",
      "bot: Happy browsing! I'm here if you need me.",
    ]);
  });

  it('anonymous pricing visitor who wants the docs: the link opens and the chat says goodbye', () => {
    const { outputs, state } = replay('pricing-anonymous', [{ type: 'choose', index: 1 }]);
    expect(outputs).toContainEqual({ type: 'openUrl', url: 'https://northwind.example/docs' });
    expect(state.answers.need).toBe('See the docs');
    expect(state.status).toBe('completed');
  });

  it.each([
    [500, 'Your account team can walk you through enterprise pricing.'],
    [12, 'Questions about upgrading? I can set up a quick call.'],
  ])('known lead with a company of %i people gets the right offer', (size, offer) => {
    const { lines, outputs } = replay('pricing-known', [], { email: 'sam@co.example', firstName: 'Sam', company: { size } });
    expect(lines).toEqual(['bot: Welcome back, Sam!', `bot: ${offer}`, 'bot: Choose a time:']);
    expect(outputs.at(-1)).toMatchObject({ type: 'requestSlots', agentIds: ['maria', 'kenji', 'olu'] });
  });

  it('blog reader who is already known signs up without being asked for an email', () => {
    const { outputs, lines } = replay('blog-newsletter', [{ type: 'choose', index: 0 }], { email: 'reader@home.example' });
    expect(outputs).toContainEqual({ type: 'goal', goal: 'Newsletter signup' });
    expect(lines).toEqual(['bot: Enjoying the article? Get one like it every month.', 'you: Sign me up', 'bot: Thanks for reading!']);
  });

  it('an engaged conversation survives sessionStorage (JSON) between every step', () => {
    const inputs: StepInput[] = [{ type: 'choose', index: 0 }, { type: 'submit', value: 'x@y.example' }, { type: 'choose', index: 1 }, { type: 'submit', value: 'Jo' }];
    let result = start(flow, 'pricing-anonymous', { page: pricing }, now);
    for (const input of inputs) result = step(JSON.parse(JSON.stringify(result.state)), input, now);
    expect(result.state.awaiting).toEqual({ kind: 'meeting', cardId: 'meet' });
    expect(result.state.lead).toEqual({ chatInterest: 'sales', email: 'x@y.example', companySize: 'mid', firstName: 'Jo' });
  });
});
