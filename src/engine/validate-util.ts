/**
 * Building blocks of validateFlow: a check is a function that looks at one value of the document
 * and reports what is wrong with it; tables of checks (one per object kind) describe the format.
 */
import { compilePattern, globSource } from './pattern.js';
import { isTimeZone } from './time-format.js';
import { has, isFilled, isObject, isText, type JsonObject } from './guards.js';
import type { FlowProblem } from './types.js';

/** Appends one segment to a JSON pointer, escaping `~` and `/` as RFC 6901 asks. */
export function pointer(base: string, key: string | number): string {
  const text = String(key);
  // Most keys need no escaping; skipping the replaces keeps validation of big flows fast.
  return `${base}/${text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text}`;
}

/** A value quoted for a message, cut short so a 10 MB string never ends up in one. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}

/** What one validateFlow run collects and consults. */
export interface Run {
  problems: FlowProblem[];
  /** Agent ids, each with the path of its agent; undefined when `agents` is not a list (already reported). */
  agents?: Map<string, string>;
  /** Dialogue ids, each with the path of its dialogue. */
  dialogues: Map<string, string>;
  /** The cards of the dialogue being checked, when it has a `cards` object. */
  cards?: JsonObject;
  /** The cards the card being checked links to. */
  links: string[];
}

/** Records a problem; errors make the flow invalid, warnings do not. */
export function report(run: Run, path: string, message: string, level: 'error' | 'warning' = 'error'): void {
  run.problems.push({ path, message, level });
}

/** Reports that the object at `path` lacks `key`. */
export function missing(run: Run, path: string, key: string): void {
  report(run, pointer(path, key), `"${key}" is required.`);
}

/** Checks the value found at `path`. */
export type Check = (run: Run, value: unknown, path: string) => void;

/** Accepts anything (a key that is allowed but checked elsewhere, or not at all). */
export const ANY: Check = () => {};

/** A value as a message shows it: short text quoted, numbers as they are, anything else by kind. */
function shown(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return value.length ? `a list of ${value.length}` : 'an empty list';
  return isObject(value) ? 'an object' : String(value);
}

// What a message calls the value at `path`: its key, or its place in a list.
function subject(path: string): string {
  const key = path.slice(path.lastIndexOf('/') + 1);
  return path === '' ? 'The flow' : /^\d+$/.test(key) ? `Item ${key}` : quote(key);
}

// Reports a value that is not `what` it should be.
function fail(run: Run, path: string, what: string, value: unknown): void {
  report(run, path, `${subject(path)} must be ${what}, not ${shown(value)}.`);
}

/**
 * A check that accepts values passing `test` (which may consult the run), reports any other
 * value as not being `what`, and hands accepted values on to `then`.
 */
export function is<T>(what: string, test: (value: unknown, run: Run) => boolean, then?: (run: Run, value: T, path: string) => void): Check {
  return (run, value, path) => {
    if (!test(value, run)) fail(run, path, what, value);
    else then?.(run, value as T, path);
  };
}

/** A test for text that `pattern` matches. */
export const matching = (pattern: RegExp) => (value: unknown): boolean => isText(value) && pattern.test(value);

/** Any text. */
export const TEXT = is('text', isText);

/** Text that is not empty. */
export const FILLED = is('non-empty text', isFilled);

/** true or false. */
export const BOOLEAN = is('true or false', (value) => typeof value === 'boolean');

/** One of a few words. */
export function oneOf(words: readonly string[]): Check {
  return is(`one of ${words.join(', ')}`, (value) => words.includes(value as string));
}

/** A finite number within the bounds; `whole` asks for an integer. */
export function number(min = -Infinity, max = Infinity, whole = false): Check {
  const bounds = max < Infinity ? ` between ${min} and ${max}` : min > -Infinity ? ` of at least ${min}` : '';
  return is(`a ${whole ? 'whole ' : ''}number${bounds}`, (value) =>
    typeof value === 'number' && (whole ? Number.isInteger(value) : Number.isFinite(value)) && value >= min && value <= max);
}

/** True for a list with at least one item. */
export const notEmpty = (list: unknown[]): boolean => list.length > 0;

