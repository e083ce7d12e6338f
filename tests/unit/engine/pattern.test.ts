// `matches` patterns run in linear time: no pattern a flow holds can freeze the page, whatever the
// URL, answer or lead field it is matched against. Proved by counting the matcher's steps, not by timing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STATES, MAX_SUBJECT, compilePattern, type Matcher } from '../../../src/engine/pattern.js';
import { testCondition } from '../../../src/engine/conditions.js';
import { validateFlow } from '../../../src/engine/validate.js';
import { matchPage } from '../../../src/targeting/pages.js';

const source = readFileSync(new URL('../../../demo/flows/northwind.json', import.meta.url), 'utf8');

function flowWith(change: (f: any) => void): any {
  const doc = JSON.parse(source);
  change(doc);
  return doc;
}

function problems(doc: unknown) {
  const result = validateFlow(doc);
  return result.ok ? result.warnings : result.errors;
}

// The patterns of the issue: exponential on a backtracking engine (over 2 s at 29 characters).
const REDOS = ['(a+)+$', '^/blog/([a-z0-9]+-?)+$'];
// Star height 1, yet polynomial on a backtracking engine: .*.*x took 0.5 s and \d+\d+\d+x three
// minutes on 1,000 characters in V8, which is why nested quantifiers are not refused but run safely.
const POLYNOMIAL = ['.*.*x', '\\d+\\d+\\d+x', '.*foo.*bar', '(a|a)*$', '(x+x+)+y', '(\\w+\\s?)*$'];
const CRAFTED_URL = `https://site.com/blog/${'a'.repeat(10_000)}!`;

function compiled(pattern: string): Matcher {
  const matcher = compilePattern(pattern);
  if (typeof matcher === 'string') throw new Error(`${pattern} was refused: ${matcher}`);
  return matcher;
}

/** The states the matcher visits for one text, counted on that call alone. */
function steps(pattern: string, text: string): number {
  const counter = { steps: 0 };
  compiled(pattern)(text, counter);
  return counter.steps;
}

// At most one visit per state per position read (plus the start), whatever the pattern.
const bound = (length: number, states = MAX_STATES) => (length + 1) * states;

describe('matches: linear time', () => {
  it.each([...REDOS, ...POLYNOMIAL])('validateFlow accepts %s; on a crafted 10,000-character URL it reads only the first 2,048 characters', (pattern) => {
    const doc = flowWith((f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: pattern }]; });
    expect(problems(doc).filter((p) => p.path.includes('/audience/'))).toEqual([]);
    expect(matchPage({ match: 'matches', value: pattern }, CRAFTED_URL)).toBe(false);
    // The cut is what bounds this text: its work is that of its first 2,048 characters.
    expect(steps(pattern, CRAFTED_URL)).toBeLessThanOrEqual(bound(MAX_SUBJECT, pattern.length + 1));
  });

  it.each([...REDOS, ...POLYNOMIAL])('below the 2,048-character cut, the steps for %s grow in proportion to the text', (pattern) => {
    // A few states per character of the pattern at each position: thousands of steps, not 2^n.
    for (const length of [250, 500, 1000, 2000]) {
      const text = `/blog/${'a'.repeat(length - 7)}!`;
      expect(text.length).toBeLessThan(MAX_SUBJECT);
      const half = `/blog/${'a'.repeat(length / 2 - 7)}!`;
      expect(steps(pattern, text)).toBeLessThanOrEqual(bound(text.length, pattern.length + 1));
      // Twice the text, at most twice the work (and a little for the fixed prefix).
      expect(steps(pattern, text)).toBeLessThanOrEqual(2 * steps(pattern, half) + 20 * pattern.length);
    }
  });

  it('the issue\'s examples on the issue\'s inputs answer as a RegExp would, each in a few thousand steps', () => {
    const cases: Array<[string, string, boolean]> = [
      ['(a+)+$', `/${'a'.repeat(28)}!`, false],
      ['(a+)+$', `/${'a'.repeat(28)}`, true],
      ['^/blog/([a-z0-9]+-?)+$', '/blog/new-pricing-2026', true],
      ['^/blog/([a-z0-9]+-?)+$', `/blog/${'a-'.repeat(40)}!`, false],
    ];
    for (const [pattern, path, expected] of cases) {
      expect(matchPage({ match: 'matches', value: pattern }, path)).toBe(expected);
      expect(steps(pattern, path)).toBeLessThan(2000);
    }
  });

  it('a matches condition on a crafted answer is linear too', () => {
    const ctx = { answers: { ask: `${'a'.repeat(2000)}!` } };
    expect(testCondition({ field: 'answers.ask', op: 'matches', value: '^(a|aa)+$' }, ctx)).toBe(false);
    expect(steps('^(a|aa)+$', ctx.answers.ask)).toBeLessThanOrEqual(bound(ctx.answers.ask.length, 12));
    expect(testCondition({ field: 'answers.ask', op: 'matches', value: '(a+)+!' }, ctx)).toBe(true);
  });

  it('only the first 2,048 characters are read, without faking an end or a word boundary where the text was cut', () => {
    const long = 'a'.repeat(MAX_SUBJECT + 10);
    expect(compiled('a$')(long)).toBe(false);
    expect(compiled('a\\b')(long)).toBe(false);
    expect(compiled('^a+')(long)).toBe(true);
    expect(compiled('a$')('a'.repeat(100))).toBe(true);
    expect(steps('a$', 'a'.repeat(100))).toBeLessThanOrEqual(bound(100, 4));
    expect(steps('a$', long)).toBeLessThanOrEqual(bound(MAX_SUBJECT, 4));
  });
});

