/** `glob` page rules (Marketo's Target form), compiled onto the engine's linear-time matcher. */
import { compilePattern, globSource, type Counter, type Matcher } from '../engine/index.js';
import type { PageTarget } from './url.js';

/** A compiled glob: whether a parsed page is one it covers (the counter adds up the matcher's steps). */
export type Glob = (target: PageTarget, counter?: Counter) => boolean;

/**
 * `^prefix glob suffix$` where the glob's `*` matches anything and everything else is literal, run
 * on the linear-time matcher under the same state cap as a pattern (validateFlow refuses a longer
 * glob with a path): as a RegExp, `/*a*a*a*a*b` took a minute on a 200-character path.
 */
function globRegExp(glob: string, prefix: string, suffix: string): Matcher {
  const matcher = compilePattern('^' + prefix + globSource(glob) + suffix + '$');
  return typeof matcher === 'string' ? () => false : matcher;
}

/** Compiles a `glob` page rule's value (lower-cased): host and path parts, each on the matcher. */
export function compileGlob(value: string): Glob {
  const pattern = value.split(/[?#]/)[0];
  let hostPart: string | null = null;
  let pathPart = pattern;
  if (!pattern.startsWith('/') || pattern.startsWith('//')) {
    const rest = pattern.replace(/^[a-z*]*:\/\//, '').replace(/^\/\//, '');
    const slash = rest.indexOf('/');
    hostPart = slash < 0 ? rest : rest.slice(0, slash);
    pathPart = slash < 0 ? '' : rest.slice(slash);
  }
  // `*.site.com` covers site.com itself and every subdomain.
  const anySub = hostPart?.startsWith('*.');
  const host = hostPart === null ? null : globRegExp(anySub ? hostPart.slice(2) : hostPart, anySub ? '(?:.*\\.)?' : '', '');
  const withPort = hostPart?.includes(':');
  // `/blog/*` covers /blog itself; a trailing slash never matters.
  const below = pathPart.endsWith('/*');
  const path = pathPart === '' || pathPart === '/' || pathPart === '/*' ? null
    : globRegExp(below ? pathPart.slice(0, -2) : pathPart.replace(/\/$/, ''), '', below ? '(?:/.*)?' : '/?');
  return (target, counter) => (host === null || host(withPort && target.port !== '' ? `${target.host}:${target.port}` : target.host, counter))
    && (path === null || path(target.path, counter));
}
