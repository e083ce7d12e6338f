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

/** A compiled pattern: true when it matches somewhere in the text (case-insensitive). */
export type Matcher = (text: string) => boolean;

/** Only matches within the first this-many characters of a text are found (defence in depth; URLs and answers are far shorter). */
export const MAX_SUBJECT = 2048;

/** The most NFA states a pattern may compile to (`{n,m}` copies its atom); more is refused as too complex. */
export const MAX_STATES = 200;

/** States visited by the last match, so tests can prove the bound by counting. */
export let lastSteps = 0;

type Test = (ch: string) => boolean;
// t: a character test (m: its answers for ASCII, worked out once), then o; a: an assertion
// (^ $ b B), then o; e: free moves; none: the match.
interface State { t?: Test; m?: boolean[]; a?: string; e?: number[]; o?: number }
type Emit = (next: number) => number;

const isWord: Test = (ch) => /\w/.test(ch);
const ESCAPES: Record<string, Test> = { d: (ch) => ch >= '0' && ch <= '9', w: isWord, s: (ch) => /\s/.test(ch) };
const CONTROLS: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', 0: '\0' };
const is = (c: string): Test => (ch) => ch === c;
// Case-insensitive, as rules have always been; classes fold before they are negated.
const fold = (test: Test): Test => (ch) => test(ch) || test(ch.toLowerCase()) || test(ch.toUpperCase());

/**
 * Compiles a RegExp source (flag `i`, no others); a message saying why when it cannot be run safely.
 * `limit` caps the states; globs, whose states are mostly one literal after another, raise it.
 */
