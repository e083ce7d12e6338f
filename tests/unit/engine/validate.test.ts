import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../src/engine/validate.js';
import type { FlowProblem } from '../../../src/engine/types.js';

const source = readFileSync(new URL('../../fixtures/northwind.json', import.meta.url), 'utf8');

function northwind(): any {
  return JSON.parse(source);
}

function problemsOf(doc: unknown): FlowProblem[] {
  const result = validateFlow(doc);
  return result.ok ? result.warnings : result.errors;
}

function broken(change: (f: any) => void): FlowProblem[] {
  const doc = northwind();
  change(doc);
  const result = validateFlow(doc);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** [rule, change, path, words the message must hold] */
const errors: Array<[string, (f: any) => void, string, RegExp]> = [
  ['version must be 1', (f) => { f.version = 2; }, '/version', /version 2.*version 1/],
  ['version is required', (f) => { delete f.version; }, '/version', /needs "version": 1/],
  ['settings must be an object', (f) => { f.settings = 'x'; }, '/settings', /must be an object/],
  ['responseDelayMs must be a number', (f) => { f.settings.responseDelayMs = '900'; }, '/settings/responseDelayMs', /must be a number, not text/],
  ['responseDelayMs at most 10 s', (f) => { f.settings.responseDelayMs = 900000; }, '/settings/responseDelayMs', /between 0 and 10000/],
  ['locale must be a language tag', (f) => { f.settings.locale = 'english please'; }, '/settings/locale', /language tag/],
  ['privacyUrl must be a web link', (f) => { f.settings.privacyUrl = 'javascript:alert(1)'; }, '/settings/privacyUrl', /must start with https:\/\//],
  ['named colors are refused', (f) => { f.settings.theme.primaryColor = 'red'; }, '/settings/theme/primaryColor', /#rrggbb.*"red"/],
  ['a color cannot carry CSS', (f) => { f.settings.theme.textColor = '#fff;background:red'; }, '/settings/theme/textColor', /must be a color/],
  ['#gggggg is not a color', (f) => { f.settings.theme.botBubbleColor = '#gggggg'; }, '/settings/theme/botBubbleColor', /must be a color/],
  ['position is bottom-right or bottom-left', (f) => { f.settings.theme.position = 'top'; }, '/settings/theme/position', /bottom-right, bottom-left/],
  ['radius is not negative', (f) => { f.settings.theme.radius = -2; }, '/settings/theme/radius', /at least 0/],
  ['at most 50 blocked domains', (f) => { f.settings.blockedEmailDomains = Array.from({ length: 51 }, (_, i) => `c${i}.com`); }, '/settings/blockedEmailDomains', /at most 50.*51/],
  ['a blocked domain is a domain', (f) => { f.settings.blockedEmailDomains = ['ok.com', 'nope']; }, '/settings/blockedEmailDomains/1', /look like competitor\.com/],
  ['meeting settings are numbers', (f) => { f.settings.meetings.minNoticeHours = 'a day'; }, '/settings/meetings/minNoticeHours', /must be a number/],
  ['agents must be a list', (f) => { f.agents = {}; }, '/agents', /must be a list/],
  ['an agent needs a name', (f) => { delete f.agents[1].name; }, '/agents/1/name', /Agent "kenji" needs "name"/],
  ['agent ids are unique', (f) => { f.agents[2].id = 'maria'; }, '/agents/2/id', /Two agents share the id "maria"/],
  ['an agent time zone must exist', (f) => { f.agents[0].timeZone = 'Europe/Atlantis'; }, '/agents/0/timeZone', /not a time zone/],
  ['weekly hours use day keys', (f) => { f.agents[0].weekly = { monday: [['09:00', '12:00']] }; }, '/agents/0/weekly/monday', /days mon, tue/],
  ['weekly hours are HH:MM pairs', (f) => { f.agents[0].weekly.tue = [['9', '17']]; }, '/agents/0/weekly/tue/0', /24-hour times/],
  ['weekly hours end after they start', (f) => { f.agents[0].weekly.tue = [['17:00', '09:00']]; }, '/agents/0/weekly/tue/0', /ends before it starts/],
  ['dialogues are required', (f) => { delete f.dialogues; }, '/dialogues', /needs "dialogues"/],
  ['a dialogue is an object', (f) => { f.dialogues.push('hello'); }, '/dialogues/3', /must be an object/],
  ['a dialogue needs an id', (f) => { delete f.dialogues[2].id; }, '/dialogues/2/id', /needs "id"/],
  ['dialogue ids are unique', (f) => { f.dialogues[2].id = 'pricing-known'; }, '/dialogues/2/id', /Two dialogues share the id "pricing-known" \(also \/dialogues\/1\)/],
  ['priority is a number', (f) => { f.dialogues[0].priority = 'high'; }, '/dialogues/0/priority', /must be a number/],
  ['frequency is once, session or always', (f) => { f.dialogues[0].frequency = 'daily'; }, '/dialogues/0/frequency', /once, session, always/],
  ['start is required', (f) => { delete f.dialogues[0].start; }, '/dialogues/0/start', /needs "start"/],
  ['start must name a card', (f) => { f.dialogues[0].start = 'hello'; }, '/dialogues/0/start', /starts at "hello".*no card/],
  ['cards are required', (f) => { delete f.dialogues[0].cards; }, '/dialogues/0/cards', /needs "cards"/],
  ['a card is an object', (f) => { f.dialogues[0].cards.hi = 'Hello!'; }, '/dialogues/0/cards/hi', /must be an object/],
  ['a card type is known', (f) => { f.dialogues[0].cards.hi.type = 'video'; }, '/dialogues/0/cards/hi/type', /one of message, choice, input, meeting, branch, goal, end, not "video"/],
  ['a message needs text', (f) => { delete f.dialogues[0].cards.hi.text; }, '/dialogues/0/cards/hi/text', /Card "hi" needs "text"/],
  ['next must name a card', (f) => { f.dialogues[0].cards.hi.next = 'ned'; }, '/dialogues/0/cards/hi/next', /leads to "ned".*no card with that id/],
  ['an option next must name a card', (f) => { f.dialogues[0].cards.need.options[1].next = 'ltr'; }, '/dialogues/0/cards/need/options/1/next', /leads to "ltr"/],
  ['otherwise must name a card', (f) => { f.dialogues[1].cards.route.otherwise = 'nowhere'; }, '/dialogues/1/cards/route/otherwise', /leads to "nowhere"/],
  ['a rule next must name a card', (f) => { f.dialogues[1].cards.route.rules[0].next = 'big'; }, '/dialogues/1/cards/route/rules/0/next', /leads to "big"/],
  ['fallback must name a card', (f) => { f.dialogues[0].cards.meet.fallback = 'sorry'; }, '/dialogues/0/cards/meet/fallback', /leads to "sorry"/],
  ['a choice has options', (f) => { f.dialogues[0].cards.need.options = []; }, '/dialogues/0/cards/need/options', /no options/],
  ['an option has a label', (f) => { f.dialogues[0].cards.need.options[0].label = ''; }, '/dialogues/0/cards/need/options/0/label', /must not be empty/],
  ['an option url is a web link', (f) => { f.dialogues[0].cards.need.options[1].url = 'javascript:alert(1)'; }, '/dialogues/0/cards/need/options/1/url', /must start with https:\/\//],
  ['an input needs a field', (f) => { delete f.dialogues[0].cards.email.field; }, '/dialogues/0/cards/email/field', /Card "email" needs "field"/],
  ['an input kind is known', (f) => { f.dialogues[0].cards.email.kind = 'zip'; }, '/dialogues/0/cards/email/kind', /text, email, phone, name, number, url/],
  ['a field is not "company"', (f) => { f.dialogues[0].cards.email.field = 'company'; }, '/dialogues/0/cards/email/field', /cannot be a lead field/],
  ['required is true or false', (f) => { f.dialogues[0].cards.email.required = 'yes'; }, '/dialogues/0/cards/email/required', /true or false/],
  ['a meeting has a duration', (f) => { delete f.dialogues[0].cards.meet.durationMinutes; }, '/dialogues/0/cards/meet/durationMinutes', /needs "durationMinutes"/],
  ['a meeting duration is whole minutes', (f) => { f.dialogues[0].cards.meet.durationMinutes = 30.5; }, '/dialogues/0/cards/meet/durationMinutes', /whole number/],
  ['a meeting names known agents', (f) => { f.dialogues[0].cards.meet.agents = ['maria', 'zed']; }, '/dialogues/0/cards/meet/agents/1', /agent "zed".*no agent with that id/],
  ['a meeting needs agents in the flow', (f) => { delete f.agents; }, '/dialogues/0/cards/meet', /flow has no agents/],
  ['a meeting agents list is not empty', (f) => { f.dialogues[0].cards.meet.agents = []; }, '/dialogues/0/cards/meet/agents', /nobody could take the meeting/],
  ['a branch has rules', (f) => { delete f.dialogues[1].cards.route.rules; }, '/dialogues/1/cards/route/rules', /needs "rules"/],
  ['a branch has otherwise', (f) => { delete f.dialogues[1].cards.route.otherwise; }, '/dialogues/1/cards/route/otherwise', /needs "otherwise"/],
  ['a rule has when', (f) => { delete f.dialogues[1].cards.route.rules[0].when; }, '/dialogues/1/cards/route/rules/0/when', /needs "when"/],
  ['a condition operator is known', (f) => { f.dialogues[1].cards.route.rules[0].when[0].op = 'greaterThan'; }, '/dialogues/1/cards/route/rules/0/when/0/op', /equals, notEquals.*not "greaterThan"/],
  ['a condition field has a known root', (f) => { f.dialogues[1].cards.route.rules[0].when[0].field = 'size'; }, '/dialogues/1/cards/route/rules/0/when/0/field', /must start with lead\., company\. or answers\./],
  ['answers.<card> names a card', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'answers.nope', op: 'isNotEmpty' }; }, '/dialogues/1/cards/route/rules/0/when/0/field', /card "nope".*no such card/],
  ['gt compares numbers', (f) => { f.dialogues[1].cards.route.rules[0].when[0].value = 'large'; }, '/dialogues/1/cards/route/rules/0/when/0/value', /compares numbers/],
  ['in takes a list', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'company.size', op: 'in', value: 200 }; }, '/dialogues/1/cards/route/rules/0/when/0/value', /needs a list/],
  ['equals needs a value', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'company.size', op: 'equals' }; }, '/dialogues/1/cards/route/rules/0/when/0/value', /needs a "value"/],
  ['a condition matches a valid RegExp', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'lead.email', op: 'matches', value: '([a-z' }; }, '/dialogues/1/cards/route/rules/0/when/0/value', /not a valid regular expression/],
  ['a goal has a name', (f) => { f.dialogues[0].cards.qualified.name = ''; }, '/dialogues/0/cards/qualified/name', /must not be empty/],
  ['a page operator is known', (f) => { f.dialogues[0].audience.pages[0].match = 'like'; }, '/dialogues/0/audience/pages/0/match', /equals, contains, startsWith, endsWith, matches, glob, param/],
  ['a page rule has a value', (f) => { delete f.dialogues[0].audience.pages[0].value; }, '/dialogues/0/audience/pages/0/value', /needs "value"/],
  ['a param rule has a name', (f) => { f.dialogues[0].audience.pages[0] = { match: 'param', value: 'ads' }; }, '/dialogues/0/audience/pages/0/name', /needs "name"/],
  ['a page matches a valid RegExp', (f) => { f.dialogues[0].audience.excludePages = [{ match: 'matches', value: '*admin' }]; }, '/dialogues/0/audience/excludePages/0/value', /not a valid regular expression/],
  ['visitor is anonymous, known or any', (f) => { f.dialogues[0].audience.visitor = 'new'; }, '/dialogues/0/audience/visitor', /anonymous, known, any/],
  ['devices are desktop or mobile', (f) => { f.dialogues[2].audience.devices = ['desktop', 'tv']; }, '/dialogues/2/audience/devices/1', /desktop or mobile, not "tv"/],
  ['an audience condition is checked too', (f) => { f.dialogues[0].audience.conditions = [{ field: 'company.industry', op: 'like', value: 'x' }]; }, '/dialogues/0/audience/conditions/0/op', /not "like"/],
  ['schedule days are 1 to 7', (f) => { f.dialogues[0].audience.schedule = { days: [0, 1] }; }, '/dialogues/0/audience/schedule/days/0', /1 \(Monday\) to 7 \(Sunday\), not 0/],
  ['schedule hours are HH:MM', (f) => { f.dialogues[0].audience.schedule = { hours: ['9:00', '18:00'] }; }, '/dialogues/0/audience/schedule/hours', /24-hour times/],
  ['schedule hours are not 24:60', (f) => { f.dialogues[0].audience.schedule = { hours: ['09:00', '24:60'] }; }, '/dialogues/0/audience/schedule/hours', /24-hour times/],
  ['a schedule time zone exists', (f) => { f.dialogues[0].audience.schedule = { timeZone: 'CET+1' }; }, '/dialogues/0/audience/schedule/timeZone', /not a time zone/],
  ['schedule dates are YYYY-MM-DD', (f) => { f.dialogues[0].audience.schedule = { from: '2026-13-01' }; }, '/dialogues/0/audience/schedule/from', /YYYY-MM-DD/],
  ['a schedule ends after it starts', (f) => { f.dialogues[0].audience.schedule = { from: '2026-06-01', until: '2026-01-01' }; }, '/dialogues/0/audience/schedule/until', /ends \(2026-01-01\) before it starts/],
  ['a trigger is known', (f) => { f.dialogues[0].trigger = { on: 'hover' }; }, '/dialogues/0/trigger/on', /load, timeOnPage.*not "hover"/],
  ['timeOnPage needs seconds', (f) => { f.dialogues[0].trigger = { on: 'timeOnPage' }; }, '/dialogues/0/trigger/seconds', /needs "seconds"/],
  ['idle seconds are not negative', (f) => { f.dialogues[0].trigger = { on: 'idle', seconds: -5 }; }, '/dialogues/0/trigger/seconds', /at least 0/],
  ['scroll percent is 0 to 100', (f) => { f.dialogues[0].trigger = { on: 'scroll', percent: 120 }; }, '/dialogues/0/trigger/percent', /between 0 and 100/],
  ['click needs a selector', (f) => { f.dialogues[0].trigger = { on: 'click', selector: '' }; }, '/dialogues/0/trigger/selector', /must not be empty/],
  ['a silent loop would spin forever', (f) => { f.dialogues[1].cards.offer.next = 'welcome'; }, '/dialogues/1/cards/welcome', /"welcome" → "route" → "offer" loop without asking/],
  ['a card linking to itself spins forever', (f) => { f.dialogues[0].cards.qualified.next = 'qualified'; }, '/dialogues/0/cards/qualified', /"qualified" loop/],
];

