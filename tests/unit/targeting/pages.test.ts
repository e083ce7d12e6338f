import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPages, compileGlob, describeRule, matchPage } from '../../../src/targeting/pages.js';
import { parsePageUrl } from '../../../src/targeting/url.js';
import { MAX_STATES, MAX_SUBJECT } from '../../../src/engine/pattern.js';
import { validateFlow } from '../../../src/engine/validate.js';
import type { PageRule } from '../../../src/engine/types.js';

type Row = [PageRule['match'], string, string, boolean];

const rows: Row[] = [
  // equals: path + query, trailing slash and case do not matter, query only when the rule names one
  ['equals', '/pricing', 'https://site.com/pricing', true],
  ['equals', '/pricing', 'https://site.com/pricing/', true],
  ['equals', '/pricing/', 'https://site.com/pricing', true],
  ['equals', '/pricing', 'https://site.com/Pricing', true],
  ['equals', '/pricing', 'https://site.com/pricing?utm_source=ads', true],
  ['equals', '/pricing', 'https://site.com/pricing/plans', false],
  ['equals', '/pricing?plan=pro', 'https://site.com/pricing?plan=pro', true],
  ['equals', '/pricing?plan=pro', 'https://site.com/pricing?plan=team', false],
  ['equals', '/pricing', 'https://site.com/pricing#faq', true],
  ['equals', '/', 'https://site.com', true],
  ['equals', '/', 'https://site.com/about', false],
  ['equals', 'https://site.com/pricing', 'https://site.com/pricing', true],
  ['equals', 'https://site.com/pricing', 'https://www.site.com/pricing', false],
  ['equals', 'https://site.com/pricing', 'http://site.com/pricing', false],
  ['equals', '/pricing', '/pricing', true],
  ['equals', '/café', 'https://site.com/caf%C3%A9', true],
  // contains: path + query (so UTM values can be targeted), not the host
  ['contains', '/pricing', 'https://site.com/en/pricing/team', true],
  ['contains', 'utm_source=ads', 'https://site.com/?utm_source=ads', true],
  ['contains', 'site.com', 'https://site.com/pricing', false],
  ['contains', 'https://site.com/blog', 'https://site.com/blog/post', true],
  ['contains', '/pricing', 'https://site.com/about', false],
  // startsWith
  ['startsWith', '/pricing/internal', 'https://site.com/pricing/internal/x', true],
  ['startsWith', '/pricing/internal', 'https://site.com/en/pricing/internal', false],
  ['startsWith', 'https://docs.site.com', 'https://docs.site.com/guide', true],
  ['startsWith', 'https://docs.site.com', 'https://site.com/docs', false],
  ['startsWith', 'HTTPS://Docs.Site.com', 'https://docs.site.com/guide', true],
  // endsWith: ignores the query unless the rule names one
  ['endsWith', '.pdf', 'https://site.com/files/a.pdf', true],
  ['endsWith', '.pdf', 'https://site.com/files/a.pdf?download=1', true],
  ['endsWith', '.pdf', 'https://site.com/files/a.html', false],
  ['endsWith', '?download=1', 'https://site.com/files/a.pdf?download=1', true],
  // matches: RegExp source, case-insensitive; invalid never matches
  ['matches', '^/blog/\\d{4}/', 'https://site.com/blog/2026/hello', true],
  ['matches', '^/blog/\\d{4}/', 'https://site.com/blog/hello', false],
  ['matches', '^https://(www\\.)?site\\.com/$', 'https://www.site.com/', true],
  ['matches', '^https://(www\\.)?site\\.com/$', 'https://www.site.com/x', false],
  ['matches', 'PRICING', 'https://site.com/pricing', true],
  ['matches', '([unclosed', 'https://site.com/([unclosed', false],
  ['matches', '*', 'https://site.com/', false],
  // glob: Marketo's Target form
  ['glob', 'https://*.site.com/folder/*', 'https://www.site.com/folder/page', true],
  ['glob', 'https://*.site.com/folder/*', 'https://site.com/folder/page', true],
  ['glob', 'https://*.site.com/folder/*', 'https://a.b.site.com/folder/x/y', true],
  ['glob', 'https://*.site.com/folder/*', 'https://www.site.com/folder', true],
  ['glob', 'https://*.site.com/folder/*', 'https://www.site.com/other/page', false],
  ['glob', 'https://*.site.com/folder/*', 'https://notsite.com/folder/page', false],
  ['glob', 'https://*.site.com/folder/*', 'https://site.com.evil.com/folder/page', false],
  ['glob', 'https://*.site.com/folder/*', 'http://www.site.com/folder/page', true],
  ['glob', 'http://*.site.com/folder/*', 'https://www.site.com/folder/page', true],
  ['glob', 'https://*.site.com/folder/*', 'https://www.site.com/folder/page?x=1&y=2', true],
  ['glob', 'https://*.site.com/folder/*?x=1', 'https://www.site.com/folder/page', true],
  ['glob', 'https://www.site.com', 'https://www.site.com/any/page?q=1', true],
  ['glob', 'https://www.site.com/', 'https://www.site.com/any/page', true],
  ['glob', 'www.site.com', 'https://www.site.com/any', true],
  ['glob', 'https://www.site.com', 'https://shop.site.com/any', false],
  ['glob', '*.site.com', 'https://site.com/', true],
  ['glob', 'https://WWW.Site.com/Blog/*', 'https://www.site.com/blog/post', true],
  ['glob', 'https://site.com/pricing', 'https://site.com/pricing/', true],
  ['glob', 'https://site.com/pricing', 'https://site.com/pricing/team', false],
  ['glob', 'https://site.com/*/pricing', 'https://site.com/en/pricing', true],
  ['glob', 'https://site.com/*/pricing', 'https://site.com/en/us/pricing', true],
  ['glob', 'https://site.com/*/pricing', 'https://site.com/pricing', false],
  ['glob', 'https://site.com/a.b', 'https://site.com/aXb', false],
  ['glob', 'https://localhost:8080/*', 'http://localhost:8080/x', true],
  ['glob', 'https://localhost:8080/*', 'http://localhost:3000/x', false],
  ['glob', '/blog/*', 'https://any.host.com/blog/post', true],
  ['glob', '/blog/*', '/blog/post?x=1', true],
  ['glob', '/blog/*', 'https://any.host.com/news/blog/post', false],
  ['glob', 'https://*.site.com/*', '/blog/post', false],
  // an empty value never matches (a blank rule must not target every page)
  ['contains', '', 'https://site.com/', false],
  ['equals', '   ', 'https://site.com/', false],
];

