// The loader's glob matcher (src/page/lite/glob.ts, no pattern engine) against compileGlob of
// targeting/glob.ts (the engine's linear-time matcher): the same answer for every glob and URL.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob as loaderGlob } from '../../../src/page/lite/glob.js';
import { compileGlob } from '../../../src/targeting/glob.js';
import { parsePageUrl } from '../../../src/targeting/url.js';

/** Both matchers' answers for one glob (as matchTarget passes it: lower-cased) on one URL. */
function both(glob: string, url: string): [boolean, boolean] {
  const target = parsePageUrl(url);
  const value = glob.toLowerCase();
  return [loaderGlob(value)(target), compileGlob(value)(target)];
}

const HAND: Array<[string, string, boolean]> = [
  ['*.northwind.example', 'https://northwind.example/pricing', true],
  ['*.northwind.example', 'https://shop.eu.northwind.example/', true],
  ['*.northwind.example', 'https://northwind.example.com/', false],
  ['*.northwind.example', 'https://evilnorthwind.example/', false],
  ['https://*.northwind.example/blog/*', 'https://www.northwind.example/blog', true],
  ['https://*.northwind.example/blog/*', 'https://northwind.example/blog/post-1', true],
  ['https://*.northwind.example/blog/*', 'https://northwind.example/blogroll', false],
  ['https://*.northwind.example/blog/*', 'https://northwind.example/pricing', false],
  ['/blog/*', '/blog', true],
  ['/blog/*', '/blog/', true],
  ['/blog/*', '/blog/a/b?x=1#top', true],
  ['/blog/*', '/blogs', false],
  ['/a*b*c', '/axxbyyc', true],
  ['/a*b*c', '/abc/', true],
  ['/a*b*c', '/acb', false],
  ['/a*b*c', '/abcb', false],
  ['/*a*a*a*a*b', '/xaxaxaxab', true],
  ['/*a*a*a*a*b', `/${'a'.repeat(2000)}`, false],
  ['/pricing/', '/pricing', true],
  ['/pricing', '/pricing/', true],
  ['/Pricing', '/PRICING?plan=pro', true],
  ['site.com:8080/*', 'https://site.com:8080/x', true],
  ['site.com:8080/*', 'https://site.com:9090/x', false],
  ['site.com/*', 'https://site.com:8080/x', true],
  ['https://site.com/', 'https://site.com/anything/at/all', true],
  ['/a.b', '/axb', false],
  ['/a+b/(x)/*', '/a+b/(x)/y', true],
  ['/*', `/${'x'.repeat(3000)}`, true],
  ['/x*', `/x${'y'.repeat(3000)}`, false],
  ['/a*b', '/a%0Ab', false],
  ['/a*b', '/a%E2%80%A8b', false],
  ['/caf*', '/caf%C3%A9', true],
  ['/σ*', '/ς', true],
  ['/µ', '/μ', true],
  ['/ß', '/ss', false],
];

describe('the loader matches glob page rules as compileGlob does', () => {
  it.each(HAND)('%s on %s: %s', (glob, url, expected) => {
    expect(both(glob, url)).toEqual([expected, expected]);
  });

  const char = (chars: string[]) => fc.constantFrom(...chars);
  const text = (chars: string[], maxLength: number) => fc.array(char(chars), { maxLength }).map((list) => list.join(''));
  const PIECES = ['a', 'b', 'A', '.', '/', '-', ':', '8', '*', '*', '?', '#', '\n', 'σ', 'ς', 'µ', 'ß', '%0a', 'ab'];
  const glob = fc.tuple(fc.constantFrom('', 'https://', 'http://', '*://', '//', '/', '*.', 'https://*.'), text(PIECES, 10)).map(([head, rest]) => head + rest);
  const url = fc.tuple(
    fc.constantFrom('https://', 'http://', '//', ''),
    text(['a', 'b', 'A', '.', '-', 'σ'], 6),
    fc.constantFrom('', ':8', ':8080'),
    text(['a', 'b', 'A', '/', '.', '-', '%0a', '%e2%80%a8', 'ς', 'µ', 'ss', '*'], 10),
    fc.constantFrom('', '?a=b', '#x', '/'),
  ).map(([scheme, host, port, path, tail]) => (scheme === '' ? '' : scheme + host + port) + '/' + path + tail);

  it('on generated globs and URLs (hosts, ports, paths, stars, line breaks, case)', () => {
    fc.assert(fc.property(glob, url, (g, u) => {
      const [loader, engine] = both(g, u);
      expect(loader, `${g} on ${u}`).toBe(engine);
    }), { numRuns: 5_000 });
  });

  it('on globs and paths of stars and two letters, where a greedy or lazy match would go wrong', () => {
    fc.assert(fc.property(text(['a', 'b', '*'], 12), text(['a', 'b'], 14), (g, p) => {
      const [loader, engine] = both('/' + g, '/' + p);
      expect(loader, `/${g} on /${p}`).toBe(engine);
    }), { numRuns: 5_000 });
  });
});