describe('matches: long patterns, and the cost of compiling', () => {
  // Every literal character is one state: a flow listing its pages or customers spells long patterns.
  const PAGES = ['pricing', 'plans', 'enterprise', 'teams', 'startups', 'nonprofits', 'education', 'government', 'healthcare',
    'finance', 'retail', 'manufacturing', 'media', 'travel', 'hospitality', 'logistics', 'energy', 'telecom', 'insurance',
    'legal', 'real-estate', 'automotive', 'agriculture', 'construction', 'pharma'];
  const LONG = `^/(${PAGES.join('|')})/?$`;

  it('a 239-character alternation of page paths validates and matches as RegExp does', () => {
    expect(LONG).toHaveLength(239);
    const doc = flowWith((f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: LONG }]; });
    expect(problems(doc).filter((p) => p.path.includes('/audience/'))).toEqual([]);
    for (const path of ['/pricing', '/Pharma/', '/real-estate', '/pricing/team', '/blog', '/pharmacy', '/']) {
      expect(matchPage({ match: 'matches', value: LONG }, path), path).toBe(new RegExp(LONG, 'i').test(path));
    }
    expect(matchPage({ match: 'matches', value: LONG }, '/construction/')).toBe(true);
  });

  it('a long alternation of company names in a condition validates and matches', () => {
    const names = PAGES.join('|');
    expect(names.length).toBeGreaterThan(200);
    const doc = flowWith((f) => { f.dialogues[0].audience.conditions = [{ field: 'lead.company.name', op: 'matches', value: names }]; });
    expect(problems(doc).filter((p) => p.path.includes('/audience/'))).toEqual([]);
    expect(testCondition({ field: 'lead.company.name', op: 'matches', value: names }, { lead: { company: { name: 'Retail' } } })).toBe(true);
    expect(testCondition({ field: 'lead.company.name', op: 'matches', value: names }, { lead: { company: { name: 'Acme' } } })).toBe(false);
  });

  // Repetitions of a body that makes no state (an empty group, a{0}) make nothing for the state cap
  // to stop, and nested levels multiply: 200^4 emit calls took 24 seconds inside validateFlow.
  const EMPTY = ['(?:(?:(?:(?:){200}){200}){200}){200}', '(?:(?:(?:){200}){200}){200}', '(?:(?:(?:a{0}){200}){200}){200}', '((((){20}){200}){200}){200}'];
  it.each(EMPTY)('%s is refused after a bounded number of compile steps', (pattern) => {
    const counter = { steps: 0 };
    const result = compilePattern(pattern, MAX_STATES, counter);
    expect(result).toMatch(/is too long: over \d+ matcher states/);
    expect(counter.steps).toBeLessThanOrEqual(4 * MAX_STATES + 1);
    const doc = flowWith((f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: pattern }]; });
    expect(problems(doc).find((p) => p.path === '/dialogues/0/audience/pages/0/value')?.message).toMatch(/is too long: over \d+ matcher states/);
  });

  it('a small empty repetition still compiles, and matches anywhere as RegExp does', () => {
    const counter = { steps: 0 };
    const matcher = compilePattern('(?:(?:){3}){3}x', MAX_STATES, counter);
    expect(typeof matcher).toBe('function');
    expect(counter.steps).toBeLessThan(40);
    expect((matcher as Matcher)('box')).toBe(true);
  });

  it('the refusal says what is too big: states, one per character and more per {n,m} copy', () => {
    expect(compilePattern(`^/(${'x'.repeat(MAX_STATES)})$`)).toMatch(new RegExp(`is too long: over ${MAX_STATES} matcher states \\(one per character, more per \\*, \\| and \\{n,m\\} copy\\)`));
    expect(compilePattern('(ab|cd){1000}')).toMatch(/is too long: over \d+ matcher states/);
  });
});

