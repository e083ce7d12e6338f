/**
 * Reading untrusted input: objects with known keys only, strings within length limits, ISO
 * instants, time zones. Every refusal is a Problem (400) naming the JSON-pointer path.
 */
import { Problem } from './problem.js';

/** Length limits of what visitors send. */
export const LIMITS = {
  id: 200,
  page: 2048,
  fieldName: 64,
  fieldValue: 2000,
  fieldsPerSubmission: 50,
  eventsPerBatch: 100,
  goal: 200,
  inviteMessage: 4000,
  leadKeys: 50,
} as const;

type Json = Record<string, unknown>;

/** The object at `path`, refusing any key not in `allowed`. */
export function objectAt(value: unknown, path: string, allowed: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Problem(400, 'Expected an object.', path || '/');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Problem(400, `Unknown field "${key.slice(0, 64)}".`, `${path}/${pointer(key)}`);
  }
  return value as Json;
}

/** A non-empty string of at most `max` characters. */
export function text(value: unknown, path: string, max: number, optional = false): string {
  if (value === undefined && optional) return '';
  if (typeof value !== 'string') throw new Problem(400, 'Expected a string.', path);
  if (!optional && value.length === 0) throw new Problem(400, 'Must not be empty.', path);
  if (value.length > max) throw new Problem(400, `Longer than ${max} characters.`, path);
  return value;
}

/** An ISO 8601 instant, returned as the canonical `toISOString()` form. */
export function instant(value: unknown, path: string): string {
  const raw = text(value, path, 64);
  // A date with a time and a zone: a bare date or a zone-less time would mean different instants on different servers.
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms)) throw new Problem(400, 'Expected an ISO 8601 instant with a time zone (e.g. 2026-03-01T09:00:00Z).', path);
  return new Date(ms).toISOString();
}

/** An IANA time zone name Intl knows. */
export function timeZone(value: unknown, path: string): string {
  const zone = text(value, path, 64);
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Problem(400, `Unknown time zone "${zone}".`, path);
  }
  return zone;
}

/** An integer in [min, max]. */
export function integer(value: unknown, path: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new Problem(400, `Expected a whole number from ${min} to ${max}.`, path);
  return n;
}

/** A flat map of field names to string values, within the limits. */
export function fieldMap(value: unknown, path: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Problem(400, 'Expected an object of fields.', path);
  const entries = Object.entries(value);
  if (entries.length === 0) throw new Problem(400, 'No fields.', path);
  if (entries.length > LIMITS.fieldsPerSubmission) throw new Problem(400, `More than ${LIMITS.fieldsPerSubmission} fields.`, path);
  const fields: Record<string, string> = {};
  for (const [name, raw] of entries) {
    const at = `${path}/${pointer(name)}`;
    if (!/^[A-Za-z][\w.-]*$/.test(name) || name.length > LIMITS.fieldName) throw new Problem(400, 'Field names are letters, digits, _ . - (at most 64).', at);
    fields[name] = text(raw, at, LIMITS.fieldValue, true);
  }
  return fields;
}

/** A JSON pointer segment. */
function pointer(key: string): string {
  return key.slice(0, 64).replace(/~/g, '~0').replace(/\//g, '~1');
}