describe('validateFlow: every rule, with its path', () => {
  it('accepts the northwind example with no warnings', () => {
    expect(validateFlow(northwind())).toEqual({ ok: true, flow: northwind(), warnings: [] });
  });

  it.each(errors)('%s', (_rule, change, path, words) => {
    const found = broken(change).filter((p) => p.path === path && p.level === 'error');
    expect(found.map((p) => p.message).join('\n')).toMatch(words);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = broken((f) => {
      f.version = 3;
      f.settings.theme.primaryColor = 'blue';
      f.dialogues[0].cards.hi.next = 'x';
      f.dialogues[1].cards.route.rules[0].when[0].op = 'bigger';
      f.dialogues[2].trigger = { on: 'never' };
    });
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([
      '/version', '/settings/theme/primaryColor', '/dialogues/0/cards/hi/next',
      '/dialogues/1/cards/route/rules/0/when/0/op', '/dialogues/2/trigger/on',
    ]));
  });

  it('escapes / and ~ in card ids as JSON pointers do', () => {
    const problems = broken((f) => { f.dialogues[2].cards['a/b~c'] = { type: 'message', text: 'x', next: 'nope' }; });
    expect(problems.some((p) => p.path === '/dialogues/2/cards/a~1b~0c/next')).toBe(true);
  });

  it('treats card ids like "constructor" as ordinary ids, not inherited properties', () => {
    const problems = broken((f) => { f.dialogues[2].cards.goal.next = 'constructor'; });
    expect(problems.find((p) => p.path === '/dialogues/2/cards/goal/next')?.message).toMatch(/no card with that id/);
  });
});