describe('matchPage operators', () => {
  it.each(rows)('%s %s on %s → %s', (match, value, url, expected) => {
    expect(matchPage({ match, value }, url)).toBe(expected);
  });
});

describe('matchPage param', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['utm_source', 'ads', 'https://site.com/?utm_source=ads', true],
    ['utm_source', 'ads', 'https://site.com/?utm_source=mail', false],
    ['utm_source', 'ads', 'https://site.com/?a=1&utm_source=ADS', true],
    ['utm_source', 'ads', 'https://site.com/?utm_source=mail&utm_source=ads', true],
    ['utm_source', 'ads', 'https://site.com/', false],
    ['utm_source', '*', 'https://site.com/?utm_source=anything', true],
    ['utm_source', '', 'https://site.com/?utm_source', true],
    ['utm_source', '*', 'https://site.com/?other=1', false],
    ['q', 'red shoes', 'https://site.com/search?q=red+shoes', true],
    ['q', 'red shoes', 'https://site.com/search?q=red%20shoes', true],
    ['q', '100%', 'https://site.com/search?q=100%', true],
    ['', 'x', 'https://site.com/?=x', false],
  ];
  it.each(cases)('param %s=%s on %s → %s', (name, value, url, expected) => {
    expect(matchPage({ match: 'param', name, value }, url)).toBe(expected);
  });
});