export function compilePattern(source: string, limit = MAX_STATES): Matcher | string {
  const states: State[] = [{}];
  let i = 0;
  // Syntax errors get one message: validateFlow only asks once the browser's RegExp accepted the source.
  const fail = (why = 'is not a valid regular expression'): never => { throw new SyntaxError(why); };
  const complex = () => fail(`is too complex: its repetitions ({n,m}) would need over ${MAX_STATES} steps per character`);
  const add = (state: State): number => (states.length < limit ? states.push(state) - 1 : complex());
  const char = (t: Test): Emit => {
    const m = [...Array(128)].map((_, code) => t(String.fromCharCode(code)));
    return (next) => add({ t, m, o: next });
  };

  // After a backslash: a class escape, or one character (string) as non-Unicode RegExps read it.
  const escape = (): Test | string => {
    const c = source[i++] ?? fail();
    if (/[1-9]|k/.test(c)) fail('uses a backreference (\\1, \\k<name>), which cannot be matched in linear time');
    const test = ESCAPES[c.toLowerCase()];
    if (test) return c > 'Z' ? test : (ch) => !test(ch);
    const hex = /^(?:x([0-9a-f]{2})|u([0-9a-f]{4}))/i.exec(source.slice(i - 1, i + 5));
    if (hex) i += hex[0].length - 1;
    return hex ? String.fromCharCode(parseInt(hex[1] ?? hex[2], 16)) : CONTROLS[c] ?? c;
  };

  const member = (): Test | string => {
    const c = source[i++];
    if (c !== '\\') return c;
    return source[i] === 'b' ? (i++, '\b') : escape();
  };

  const charClass = (): Test => {
    const negated = source[i] === '^';
    if (negated) i++;
    const tests: Test[] = [];
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
          ?? fail('uses a lookaround such as (?=…) or (?!…), which is not supported; use excludePages or notContains instead');
        i += opening[0].length;
      }
      const inner = alternation();
      if (source[i++] !== ')') fail();
      return inner;
    }
    if (c === '^' || c === '$') return (next) => add({ a: c, o: next });
    if (c === '.') return char((ch) => !'\n\r\u2028\u2029'.includes(ch));
    if (c === '[') return char(charClass());
    if ('*+?'.includes(c)) fail();
    if (c !== '\\') return char(fold(is(c)));
    if (/[bB]/.test(source[i])) {
      const a = source[i++];
      return (next) => add({ a, o: next });
    }
    const test = escape();
    return char(typeof test === 'string' ? fold(is(test)) : test);
  };

  const quantified = (body: Emit): Emit => {
    const q = /^(?:([*+?])|\{([0-9]+)(,([0-9]*))?\})\??/.exec(source.slice(i, i + 40));
    if (!q) return body;
    i += q[0].length;
    const min = q[1] ? +(q[1] === '+') : +q[2];
    const max = q[1] ? (q[1] === '?' ? 1 : Infinity) : q[3] ? (q[4] ? +q[4] : Infinity) : min;
    // Bounded before any state is made: an empty group repeated a billion times makes none.
    if (Math.min(min, max) > MAX_STATES || (max - min > MAX_STATES && max < Infinity)) complex();
    return (next) => {
      let at = next;
      let copies = min;
      if (max === Infinity) {
        // x* loops through one state; x+ enters the same loop through its one copy of x.
        const loop = add({});
        const entry = body(loop);
        states[loop].e = [entry, next];
        at = min ? entry : loop;
        if (min) copies--;
      } else for (let k = min; k < max; k++) at = add({ e: [body(at), next] });
      for (let k = 0; k < copies; k++) at = body(at);
      return at;
    };
  };

  const sequence = (): Emit => {
    const parts: Emit[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') parts.push(quantified(atom()));
    return (next) => parts.reduceRight((at, part) => part(at), next);
  };

  function alternation(): Emit {
    const branches = [sequence()];
    while (source[i] === '|') {
      i++;
      branches.push(sequence());
    }
    return branches.length < 2 ? branches[0] : (next) => add({ e: branches.map((branch) => branch(next)) });
  }

  let start: number;
  try {
    const root = alternation();
    if (i < source.length) fail();
    start = root(0);
  } catch (err) {
    return (err as Error).message;
  }

  return (whole) => {
    const n = Math.min(whole.length, MAX_SUBJECT);
    // mark[s] === p + 1: state s is already in the list for position p.
    const mark = new Int32Array(states.length);
    // Assertions look at the whole text, so a cut text never fakes an end or a word boundary.
    const word = (p: number) => p >= 0 && p < whole.length && isWord(whole[p]);
    // Adds a state and everything reachable from it without reading; true when that reaches the match.
    const enter = (list: number[], s: number, p: number): boolean => {
      if (mark[s] > p) return false;
      mark[s] = p + 1;
      lastSteps++;
      const state = states[s];
      if (state.t) list.push(s);
      else if (state.e) {
        for (const to of state.e) if (enter(list, to, p)) return true;
      } else if (state.a) {
        const a = state.a;
        return (a === '^' ? p === 0 : a === '$' ? p === whole.length : (word(p - 1) !== word(p)) === (a === 'b')) && enter(list, state.o!, p);
      } else return true;
      return false;
    };
    lastSteps = 0;
    let list: number[] = [];
    for (let p = 0; ; p++) {
      // A match may begin at any position.
      if (enter(list, start, p)) return true;
      if (p === n) return false;
      const next: number[] = [];
      const ch = whole[p];
      const code = whole.charCodeAt(p);
      for (const s of list) {
        const state = states[s];
        if ((code < 128 ? state.m![code] : state.t!(ch)) && enter(next, state.o!, p + 1)) return true;
      }
      list = next;
    }
  };
}

// Compiled patterns are shared by every call; the cap keeps a long-lived backend that resolves
// many different flows from growing without bound.
const cache = new Map<string, Matcher | string>();

/** True when the text matches the pattern; a pattern that cannot be run safely never matches. */
export function matchesPattern(source: string, text: string): boolean {
  if (!cache.has(source)) {
    if (cache.size > 2000) cache.clear();
    cache.set(source, compilePattern(source));
  }
  const matcher = cache.get(source)!;
  return typeof matcher !== 'string' && matcher(text);
}