describe('matches: the same answers as a JavaScript RegExp', () => {
  const ordinary: Array<[string, string, boolean]> = [
    ['^/pricing$', '/pricing', true],
    ['^/pricing$', '/pricing/team', false],
    ['/blog/[a-z0-9-]+', '/blog/new-post', true],
    ['^https://(www\\.)?example\\.com/', 'https://www.example.com/x', true],
    ['^https://(www\\.)?example\\.com/', 'https://wwwxexample.com/x', false],
    ['\\?utm_source=(ads|mail)', '/?utm_source=mail', true],
    ['/(?:en|fr|de)/docs', '/fr/docs/start', true],
    ['^/product/\\d{3,5}$', '/product/1234', true],
    ['^/product/\\d{3,5}$', '/product/123456', false],
    ['\\bsale\\b', '/summer-sale/', true],
    ['\\bsale\\b', '/wholesale', false],
    ['^/a/(?<slug>[^/]+)/?$', '/a/x-y/', true],
    ['[^\\w\\s]', 'abc', false],
    ['\\x41\\u0042', 'ab', true],
    ['[A-Z]{2}-\\d+', 'ab-12', true],
    ['^\\S+@\\S+\\.\\S+$', 'pat@acme.example', true],
    ['software|saas', 'Enterprise SaaS', true],
    ['', 'anything', true],
    // Read as RegExp reads them without the u flag: \k with no named group is a k, \1 with no
    // group and \01 are octal, \cJ is a control character.
    ['\\k', 'k', true],
    ['a\\k', 'ak', true],
    ['\\1', '\x01', true],
    ['\\01', '\x01', true],
    ['[\\1-\\3]', '\x02', true],
    ['\\101', 'A', true],
    ['\\400', ' 0', true],
    ['\\477', "'7", true],
    ['\\x41\\0', 'a\0', true],
    ['\\8', '8', true],
    ['\\cJ', '\n', true],
    ['\\c1', '\\c1', true],
    ['(a)\\2', 'a\x02', true],
    // The i flag folds by upper case, never from outside ASCII into it.
    ['k', '\u212a', false],
    ['s', '\u017f', false],
    ['[a-z]', '\u212a', false],
    ['[^a-z]', '\u212a', true],
    ['\\u212a', 'k', false],
    ['é', 'É', true],
    ['[à-ÿ]', 'É', true],
  ];
  it.each(ordinary)('%s on %s is %s', (pattern, text, expected) => {
    expect(compiled(pattern)(text)).toBe(expected);
    expect(new RegExp(pattern, 'i').test(text)).toBe(expected);
  });

  // Patterns built from the whole supported grammar, nested quantifiers and alternations included.
  const atom = fc.constantFrom('a', 'b', 'A', 'k', 'S', '\\k', '\\1', '\\01', '\\cJ', '[j-l]', '[^s]', '.', '\\d', '\\w', '\\W', '[a-c]', '[^b]', '[^A]', '\\.', '-', '/', '^', '$', '\\b', '[\\d-]');
  const quantifier = fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?');
  const { node } = fc.letrec<{ node: string; group: string; seq: string; alt: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, atom, tie('group'), tie('seq'), tie('alt')),
    group: fc.tuple(tie('node'), quantifier, fc.constantFrom('(', '(?:')).map(([inner, q, open]) => `${open}${inner})${q}`),
    seq: fc.array(fc.tuple(fc.oneof(atom, tie('group')), quantifier)
      .map(([a, q]) => (/^(?:\^|\$|\\[bB])$/.test(a) ? a : a + q)), { maxLength: 4 }).map((parts) => parts.join('')),
    alt: fc.tuple(tie('node'), tie('node')).map(([a, b]) => `${a}|${b}`),
  }));
  const accepted = node.filter((pattern) => {
    try { new RegExp(pattern, 'i'); } catch { return false; }
    return typeof compilePattern(pattern) !== 'string';
  });

  it('agrees with RegExp on short texts, for generated patterns', () => {
    fc.assert(fc.property(accepted, fc.stringMatching(/^[abAB1\-./x!kKsS\u212a\u017f\n\x01]{0,12}$/), (pattern, text) => {
      expect(compiled(pattern)(text), `${pattern} on ${text}`).toBe(new RegExp(pattern, 'i').test(text));
    }), { numRuns: 3000 });
  });

  it('reads at most (2,048 + 1) × states steps of a crafted 10,000-character URL, for every generated pattern', () => {
    let runs = 0;
    fc.assert(fc.property(accepted, fc.constantFrom('a', 'ab', 'a-', '1a', 'aA'), (pattern, unit) => {
      const url = `/blog/${unit.repeat(Math.ceil(10_000 / unit.length))}!`;
      runs++;
      // Without {n,m} a pattern has at most one state per character, plus the match; the URL is cut at 2,048.
      expect(steps(pattern, url)).toBeLessThanOrEqual(bound(MAX_SUBJECT, /\{/.test(pattern) ? MAX_STATES : pattern.length + 1));
    }), { numRuns: 300 });
    expect(runs).toBe(300);
  });
});

