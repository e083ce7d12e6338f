// `matches` patterns run in linear time: no pattern a flow holds can freeze the page, whatever the
// URL, answer or lead field it is matched against. Proved by counting the matcher's steps, not by timing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STATES, MAX_SUBJECT, compilePattern, lastSteps, type Matcher } from '../../../src/engine/pattern.js';
import { testCondition } from '../../../src/engine/conditions.js';
import { validateFlow } from '../../../src/engine/validate.js';
import { matchPage } from '../../../src/targeting/pages.js';

const source = readFileSync(new URL('../../fixtures/northwind.json', import.meta.url), 'utf8');

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

// At most one visit per state per position (plus the start), whatever the pattern.
const bound = (text: string, states = MAX_STATES) => (Math.min(text.length, MAX_SUBJECT) + 1) * states;

describe('matches: linear time', () => {
  it.each([...REDOS, ...POLYNOMIAL])('validateFlow accepts %s, and a crafted 10,000-character URL is read in linear steps', (pattern) => {
    const doc = flowWith((f) => { f.dialogues[0].audience.pages = [{ match: 'matches', value: pattern }]; });
    expect(problems(doc).filter((p) => p.path.includes('/audience/'))).toEqual([]);
    expect(matchPage({ match: 'matches', value: pattern }, CRAFTED_URL)).toBe(false);
    // A few states per character of the pattern: thousands of steps, not 2^10000.
    expect(lastSteps).toBeLessThanOrEqual(bound(CRAFTED_URL, pattern.length + 1));
  });

  it('the issue\'s examples on the issue\'s inputs answer as a RegExp would, at once', () => {
    expect(matchPage({ match: 'matches', value: '(a+)+$' }, `/${'a'.repeat(28)}!`)).toBe(false);
    expect(matchPage({ match: 'matches', value: '(a+)+$' }, `/${'a'.repeat(28)}`)).toBe(true);
    expect(matchPage({ match: 'matches', value: '^/blog/([a-z0-9]+-?)+$' }, '/blog/new-pricing-2026')).toBe(true);
    expect(matchPage({ match: 'matches', value: '^/blog/([a-z0-9]+-?)+$' }, `/blog/${'a-'.repeat(40)}!`)).toBe(false);
    expect(lastSteps).toBeLessThan(2000);
  });

  it('a matches condition on a crafted answer is linear too', () => {
    const ctx = { answers: { ask: `${'a'.repeat(2000)}!` } };
    expect(testCondition({ field: 'answers.ask', op: 'matches', value: '^(a|aa)+$' }, ctx)).toBe(false);
    expect(lastSteps).toBeLessThanOrEqual(bound(ctx.answers.ask, 12));
    expect(testCondition({ field: 'answers.ask', op: 'matches', value: '(a+)+!' }, ctx)).toBe(true);
  });

  it('only the first 2,048 characters are read, without faking an end or a word boundary where the text was cut', () => {
    const long = 'a'.repeat(MAX_SUBJECT + 10);
    expect(compiled('a$')(long)).toBe(false);
    expect(compiled('a\\b')(long)).toBe(false);
    expect(compiled('^a+')(long)).toBe(true);
    expect(compiled('a$')('a'.repeat(100))).toBe(true);
    expect(lastSteps).toBeLessThanOrEqual(bound('a'.repeat(100), 4));
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
  ];
  it.each(ordinary)('%s on %s is %s', (pattern, text, expected) => {
    expect(compiled(pattern)(text)).toBe(expected);
    expect(new RegExp(pattern, 'i').test(text)).toBe(expected);
  });

  // Patterns built from the whole supported grammar, nested quantifiers and alternations included.
  const atom = fc.constantFrom('a', 'b', 'A', '.', '\\d', '\\w', '\\W', '[a-c]', '[^b]', '[^A]', '\\.', '-', '/', '^', '$', '\\b', '[\\d-]');
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
    fc.assert(fc.property(accepted, fc.stringMatching(/^[abAB1\-./x!]{0,12}$/), (pattern, text) => {
      expect(compiled(pattern)(text), `${pattern} on ${text}`).toBe(new RegExp(pattern, 'i').test(text));
    }), { numRuns: 3000 });
  });

  it('reads a crafted 10,000-character URL in at most (length + 1) × states steps, for every generated pattern', () => {
    let runs = 0;
    fc.assert(fc.property(accepted, fc.constantFrom('a', 'ab', 'a-', '1a', 'aA'), (pattern, unit) => {
      const url = `/blog/${unit.repeat(Math.ceil(10_000 / unit.length))}!`;
      compiled(pattern)(url);
      runs++;
      // Without {n,m} a pattern has at most one state per character, plus the match.
      expect(lastSteps).toBeLessThanOrEqual(bound(url, /\{/.test(pattern) ? MAX_STATES : pattern.length + 1));
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
      '/dialogues/0/audience/pages/0/value', /is too complex/],
  ];
  it.each(refused)('%s', (_name, change, path, message) => {
    const doc = flowWith(change);
    const result = validateFlow(doc);
    expect(result.ok).toBe(false);
    const found = problems(doc).find((p) => p.path === path);
    expect(found?.message).toMatch(message);
    expect(found?.level).toBe('error');
  });

  it('an unvalidated flow with such a pattern never matches and never throws', () => {
    expect(matchPage({ match: 'matches', value: '^/(a+)\\1$' }, '/aa')).toBe(false);
    expect(matchPage({ match: 'matches', value: '(' }, '/(')).toBe(false);
    expect(testCondition({ field: 'lead.email', op: 'matches', value: '(?=a)' }, { lead: { email: 'a' } })).toBe(false);
  });
});