describe('matchPage robustness', () => {
  it('an unknown operator never matches', () => {
    expect(matchPage({ match: 'near' as PageRule['match'], value: '/pricing' }, '/pricing')).toBe(false);
  });

  it('never throws on arbitrary rules and URLs', () => {
    const ops = ['equals', 'contains', 'startsWith', 'endsWith', 'matches', 'glob', 'param'] as const;
    fc.assert(fc.property(fc.constantFrom(...ops), fc.string(), fc.string(), fc.string(), (match, value, name, url) => {
      const result = matchPage({ match, value, name }, url);
      expect(typeof result).toBe('boolean');
    }), { numRuns: 500 });
  });

  it('a glob with special characters matches them literally', () => {
    expect(matchPage({ match: 'glob', value: '/a+b/(x)/*' }, '/a+b/(x)/y')).toBe(true);
    expect(matchPage({ match: 'glob', value: '/a+b/*' }, '/aab/y')).toBe(false);
  });

  /** The matcher's steps for one glob on one URL, counted on that call alone. */
  function globSteps(value: string, url: string): { matched: boolean; steps: number } {
    const counter = { steps: 0 };
    return { matched: compileGlob(value)(parsePageUrl(url), counter), steps: counter.steps };
  }

  it('a glob with many stars against a crafted path is read in linear steps (a RegExp took a minute at 200 characters)', () => {
    const path = `/${'a'.repeat(10_000)}`;
    expect(matchPage({ match: 'glob', value: '/*a*a*a*a*b' }, path)).toBe(false);
    // The path is cut at 2,048 characters; the glob is 11 states.
    expect(globSteps('/*a*a*a*a*b', path).steps).toBeLessThan(20 * (MAX_SUBJECT + 1));
    expect(matchPage({ match: 'glob', value: 'https://*.site.com/*a*a*a*a*b' }, `https://x.site.com/${'a'.repeat(1000)}b`)).toBe(true);
    expect(globSteps('https://*.site.com/*a*a*a*a*b', `https://x.site.com/${'a'.repeat(1000)}b`).steps).toBeLessThan(40 * 1002);
    expect(matchPage({ match: 'glob', value: '/*a*a*a*a*b' }, '/xaxaxaxab')).toBe(true);
    expect(matchPage({ match: 'glob', value: `/${'x'.repeat(200)}/*` }, `/${'x'.repeat(200)}/y`)).toBe(true);
  });

  // `/` + `*a` × 1000 + `b` took 345–510 ms per match on a 2,100-character path under the old cap.
  const STARRY = `/${'*a'.repeat(1000)}b`;
  function withGlob(value: string) {
    return validateFlow({ version: 1, dialogues: [{ id: 'd', start: 'c', audience: { pages: [{ match: 'glob', value }] }, cards: { c: { type: 'end' } } }] });
  }

  it('a glob with a thousand stars is refused by validateFlow with its path, and unvalidated it never matches', () => {
    const result = withGlob(STARRY);
    expect(result.ok).toBe(false);
    const problem = (result.ok ? [] : result.errors).find((p) => p.path === '/dialogues/0/audience/pages/0/value');
    expect(problem?.message).toMatch(new RegExp(`^The glob "/\\*a\\*a.*" is too long: over ${MAX_STATES} matcher states \\(one per character, more per \\*, \\| and \\{n,m\\} copy\\)\\.$`));
    const { matched, steps } = globSteps(STARRY, `/${'a'.repeat(2100)}b`);
    expect(matched).toBe(false);
    expect(steps).toBe(0);
  });

  it('the longest glob validateFlow accepts costs at most (2,048 + 1) × the state cap per part', () => {
    let stars = 1;
    while (withGlob(`/${'*a'.repeat(stars + 1)}b`).ok) stars++;
    expect(stars).toBeGreaterThan(32);
    expect(stars).toBeLessThan(MAX_STATES / 2);
    const { matched, steps } = globSteps(`https://*.site.com/${'*a'.repeat(stars)}b`, `https://x.site.com/${'a'.repeat(2100)}`);
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual(2 * (MAX_SUBJECT + 1) * MAX_STATES);
    expect(withGlob('https://*.site.com/blog/*').ok).toBe(true);
    // A long literal glob costs one state per character, so it meets the same cap.
    expect(withGlob(`/${'x'.repeat(200)}/*`).ok).toBe(true);
    expect(withGlob(`/${'x'.repeat(MAX_STATES)}/*`).ok).toBe(false);
  });
});

describe('parsePageUrl', () => {
  it('splits host, port, path and query, dropping credentials and fragment', () => {
    const t = parsePageUrl('https://user:pw@WWW.Site.com:8443/Pricing/?Plan=Pro#faq');
    expect(t.host).toBe('www.site.com');
    expect(t.port).toBe('8443');
    expect(t.path).toBe('/pricing/');
    expect(t.pathQuery).toBe('/pricing/?plan=pro');
    expect(t.full).toBe('https://www.site.com:8443/pricing/?plan=pro');
    expect(t.params).toEqual([['plan', 'pro']]);
    expect(t.shown).toBe('/Pricing/?Plan=Pro');
  });

  it('accepts a path-only URL', () => {
    const t = parsePageUrl('/blog?x=1');
    expect(t.host).toBe('');
    expect(t.pathQuery).toBe('/blog?x=1');
  });
});

describe('checkPages explanations', () => {
  const target = parsePageUrl('https://site.com/pricing/internal/x');

  it('names the exclusion that removed the page', () => {
    const reason = checkPages({
      pages: [{ match: 'contains', value: '/pricing' }],
      excludePages: [{ match: 'startsWith', value: '/pricing/internal' }],
    }, target);
    expect(reason).toBe('page /pricing/internal/x is excluded by startsWith /pricing/internal');
  });

  it('lists the targeted pages the page did not match', () => {
    const reason = checkPages({ pages: [{ match: 'startsWith', value: '/blog' }, { match: 'param', name: 'utm_source', value: 'ads' }] }, target);
    expect(reason).toBe('page /pricing/internal/x is not a targeted page (startsWith /blog, param utm_source=ads)');
  });

  it('shortens a long list of pages', () => {
    const pages = ['/a', '/b', '/c', '/d', '/e'].map((value) => ({ match: 'equals' as const, value }));
    expect(checkPages({ pages }, target)).toBe('page /pricing/internal/x is not a targeted page (equals /a, equals /b, equals /c and 2 more)');
  });

  it('an empty pages list targets every page, exclusions still apply', () => {
    expect(checkPages({ pages: [] }, target)).toBeNull();
    expect(checkPages(undefined, target)).toBeNull();
    expect(checkPages({ excludePages: [{ match: 'glob', value: '/pricing/*' }] }, target))
      .toBe('page /pricing/internal/x is excluded by glob /pricing/*');
  });

  it('describes param rules in words', () => {
    expect(describeRule({ match: 'param', name: 'utm_source', value: '*' })).toBe('param utm_source present');
    expect(describeRule({ match: 'param', name: 'utm_source', value: 'ads' })).toBe('param utm_source=ads');
  });
});