describe('validateFlow: warnings', () => {
  it('reports unreachable cards as warnings that keep a flow valid', () => {
    const doc = northwind();
    doc.dialogues[2].cards.orphan = { type: 'message', text: 'Nobody sees me' };
    const result = validateFlow(doc);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([{
      path: '/dialogues/2/cards/orphan', level: 'warning',
      message: 'Card "orphan" can never be reached: no path from the start card "ask" leads to it.',
    }]);
  });

  it('keeps warnings among the errors when the flow is invalid', () => {
    const problems = broken((f) => {
      f.typo = true;
      f.dialogues[2].cards.orphan = { type: 'message', text: 'x' };
      f.dialogues[2].cards.bye.type = 'farewell';
    });
    expect(problems.find((p) => p.path === '/dialogues/2/cards/orphan')?.level).toBe('warning');
    expect(problems.find((p) => p.path === '/dialogues/2/cards/bye/type')?.level).toBe('error');
    // Errors come first, so "the first problem" shown to a person is always a blocker.
    expect(problems[0].level).toBe('error');
    expect(problems.map((p) => p.level)).toEqual([...problems.map((p) => p.level)].sort());
  });

  it.each([
    ['a misspelt key', (f: any) => { f.dialogues[0].cards.hi.nxt = 'need'; }, '/dialogues/0/cards/hi/nxt', /"nxt" is not a key dynamic-chat knows here.*typo/],
    ['a token with an unknown root', (f: any) => { f.dialogues[0].cards.hi.text = 'Hi {{leed.firstName}}'; }, '/dialogues/0/cards/hi/text', /\{\{leed\.firstName\}\} shows nothing/],
    ['a link that will stay text', (f: any) => { f.dialogues[0].cards.hi.text = 'See [this](javascript:alert(1)) or [docs](https://x.example)'; }, '/dialogues/0/cards/hi/text', /link to "javascript:alert\(1" will show as plain text/],
    ['a token naming no card', (f: any) => { f.dialogues[0].cards.hi.text = 'You said {{answers.nope}}'; }, '/dialogues/0/cards/hi/text', /no card "nope"/],
  ])('warns about %s', (_what, change, path, words) => {
    const doc = northwind();
    change(doc);
    const result = validateFlow(doc);
    expect(result.ok).toBe(true);
    const found = result.ok ? result.warnings.filter((w) => w.path === path) : [];
    expect(found.map((w) => w.message).join('\n')).toMatch(words);
  });

  it('accepts an empty schedule days list, which targeting reads as every day', () => {
    const doc = northwind();
    doc.dialogues[0].audience.schedule = { days: [], timeZone: 'Europe/Rome' };
    expect(validateFlow(doc).ok).toBe(true);
  });

  it('accepts a $schema key for editors', () => {
    expect(problemsOf({ $schema: 'https://dynamic-chat.dev/flow.schema.json', version: 1, dialogues: [] })).toEqual([]);
  });
});

