/** Building blocks of validateFlow: the problem list, JSON pointers and typed field checks. */
import type { FlowProblem } from './types.js';

/** Collects every problem of one document, in document order. */
export class Problems {
  /** Errors and warnings as they were found. */
  readonly list: FlowProblem[] = [];

  /** Records a problem that makes the flow invalid. */
  error(path: string, message: string): void {
    this.list.push({ path, message, level: 'error' });
  }

  /** Records a problem worth fixing that does not stop the flow from playing. */
  warn(path: string, message: string): void {
    this.list.push({ path, message, level: 'warning' });
  }
}

/** A plain JSON object (not null, not an array). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when `key` is the object's own property (card ids like `constructor` are not inherited). */
export function has(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Appends one segment to a JSON pointer, escaping `~` and `/` as RFC 6901 asks. */
export function pointer(base: string, key: string | number): string {
  const text = String(key);
  // Most keys need no escaping; skipping the replaces keeps validation of big flows fast.
  if (!text.includes('~') && !text.includes('/')) return `${base}/${text}`;
  return `${base}/${text.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

// Ids and words that need no escaping inside quotes (the common case, kept cheap).
const SIMPLE = /^[\w .:@/+-]*$/;

/** A value quoted for a message, cut short so a 10 MB string never ends up in one. */
export function quote(value: string): string {
  if (value.length <= 60 && SIMPLE.test(value)) return `"${value}"`;
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}

/** What a value is, in a marketer's words. */
export function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'an object';
}

/** Warns about keys the flow format does not know (usually a typo such as `nxt`). */
export function checkKeys(p: Problems, obj: JsonObject, path: string, label: string, known: ReadonlySet<string>): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) p.warn(pointer(path, key), `${label}: "${key}" is not a key dynamic-chat knows here, so it is ignored (a typo?).`);
  }
}

/** Options of the typed field checks. */
export interface FieldRules {
  required?: boolean;
  /** For text: must not be empty. */
  nonEmpty?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
}

function missing(p: Problems, path: string, label: string, key: string): void {
  p.error(pointer(path, key), `${label} needs "${key}".`);
}

/** Reads a text field; reports a wrong type, a missing required or an empty non-empty one. */
export function textField(p: Problems, obj: JsonObject, key: string, path: string, label: string, rules: FieldRules = {}): string | undefined {
  if (!has(obj, key)) {
    if (rules.required) missing(p, path, label, key);
    return undefined;
  }
  const value = obj[key];
  if (typeof value !== 'string') {
    p.error(pointer(path, key), `${label}: "${key}" must be text, not ${kindOf(value)}.`);
    return undefined;
  }
  if (rules.nonEmpty && value === '') {
    p.error(pointer(path, key), `${label}: "${key}" must not be empty.`);
    return undefined;
  }
  return value;
}

/** Reads a number field within the given bounds. */
export function numberField(p: Problems, obj: JsonObject, key: string, path: string, label: string, rules: FieldRules = {}): number | undefined {
  if (!has(obj, key)) {
    if (rules.required) missing(p, path, label, key);
    return undefined;
  }
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    p.error(pointer(path, key), `${label}: "${key}" must be a number, not ${kindOf(value)}.`);
    return undefined;
  }
  if (rules.integer && !Number.isInteger(value)) {
    p.error(pointer(path, key), `${label}: "${key}" must be a whole number, not ${value}.`);
    return undefined;
  }
  if ((rules.min !== undefined && value < rules.min) || (rules.max !== undefined && value > rules.max)) {
    const range = rules.max === undefined ? `at least ${rules.min}` : rules.min === undefined ? `at most ${rules.max}` : `between ${rules.min} and ${rules.max}`;
    p.error(pointer(path, key), `${label}: "${key}" must be ${range}, not ${value}.`);
    return undefined;
  }
  return value;
}

/** Reads a true/false field. */
export function booleanField(p: Problems, obj: JsonObject, key: string, path: string, label: string): boolean | undefined {
  if (!has(obj, key)) return undefined;
  const value = obj[key];
  if (typeof value !== 'boolean') {
    p.error(pointer(path, key), `${label}: "${key}" must be true or false, not ${kindOf(value)}.`);
    return undefined;
  }
  return value;
}

/** Reads a field that must be one of a few words. */
export function choiceField<T extends string>(p: Problems, obj: JsonObject, key: string, path: string, label: string, allowed: readonly T[], required = false): T | undefined {
  if (!has(obj, key)) {
    if (required) missing(p, path, label, key);
    return undefined;
  }
  const value = obj[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const shown = typeof value === 'string' ? quote(value) : kindOf(value);
    p.error(pointer(path, key), `${label}: "${key}" must be one of ${allowed.join(', ')}, not ${shown}.`);
    return undefined;
  }
  return value as T;
}

/** Reads an object field; reports anything else. */
export function objectField(p: Problems, obj: JsonObject, key: string, path: string, label: string, required = false): JsonObject | undefined {
  if (!has(obj, key)) {
    if (required) missing(p, path, label, key);
    return undefined;
  }
  const value = obj[key];
  if (!isObject(value)) {
    p.error(pointer(path, key), `${label}: "${key}" must be an object ({ … }), not ${kindOf(value)}.`);
    return undefined;
  }
  return value;
}

/** Reads a list field; reports anything else. */
export function listField(p: Problems, obj: JsonObject, key: string, path: string, label: string, required = false): unknown[] | undefined {
  if (!has(obj, key)) {
    if (required) missing(p, path, label, key);
    return undefined;
  }
  const value = obj[key];
  if (!Array.isArray(value)) {
    p.error(pointer(path, key), `${label}: "${key}" must be a list ([ … ]), not ${kindOf(value)}.`);
    return undefined;
  }
  return value;
}

/** True when `source` compiles as a RegExp the way rules use it (case-insensitive). */
export function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

const zoneCache = new Map<string, boolean>();

/** True for an IANA time zone the runtime knows (`Europe/Rome`); results are cached. */
export function isValidTimeZone(zone: string): boolean {
  const hit = zoneCache.get(zone);
  if (hit !== undefined) return hit;
  let ok = zone !== '';
  if (ok) {
    try { new Intl.DateTimeFormat('en', { timeZone: zone }); } catch { ok = false; }
  }
  if (zoneCache.size > 500) zoneCache.clear();
  zoneCache.set(zone, ok);
  return ok;
}

/** 24-hour clock time, `00:00` to `23:59`, plus `24:00` for the end of a day. */
export const CLOCK_TIME = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