describe('matches: what cannot run in linear time is refused, with a path', () => {
  const refused: Array<[string, (f: any) => void, string, RegExp]> = [
    ['a backreference in a page rule', (f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: '^/(a+)\\1$' }]; },
      '/dialogues/0/audience/pages/0/value', /The pattern "\^\/\(a\+\)\\\\1\$" uses a backreference/],
    ['a lookahead in an excluded page', (f) => { f.dialogues[0].audience.excludePages = [{ match: 'matches', value: '^/(?!en/)' }]; },
      '/dialogues/0/audience/excludePages/0/value', /uses a lookaround such as \(\?=…\).*use excludePages or notContains instead/],
    ['a lookbehind in an audience condition', (f) => { f.dialogues[0].audience.conditions = [{ field: 'lead.email', op: 'matches', value: '(?<=@)acme' }]; },
      '/dialogues/0/audience/conditions/0/value', /uses a lookaround/],
    ['a named backreference in a branch', (f) => { f.dialogues[1].cards.route.rules[0].when[0] = { field: 'lead.email', op: 'matches', value: '(?<x>a)\\k<x>' }; },
      '/dialogues/1/cards/route/rules/0/when/0/value', /uses a backreference/],
    ['a repetition too big to run', (f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: '(ab|cd){1000}' }]; },
      '/dialogues/0/audience/pages/0/value', /is too long: over \d+ matcher states/],
  ];
  it.each(refused)('%s', (_name, change, path, message) => {
    const doc = flowWith(change);
    const result = validateFlow(doc);
    expect(result.ok).toBe(false);
    const found = problems(doc).find((p) => p.path === path);
    expect(found?.message).toMatch(message);
    expect(found?.level).toBe('error');
  });

  it('a modifier group is named as such, not as a lookaround (browsers that read it accept the source)', () => {
    expect(compilePattern('(?i:a)')).toMatch(/uses a modifier group such as \(\?i:…\)/);
    expect(compilePattern('(?<!a)b')).toMatch(/uses a lookaround/);
    expect(compilePattern('(?<x>a)\\k<x>')).toMatch(/uses a backreference/);
    expect(compilePattern('(a)\\1')).toMatch(/uses a backreference/);
  });

  it('an unvalidated flow with such a pattern never matches and never throws', () => {
    expect(matchPage({ match: 'matches', value: '^/(a+)\\1$' }, '/aa')).toBe(false);
    expect(matchPage({ match: 'matches', value: '(' }, '/(')).toBe(false);
    expect(testCondition({ field: 'lead.email', op: 'matches', value: '(?=a)' }, { lead: { email: 'a' } })).toBe(false);
  });
});
