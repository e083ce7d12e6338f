import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../src/engine/validate.js';
import type { FlowProblem } from '../../../src/engine/types.js';

const source = readFileSync(new URL('../../../demo/flows/northwind.json', import.meta.url), 'utf8');

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
  ['version must be 1', (f) => { f.version = 2; }, '/version', /"version" must be 1, not 2/],
  ['version is required', (f) => { delete f.version; }, '/version', /"version" is required/],
  ['settings must be an object', (f) => { f.settings = 'x'; }, '/settings', /must be an object/],
  ['responseDelayMs must be a number', (f) => { f.settings.responseDelayMs = '900'; }, '/settings/responseDelayMs', /must be a number between 0 and 10000, not "900"/],
  ['responseDelayMs at most 10 s', (f) => { f.settings.responseDelayMs = 900000; }, '/settings/responseDelayMs', /between 0 and 10000/],
  ['locale must be a language tag', (f) => { f.settings.locale = 'english please'; }, '/settings/locale', /language tag/],
  ['privacyUrl must be a web link', (f) => { f.settings.privacyUrl = 'javascript:alert(1)'; }, '/settings/privacyUrl', /must be a link starting with https:\/\/.*"javascript:alert\(1\)"/],
  ['named colors are refused', (f) => { f.settings.theme.primaryColor = 'red'; }, '/settings/theme/primaryColor', /#rrggbb.*"red"/],
  ['a color cannot carry CSS', (f) => { f.settings.theme.textColor = '#fff;background:red'; }, '/settings/theme/textColor', /must be a color/],
  ['#gggggg is not a color', (f) => { f.settings.theme.botBubbleColor = '#gggggg'; }, '/settings/theme/botBubbleColor', /must be a color/],
  ['position is bottom-right or bottom-left', (f) => { f.settings.theme.position = 'top'; }, '/settings/theme/position', /bottom-right, bottom-left/],
  ['radius is not negative', (f) => { f.settings.theme.radius = -2; }, '/settings/theme/radius', /at least 0/],
  ['at most 50 blocked domains', (f) => { f.settings.blockedEmailDomains = Array.from({ length: 51 }, (_, i) => `c${i}.com`); }, '/settings/blockedEmailDomains', /at most 50.*51/],
  ['a blocked domain is a domain', (f) => { f.settings.blockedEmailDomains = ['ok.com', 'nope']; }, '/settings/blockedEmailDomains/1', /must be a domain such as competitor\.com, not "nope"/],
  ['meeting settings are numbers', (f) => { f.settings.meetings.minNoticeHours = 'a day'; }, '/settings/meetings/minNoticeHours', /must be a number/],
  ['agents must be a list', (f) => { f.agents = {}; }, '/agents', /must be a list/],
  ['an agent needs a name', (f) => { delete f.agents[1].name; }, '/agents/1/name', /"name" is required/],
  ['agent ids are unique', (f) => { f.agents[2].id = 'maria'; }, '/agents/2/id', /Two agents share the id "maria"/],
  ['an agent time zone must exist', (f) => { f.agents[0].timeZone = 'Europe/Atlantis'; }, '/agents/0/timeZone', /must be a time zone.*not "Europe\/Atlantis"/],
  ['weekly hours use day keys', (f) => { f.agents[0].weekly = { monday: [['09:00', '12:00']] }; }, '/agents/0/weekly/monday', /"monday" is not a key known here; the keys are mon, tue, wed, thu, fri, sat, sun/],
  ['weekly hours are HH:MM pairs', (f) => { f.agents[0].weekly.tue = [['9', '17']]; }, '/agents/0/weekly/tue/0', /24-hour times/],
  ['weekly hours end after they start', (f) => { f.agents[0].weekly.tue = [['17:00', '09:00']]; }, '/agents/0/weekly/tue/0', /ends before it starts/],
  ['dialogues are required', (f) => { delete f.dialogues; }, '/dialogues', /"dialogues" is required/],
  ['a dialogue is an object', (f) => { f.dialogues.push('hello'); }, '/dialogues/3', /must be an object/],
  ['a dialogue needs an id', (f) => { delete f.dialogues[2].id; }, '/dialogues/2/id', /"id" is required/],
  ['dialogue ids are unique', (f) => { f.dialogues[2].id = 'pricing-known'; }, '/dialogues/2/id', /Two dialogues share the id "pricing-known" \(also \/dialogues\/1\)/],
  ['priority is a number', (f) => { f.dialogues[0].priority = 'high'; }, '/dialogues/0/priority', /must be a number/],
  ['frequency is once, session or always', (f) => { f.dialogues[0].frequency = 'daily'; }, '/dialogues/0/frequency', /once, session, always/],
  ['start is required', (f) => { delete f.dialogues[0].start; }, '/dialogues/0/start', /"start" is required/],
  ['start must name a card', (f) => { f.dialogues[0].start = 'hello'; }, '/dialogues/0/start', /must be the id of a card of this dialogue, not "hello"/],
  ['cards are required', (f) => { delete f.dialogues[0].cards; }, '/dialogues/0/cards', /"cards" is required/],
  ['a card is an object', (f) => { f.dialogues[0].cards.hi = 'Hello!'; }, '/dialogues/0/cards/hi', /must be an object/],
  ['a card type is known', (f) => { f.dialogues[0].cards.hi.type = 'video'; }, '/dialogues/0/cards/hi/type', /one of message, choice, input, meeting, branch, goal, end, not "video"/],
  ['a message needs text', (f) => { delete f.dialogues[0].cards.hi.text; }, '/dialogues/0/cards/hi/text', /"text" is required/],
  ['next must name a card', (f) => { f.dialogues[0].cards.hi.next = 'ned'; }, '/dialogues/0/cards/hi/next', /"next" must be the id of a card of this dialogue, not "ned"/],
  ['an option next must name a card', (f) => { f.dialogues[0].cards.need.options[1].next = 'ltr'; }, '/dialogues/0/cards/need/options/1/next', /card of this dialogue, not "ltr"/],
  ['otherwise must name a card', (f) => { f.dialogues[1].cards.route.otherwise = 'nowhere'; }, '/dialogues/1/cards/route/otherwise', /card of this dialogue, not "nowhere"/],
  ['a rule next must name a card', (f) => { f.dialogues[1].cards.route.rules[0].next = 'big'; }, '/dialogues/1/cards/route/rules/0/next', /card of this dialogue, not "big"/],
  ['fallback must name a card', (f) => { f.dialogues[0].cards.meet.fallback = 'sorry'; }, '/dialogues/0/cards/meet/fallback', /card of this dialogue, not "sorry"/],
  ['a choice has options', (f) => { f.dialogues[0].cards.need.options = []; }, '/dialogues/0/cards/need/options', /at least one option, not an empty list/],
  ['an option has a label', (f) => { f.dialogues[0].cards.need.options[0].label = ''; }, '/dialogues/0/cards/need/options/0/label', /must be non-empty text, not ""/],
  ['an option url is a web link', (f) => { f.dialogues[0].cards.need.options[1].url = 'javascript:alert(1)'; }, '/dialogues/0/cards/need/options/1/url', /must be a link starting with https:\/\//],
  ['an input needs a field', (f) => { delete f.dialogues[0].cards.email.field; }, '/dialogues/0/cards/email/field', /"field" is required/],
  ['an input kind is known', (f) => { f.dialogues[0].cards.email.kind = 'zip'; }, '/dialogues/0/cards/email/kind', /text, email, phone, name, number, url/],
  ['a field is not "company"', (f) => { f.dialogues[0].cards.email.field = 'company'; }, '/dialogues/0/cards/email/field', /must be a lead field name.*not "company"/],
  ['required is true or false', (f) => { f.dialogues[0].cards.email.required = 'yes'; }, '/dialogues/0/cards/email/required', /true or false/],
  ['a meeting has a duration', (f) => { delete f.dialogues[0].cards.meet.durationMinutes; }, '/dialogues/0/cards/meet/durationMinutes', /"durationMinutes" is required/],
  ['a meeting duration is whole minutes', (f) => { f.dialogues[0].cards.meet.durationMinutes = 30.5; }, '/dialogues/0/cards/meet/durationMinutes', /whole number/],
  ['a meeting names known agents', (f) => { f.dialogues[0].cards.meet.agents = ['maria', 'zed']; }, '/dialogues/0/cards/meet/agents/1', /must be the id of an agent in the flow's "agents", not "zed"/],
  ['a meeting needs agents in the flow', (f) => { delete f.agents; }, '/dialogues/0/cards/meet', /flow has no agents/],
  ['a meeting agents list is not empty', (f) => { f.dialogues[0].cards.meet.agents = []; }, '/dialogues/0/cards/meet/agents', /at least one agent id.*not an empty list/],
  ['a branch has rules', (f) => { delete f.dialogues[1].cards.route.rules; }, '/dialogues/1/cards/route/rules', /"rules" is required/],
  ['a branch has otherwise', (f) => { delete f.dialogues[1].cards.route.otherwise; }, '/dialogues/1/cards/route/otherwise', /"otherwise" is required/],
  ['a rule has when', (f) => { delete f.dialogues[1].cards.route.rules[0].when; }, '/dialogues/1/cards/route/rules/0/when', /"when" is required/],
  ['a condition operator is known', (f) => { f.dialogues[1].cards.route.rules[0].when[0].op = 'greaterThan'; }, '/dialogues/1/cards/route/rules/0/when/0/op', /equals, notEquals.*not "greaterThan"/],
  ['a condition field has a known root', (f) => { f.dialogues[1].cards.route.rules[0].when[0].field = 'size'; }, '/dialogues/1/cards/route/rules/0/when/0/field', /must be lead\.…, company\.…, answers\.<id of a card of this dialogue>, page\.url.*not "size"/],
  ['answers.<card> names a card', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'answers.nope', op: 'isNotEmpty' }; }, '/dialogues/1/cards/route/rules/0/when/0/field', /answers\.<id of a card of this dialogue>.*not "answers\.nope"/],
  ['gt compares numbers', (f) => { f.dialogues[1].cards.route.rules[0].when[0].value = 'large'; }, '/dialogues/1/cards/route/rules/0/when/0/value', /"value" must be a number, not "large"/],
  ['in takes a list', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'company.size', op: 'in', value: 200 }; }, '/dialogues/1/cards/route/rules/0/when/0/value', /must be a list of values.*not 200/],
  ['equals needs a value', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'company.size', op: 'equals' }; }, '/dialogues/1/cards/route/rules/0/when/0/value', /"value" is required/],
  ['a condition matches a valid RegExp', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'lead.email', op: 'matches', value: '([a-z' }; }, '/dialogues/1/cards/route/rules/0/when/0/value', /must be a valid regular expression, not "\(\[a-z"/],
  ['a goal has a name', (f) => { f.dialogues[0].cards.qualified.name = ''; }, '/dialogues/0/cards/qualified/name', /must be non-empty text, not ""/],
  ['a page operator is known', (f) => { f.dialogues[0].audience.pages[0].match = 'like'; }, '/dialogues/0/audience/pages/0/match', /equals, contains, startsWith, endsWith, matches, glob, param/],
  ['a page rule has a value', (f) => { delete f.dialogues[0].audience.pages[0].value; }, '/dialogues/0/audience/pages/0/value', /"value" is required/],
  ['a param rule has a name', (f) => { f.dialogues[0].audience.pages[0] = { match: 'param', value: 'ads' }; }, '/dialogues/0/audience/pages/0/name', /"name" is required/],
  ['a page matches a valid RegExp', (f) => { f.dialogues[0].audience.excludePages = [{ match: 'matches', value: '*admin' }]; }, '/dialogues/0/audience/excludePages/0/value', /must be a non-empty, valid regular expression, not "\*admin"/],
  ['a page matches a RegExp that is not empty', (f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: '' }]; }, '/dialogues/0/audience/pages/0/value', /must be a non-empty, valid regular expression, not ""/],
  ['visitor is anonymous, known or any', (f) => { f.dialogues[0].audience.visitor = 'new'; }, '/dialogues/0/audience/visitor', /anonymous, known, any/],
  ['devices are desktop or mobile', (f) => { f.dialogues[2].audience.devices = ['desktop', 'tv']; }, '/dialogues/2/audience/devices/1', /one of desktop, mobile, not "tv"/],
  ['an audience condition is checked too', (f) => { f.dialogues[0].audience.conditions = [{ field: 'company.industry', op: 'like', value: 'x' }]; }, '/dialogues/0/audience/conditions/0/op', /not "like"/],
  ['schedule days are 1 to 7', (f) => { f.dialogues[0].audience.schedule = { days: [0, 1] }; }, '/dialogues/0/audience/schedule/days/0', /1 \(Monday\) to 7 \(Sunday\), not 0/],
  ['schedule hours are HH:MM', (f) => { f.dialogues[0].audience.schedule = { hours: ['9:00', '18:00'] }; }, '/dialogues/0/audience/schedule/hours', /24-hour times/],
  ['schedule hours are not 24:60', (f) => { f.dialogues[0].audience.schedule = { hours: ['09:00', '24:60'] }; }, '/dialogues/0/audience/schedule/hours', /24-hour times/],
  ['a schedule time zone exists', (f) => { f.dialogues[0].audience.schedule = { timeZone: 'CET+1' }; }, '/dialogues/0/audience/schedule/timeZone', /must be a time zone.*not "CET\+1"/],
  ['schedule dates are YYYY-MM-DD', (f) => { f.dialogues[0].audience.schedule = { from: '2026-13-01' }; }, '/dialogues/0/audience/schedule/from', /YYYY-MM-DD/],
  ['a schedule ends after it starts', (f) => { f.dialogues[0].audience.schedule = { from: '2026-06-01', until: '2026-01-01' }; }, '/dialogues/0/audience/schedule/until', /ends \(2026-01-01\) before it starts/],
  ['a trigger is known', (f) => { f.dialogues[0].trigger = { on: 'hover' }; }, '/dialogues/0/trigger/on', /load, timeOnPage.*not "hover"/],
  ['timeOnPage needs seconds', (f) => { f.dialogues[0].trigger = { on: 'timeOnPage' }; }, '/dialogues/0/trigger/seconds', /"seconds" is required/],
  ['idle seconds are not negative', (f) => { f.dialogues[0].trigger = { on: 'idle', seconds: -5 }; }, '/dialogues/0/trigger/seconds', /at least 0/],
  ['scroll percent is 0 to 100', (f) => { f.dialogues[0].trigger = { on: 'scroll', percent: 120 }; }, '/dialogues/0/trigger/percent', /between 0 and 100/],
  ['click needs a selector', (f) => { f.dialogues[0].trigger = { on: 'click', selector: '' }; }, '/dialogues/0/trigger/selector', /must be non-empty text, not ""/],
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

  it('reports a silent loop at its first card in the document, told in link order, wherever the links enter it', () => {
    const flow = {
      version: 1,
      dialogues: [{
        id: 'd', start: 'intro', cards: {
          intro: { type: 'message', text: 'Hi', next: 'c' },
          a: { type: 'message', text: 'A', next: 'b' },
          b: { type: 'message', text: 'B', next: 'c' },
          c: { type: 'message', text: 'C', next: 'a' },
        },
      }],
    };
    const result = validateFlow(flow);
    const loops = (result.ok ? [] : result.errors).filter((p) => /loop/.test(p.message));
    expect(loops).toHaveLength(1);
    expect(loops[0].path).toBe('/dialogues/0/cards/a');
    expect(loops[0].message).toMatch(/"a" → "b" → "c" loop/);
  });

  it('treats card ids like "constructor" as ordinary ids, not inherited properties', () => {
    const problems = broken((f) => { f.dialogues[2].cards.goal.next = 'constructor'; });
    expect(problems.find((p) => p.path === '/dialogues/2/cards/goal/next')?.message).toMatch(/must be the id of a card of this dialogue, not "constructor"/);
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
      message: 'Card "orphan" can never be reached from the start card "ask".',
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
    ['a misspelt key', (f: any) => { f.dialogues[0].cards.hi.nxt = 'need'; }, '/dialogues/0/cards/hi/nxt', /"nxt" is not a key known here \(a typo\?\), so it is ignored; the keys are type, text, next/],
    ['a token with an unknown root', (f: any) => { f.dialogues[0].cards.hi.text = 'Hi {{leed.firstName}}'; }, '/dialogues/0/cards/hi/text', /\{\{leed\.firstName\}\} shows nothing/],
    ['a link that will stay text', (f: any) => { f.dialogues[0].cards.hi.text = 'See [this](javascript:alert(1)) or [docs](https://x.example)'; }, '/dialogues/0/cards/hi/text', /link to "javascript:alert\(1" will show as plain text/],
    ['a token naming no card', (f: any) => { f.dialogues[0].cards.hi.text = 'You said {{answers.nope}}'; }, '/dialogues/0/cards/hi/text', /\{\{answers\.nope\}\} shows nothing; tokens read .*answers\.<id of a card of this dialogue>/],
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
    expect(!result.ok && result.errors[0].message).toMatch(/^The flow must be an object, not /);
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