describe('validateFlow: anything at all', () => {
  it.each([
    ['null', null], ['a list', []], ['a number', 42], ['text', 'flow'], ['true', true], ['undefined', undefined],
  ])('answers %s with a problem at the root instead of throwing', (_name, doc) => {
    const result = validateFlow(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].path).toBe('');
    expect(!result.ok && result.errors[0].message).toMatch(/must be a JSON object/);
  });

  it('survives a 10 MB string and keeps messages short', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const result = validateFlow({ version: 1, dialogues: [{ id: huge, start: huge, cards: { [huge]: { type: huge } } }], settings: { theme: { primaryColor: huge } } });
    expect(result.ok).toBe(false);
    for (const p of result.ok ? [] : result.errors) expect(p.message.length).toBeLessThan(400);
  });

  it('survives deep nesting', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100000; i++) deep = { a: [deep] };
    const doc = northwind();
    doc.dialogues[0].cards.hi.extra = deep;
    doc.dialogues[1].cards.route.rules[0].when[0].value = deep;
    expect(() => validateFlow(doc)).not.toThrow();
    expect(validateFlow(doc).ok).toBe(false);
  });

  it('reports a throwing getter instead of throwing', () => {
    const doc = { version: 1, get dialogues() { throw new Error('boom'); } };
    const result = validateFlow(doc);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].message).toMatch(/could not be read: boom/);
  });

  it('accepts a flow with no dialogues (nothing targets any page)', () => {
    expect(validateFlow({ version: 1, dialogues: [] }).ok).toBe(true);
  });
});
