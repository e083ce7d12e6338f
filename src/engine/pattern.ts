/**
 * The `matches` operator's pattern engine: a flow's RegExp source run in linear time.
 *
 * Why not `new RegExp`: the browser's engine backtracks, so a pattern a marketer writes without
 * a second thought (`^/blog/([a-z0-9]+-?)+$`, even `.*foo.*bar`) takes seconds to minutes on a
 * crafted link, and the page's main thread is frozen meanwhile. Here the pattern becomes a
 * Thompson NFA whose states are followed all at once, one character at a time: the work is at
 * most (text length + 1) × (states), whatever the pattern and the text. What cannot be run that
 * way (backreferences, lookarounds) is refused, and validateFlow says so with a path.
 */
import { canon } from './canon.js';

/** Work done, added up by compilePattern (emit calls) and by a matcher (states visited); tests and the bench read it. */
export interface Counter { steps: number }

/** A compiled pattern: true when it matches somewhere in the text (case-insensitive). */
export type Matcher = (text: string, counter?: Counter) => boolean;

/** Only matches within the first this-many characters of a text are found (defence in depth; URLs and answers are far shorter). */
export const MAX_SUBJECT = 2048;

/**
 * The most NFA states a pattern may compile to: one per character or class, one per `|`, `*`,
 * `+` or `?`, and those of every copy `{n,m}` makes. A match visits each state at most once per
 * character, so this caps the work per character (see bench/run.ts for the worst case).
 */
export const MAX_STATES = 256;

type Test = (ch: string) => boolean;
// One shape for every state, so the matcher's reads stay monomorphic. m: a character test's
// answers for ASCII (t for the rest), then o; a: an assertion (^ $ b B), then o; e: free moves;
// none of them: the match.
interface State { o: number; e?: number[]; a?: string; t?: Test; m?: boolean[] }
type Emit = (next: number) => number;

const isWord: Test = (ch) => /\w/.test(ch);
const ESCAPES: Record<string, Test> = { d: (ch) => ch >= '0' && ch <= '9', w: isWord, s: (ch) => /\s/.test(ch) };
const CONTROLS: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
const same = (c: string): Test => (ch) => canon(ch) === canon(c);
// Classes fold before they are negated.
const fold = (test: Test): Test => (ch) => test(ch) || [ch.toLowerCase(), ch.toUpperCase()].some((x) => canon(x) === canon(ch) && test(x));
const LOOKAROUND = 'uses a lookaround such as (?=…) or (?!…), which is not supported; use excludePages or notContains instead';

/** A page glob as a pattern source: `*` matches anything, every other character itself. */
export const globSource = (glob: string): string => glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');

/**
 * Compiles a RegExp source (flag `i`, no others); a message saying why when it cannot be run safely.
 * Compiling is bounded too: it stops after a few emit calls per state allowed, so an empty group
 * repeated {200} four levels deep, which makes no state at all, is refused at once.
 */