/** A list whose items all pass `item`; `fits` may limit the list itself (its length), described by `what`. */
export function listOf(item: Check, what = 'a list', fits: (list: unknown[]) => boolean = () => true): Check {
  return (run, list, path) => {
    if (!Array.isArray(list) || !fits(list)) fail(run, path, what, list);
    // Items are checked even in a list too long or too short, so every problem shows at once.
    if (Array.isArray(list)) list.forEach((entry, i) => item(run, entry, pointer(path, i)));
  };
}

/**
 * An object whose keys are checked by `fields`; `required` keys must be there. Unknown keys are
 * warned about (usually a typo such as `nxt`), or refused when `closed`. `then` checks what
 * involves several keys, once each key passed its own check.
 */
export function shape(fields: Record<string, Check>, required: readonly string[] = [], then?: (run: Run, obj: JsonObject, path: string) => void, closed = false): Check {
  return is<JsonObject>('an object', isObject, (run, obj, path) => {
    // Table order, not document order: `agents` are known before the dialogues that name them.
    for (const key in fields) {
      if (has(obj, key)) fields[key](run, obj[key], pointer(path, key));
      else if (required.includes(key)) missing(run, path, key);
    }
    for (const key of Object.keys(obj)) {
      if (!has(fields, key)) {
        report(run, pointer(path, key), `${quote(key)} is not a key known here${closed ? '' : ' (a typo?), so it is ignored'}; the keys are ${Object.keys(fields).join(', ')}.`, closed ? 'error' : 'warning');
      }
    }
    then?.(run, obj, path);
  });
}

/**
 * An object whose `tag` key (a card's `type`, a trigger's `on`) picks the shape that checks it.
 * With an unknown or missing tag, only `fallback` checks the rest.
 */
export function variant(tag: string, shapes: Record<string, Check>, fallback: Check = ANY): Check {
  const tags = oneOf(Object.keys(shapes));
  return is<JsonObject>('an object', isObject, (run, obj, path) => {
    const value = obj[tag];
    if (isText(value) && has(shapes, value)) return shapes[value](run, obj, path);
    if (has(obj, tag)) tags(run, value, pointer(path, tag));
    else missing(run, path, tag);
    fallback(run, obj, path);
  });
}

/** True for text that compiles the way rules use it (case-insensitive). */
function compiles(value: unknown): boolean {
  try {
    return isText(value) && !!new RegExp(value, 'i');
  } catch {
    return false;
  }
}

/**
 * A `matches` pattern: a RegExp source that compiles and that the linear-time matcher can run
 * (no backreferences, no lookarounds); `filled` refuses the empty pattern, which matches anything.
 */
function pattern(filled: boolean): Check {
  return is<string>(`a ${filled ? 'non-empty, ' : ''}valid regular expression`, (value) => (!filled || isFilled(value)) && compiles(value), (run, source, path) => {
    const matcher = compilePattern(source);
    if (typeof matcher === 'string') report(run, path, `The pattern ${quote(source)} ${matcher}.`);
  });
}

/** A condition's regular expression (empty matches anything). */
export const REGEXP = pattern(false);

/** A page rule's regular expression: it must not be empty. */
export const PATTERN = pattern(true);

/**
 * A `glob` page rule's value: it must fit the matcher's state cap, as patterns do. The whole glob
 * with both parts' extras costs at least what its host and its path cost apart.
 */
export const GLOB = is<string>('non-empty text', isFilled, (run, glob, path) => {
  const matcher = compilePattern(`^(?:.*\\.)?${globSource(glob)}(?:/.*)?$`);
  if (typeof matcher === 'string') report(run, path, `The glob ${quote(glob)} ${matcher}.`);
});

/** An IANA time zone, known by the same test schedules and agents' hours use to read it. */
export const TIME_ZONE = is('a time zone such as Europe/Rome or America/New_York', (value) => isFilled(value) && isTimeZone(value));

// Patterns here and in the other validate-*.ts files spell classes in ASCII ([0-9], not \d):
// flow.schema.json copies them, and other languages' regex engines read \d and \w as Unicode.

/** 24-hour clock time, `00:00` to `23:59`, plus `24:00` for the end of a day. */
export const CLOCK_TIME = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

const isClockTime = matching(CLOCK_TIME);

/** A `["09:00", "17:00"]` pair of clock times; `then` gets the two times. */
export function clockPair(then: (run: Run, times: [string, string], path: string) => void): Check {
  return is('a pair of 24-hour times such as ["09:00", "17:00"]', (value) => Array.isArray(value) && value.length === 2 && value.every(isClockTime), then);
}