export function compilePattern(source: string, limit = MAX_STATES, counter?: Counter): Matcher | string {
  const states: State[] = [{ o: -1 }];
  let i = 0;
  let work = 0;
  // \N is a backreference only when the pattern has N groups, \k only when one is named; else they are characters.
  const groups = source.replace(/\\.|\[(?:\\.|[^\]\\])*\]/g, '_').match(/\((?!\?)|\(\?<(?![=!])/g) ?? [];
  // Syntax errors get one message: validateFlow only asks once the browser's RegExp accepted the source.
  const fail = (why = 'is not a valid regular expression'): never => { throw new SyntaxError(why); };
  const complex = () => fail(`is too long: over ${limit} matcher states (one per character, more per *, | and {n,m} copy)`);
  const tick = () => ++work > 4 * limit && complex();
  const add = (state: State): number => (tick(), states.length < limit ? states.push(state) - 1 : complex());
  const char = (t: Test): Emit => {
    const m = [...Array(128)].map((_, code) => t(String.fromCharCode(code)));
    return (next) => add({ o: next, t, m });
  };

  // After a backslash: a class escape, or one character (string) as non-Unicode RegExps read it.
  const escape = (inClass?: boolean): Test | string => {
    const c = source[i++] ?? fail();
    const digits = /^\d+/.exec(source.slice(i - 1))?.[0];
    if (!inClass && ((c === 'k' && groups.some((g) => g.length > 1)) || (c > '0' && +digits! <= groups.length))) {
      fail('uses a backreference (\\1, \\k<name>), which cannot be matched in linear time');
    }
    const test = ESCAPES[c.toLowerCase()];
    if (test) return c > 'Z' ? test : (ch) => !test(ch);
    if (c === 'c') return (inClass ? /\w/ : /[a-z]/i).test(source[i] ?? '!') ? String.fromCharCode(source.charCodeAt(i++) % 32) : (i--, '\\');
    // Legacy octal (\0, \01, \101), then \x41 and \u0041.
    const code = /^(?:[0-3]?[0-7]{1,2}|x([0-9a-f]{2})|u([0-9a-f]{4}))/i.exec(source.slice(i - 1, i + 5));
    if (!code) return CONTROLS[c] ?? c;
    i += code[0].length - 1;
    return String.fromCharCode(parseInt(code[1] ?? code[2] ?? code[0], code[0] < '8' ? 8 : 16));
  };

  const member = (): Test | string => {
    const c = source[i++];
    if (c !== '\\') return c;
    return source[i] === 'b' ? (i++, '\b') : escape(true);
  };

  const charClass = (): Test => {
    const negated = source[i] === '^';
    if (negated) i++;
    const tests: Test[] = [];
    const is = (c: string): Test => (ch) => ch === c;
    while (source[i] !== ']') {
      if (i >= source.length) fail();
      const low = member();
      if (source[i] === '-' && source[i + 1] !== ']' && i + 1 < source.length) {
        i++;
        const high = member();
        if (typeof low === 'string' && typeof high === 'string') {
          tests.push((ch) => ch >= low && ch <= high);
          continue;
        }
        // `[\d-z]` is \d, a dash and z.
        tests.push(is('-'), typeof high === 'string' ? is(high) : high);
      }
      tests.push(typeof low === 'string' ? is(low) : low);
    }
    i++;
    const any = fold((ch) => tests.some((test) => test(ch)));
    return (ch) => any(ch) !== negated;
  };

  const atom = (): Emit => {
    const c = source[i++];
    if (c === '(') {
      if (source[i] === '?') {
        const opening = /^\?(?::|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i, i + 80))
          ?? fail(/^\?<?[=!]/.test(source.slice(i, i + 3)) ? LOOKAROUND : 'uses a modifier group such as (?i:…); patterns always ignore case');
        i += opening[0].length;
      }
      const inner = alternation();
      if (source[i++] !== ')') fail();
      return inner;
    }
    if (c === '^' || c === '$') return (next) => add({ o: next, a: c });
    if (c === '.') return char((ch) => !'\n\r\u2028\u2029'.includes(ch));
    if (c === '[') return char(charClass());
    if ('*+?'.includes(c)) fail();
    if (c !== '\\') return char(same(c));
    if (/[bB]/.test(source[i])) {
      const a = source[i++];
      return (next) => add({ o: next, a });
    }
    const test = escape();
    return char(typeof test === 'string' ? same(test) : test);
  };

  const quantified = (body: Emit): Emit => {
    const q = /^(?:([*+?])|\{([0-9]+)(,([0-9]*))?\})\??/.exec(source.slice(i, i + 40));
    if (!q) return body;
    i += q[0].length;
    const min = q[1] ? +(q[1] === '+') : +q[2];
    const max = q[1] ? (q[1] === '?' ? 1 : Infinity) : q[3] ? (q[4] ? +q[4] : Infinity) : min;
    // Bounded before any state is made: an empty group repeated a billion times makes none.
    if (Math.min(min, max) > limit || (max - min > limit && max < Infinity)) complex();
    return (next) => {
      tick();
      let at = next;
      let copies = min;
      if (max === Infinity) {
        // x* loops through one state; x+ enters the same loop through its one copy of x.
        const loop = add({ o: -1 });
        const entry = body(loop);
        states[loop].e = [entry, next];
        at = min ? entry : loop;
        if (min) copies--;
      } else for (let k = min; k < max; k++) at = add({ o: -1, e: [body(at), next] });
      for (let k = 0; k < copies; k++) at = body(at);
      return at;
    };
  };

  const sequence = (): Emit => {
    const parts: Emit[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') parts.push(quantified(atom()));
    return (next) => parts.reduceRight((at, part) => (tick(), part(at)), next);
  };

  function alternation(): Emit {
    const branches = [sequence()];
    while (source[i] === '|') {
      i++;
      branches.push(sequence());
    }
    return branches.length < 2 ? branches[0] : (next) => add({ o: -1, e: branches.map((branch) => branch(next)) });
  }

  let start: number;
  try {
    const root = alternation();
    if (i < source.length) fail();
    start = root(0);
  } catch (err) {
    return (err as Error).message;
  } finally {
    if (counter) counter.steps += work;
  }

  return (whole, counter) => {
    const n = Math.min(whole.length, MAX_SUBJECT);
    // mark[s] === p + 1: state s is already in the list for position p.
    const mark = new Int32Array(states.length);
    let steps = 0;
    // Assertions look at the whole text, so a cut text never fakes an end or a word boundary.
    const word = (p: number) => p >= 0 && p < whole.length && isWord(whole[p]);
    // Adds a state and everything reachable from it without reading; true when that reaches the match.
    const enter = (list: number[], s: number, p: number): boolean => {
      if (mark[s] > p) return false;
      mark[s] = p + 1;
      steps++;
      const state = states[s];
      const a = state.a;
      if (state.m) list.push(s);
      else if (state.e) {
        for (const to of state.e) if (enter(list, to, p)) return true;
      } else return !a || ((a === '^' ? p === 0 : a === '$' ? p === whole.length : (word(p - 1) !== word(p)) === (a === 'b')) && enter(list, state.o, p));
      return false;
    };
    let list: number[] = [];
    let found = false;
    for (let p = 0; !found; p++) {
      // A match may begin at any position.
      if ((found = enter(list, start, p)) || p === n) break;
      const next: number[] = [];
      const code = whole.charCodeAt(p);
      for (const s of list) {
        const state = states[s];
        if ((code < 128 ? state.m![code] : state.t!(whole[p])) && (found = enter(next, state.o, p + 1))) break;
      }
      list = next;
    }
    if (counter) counter.steps += steps;
    return found;
  };
}

/** The value for key, made once and kept; the cap keeps a long-lived backend that resolves many flows from growing without bound. */
export function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) {
    if (cache.size >= 2000) cache.clear();
    cache.set(key, make());
  }
  return cache.get(key)!;
}

// Compiled patterns are shared by every call.
const cache = new Map<string, Matcher | string>();

/** True when the text matches the pattern; a pattern that cannot be run safely never matches. */
export function matchesPattern(source: string, text: string): boolean {
  const matcher = remember(cache, source, () => compilePattern(source));
  return typeof matcher !== 'string' && matcher(text);
}
