/** validateFlow's checks of a dialogue's audience (pages, conditions, schedule) and trigger. */
import { CONDITION_OPS } from './conditions.js';
import {
  CLOCK_TIME, Problems, checkKeys, choiceField, has, isObject, isValidRegExp, isValidTimeZone, kindOf, listField,
  numberField, objectField, pointer, quote, textField, type JsonObject,
} from './validate-util.js';

/** Page match operators of contract §2. */
export const PAGE_MATCHES = ['equals', 'contains', 'startsWith', 'endsWith', 'matches', 'glob', 'param'] as const;

/** Trigger kinds of contract §2. */
export const TRIGGERS = ['load', 'timeOnPage', 'timeOnSite', 'scroll', 'exit', 'idle', 'click'] as const;

/** A condition's field: `lead.*`, `company.*`, `answers.<cardId>`, `page.url|path|referrer`. */
export const CONDITION_FIELD = /^(?:(?:lead|company|answers)\.\S+|page\.(?:url|path|referrer))$/;

/** A number written as text (`"200"`, `"-1.5"`, `"2e3"`), as numeric comparisons accept it. */
export const NUMERIC_TEXT = /^\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/;

/** A calendar date as schedules write it. */
export const DATE = /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;

const AUDIENCE_KEYS = new Set(['pages', 'excludePages', 'visitor', 'conditions', 'devices', 'schedule']);
const RULE_KEYS = new Set(['match', 'value', 'name']);
const CONDITION_KEYS = new Set(['field', 'op', 'value']);
const SCHEDULE_KEYS = new Set(['from', 'until', 'timeZone', 'days', 'hours']);
const TRIGGER_KEYS: Record<string, Set<string>> = {
  load: new Set(['on']), exit: new Set(['on']),
  timeOnPage: new Set(['on', 'seconds']), timeOnSite: new Set(['on', 'seconds']), idle: new Set(['on', 'seconds']),
  scroll: new Set(['on', 'percent']), click: new Set(['on', 'selector']),
};
const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte']);
const EMPTY_OPS = new Set(['isEmpty', 'isNotEmpty']);

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function checkPageRule(p: Problems, rule: unknown, path: string, label: string): void {
  if (!isObject(rule)) {
    p.error(path, `${label}: each page rule must be an object such as { "match": "contains", "value": "/pricing" }, not ${kindOf(rule)}.`);
    return;
  }
  checkKeys(p, rule, path, label, RULE_KEYS);
  const match = choiceField(p, rule, 'match', path, label, PAGE_MATCHES, true);
  if (match === 'param') {
    textField(p, rule, 'name', path, label, { required: true, nonEmpty: true });
    textField(p, rule, 'value', path, label);
    return;
  }
  const value = textField(p, rule, 'value', path, label, { required: true, nonEmpty: true });
  if (match === 'matches' && value !== undefined && !isValidRegExp(value)) {
    p.error(pointer(path, 'value'), `${label}: ${quote(value)} is not a valid regular expression.`);
  }
}

function checkPageRules(p: Problems, audience: JsonObject, key: string, path: string, label: string): void {
  const rules = listField(p, audience, key, path, label);
  rules?.forEach((rule, i) => checkPageRule(p, rule, pointer(pointer(path, key), i), `${label}, ${key} rule ${i + 1}`));
}

/** Checks one condition (audience or branch); returns its field when it is well formed. */
export function checkCondition(p: Problems, condition: unknown, path: string, label: string): string | undefined {
  if (!isObject(condition)) {
    p.error(path, `${label}: a condition must be an object such as { "field": "lead.email", "op": "isNotEmpty" }, not ${kindOf(condition)}.`);
    return undefined;
  }
  checkKeys(p, condition, path, label, CONDITION_KEYS);
  const field = textField(p, condition, 'field', path, label, { required: true });
  if (field !== undefined && !CONDITION_FIELD.test(field)) {
    p.error(pointer(path, 'field'), `${label}: the field ${quote(field)} must start with lead., company. or answers., or be page.url, page.path or page.referrer.`);
  }
  const op = choiceField(p, condition, 'op', path, label, CONDITION_OPS, true);
  if (op === undefined || EMPTY_OPS.has(op)) return field;
  const at = pointer(path, 'value');
  const value = condition.value;
  if (!has(condition, 'value')) {
    p.error(at, `${label}: the operator ${op} needs a "value" to compare with.`);
  } else if (op === 'in') {
    if (!Array.isArray(value) || !value.every(isScalar)) p.error(at, `${label}: the operator in needs a list of values, such as ["Software", "Retail"].`);
  } else if (NUMERIC_OPS.has(op)) {
    const numeric = typeof value === 'number' || (typeof value === 'string' && NUMERIC_TEXT.test(value));
    if (!numeric) p.error(at, `${label}: the operator ${op} compares numbers, so "value" must be a number, not ${kindOf(value)}.`);
  } else if (op === 'matches') {
    if (typeof value !== 'string') p.error(at, `${label}: the operator matches needs a regular expression as text, not ${kindOf(value)}.`);
    else if (!isValidRegExp(value)) p.error(at, `${label}: ${quote(value)} is not a valid regular expression.`);
  } else if (!isScalar(value)) {
    p.error(at, `${label}: "value" must be text, a number or true/false, not ${kindOf(value)}.`);
  }
  return field;
}

function checkSchedule(p: Problems, schedule: JsonObject, path: string, label: string): void {
  checkKeys(p, schedule, path, label, SCHEDULE_KEYS);
  const dates: Array<string | undefined> = ['from', 'until'].map((key) => {
    const date = textField(p, schedule, key, path, label);
    if (date === undefined) return undefined;
    if (!DATE.test(date)) {
      p.error(pointer(path, key), `${label}: "${key}" must be a date written as YYYY-MM-DD, not ${quote(date)}.`);
      return undefined;
    }
    return date;
  });
  if (dates[0] !== undefined && dates[1] !== undefined && dates[0] > dates[1]) {
    p.error(pointer(path, 'until'), `${label}: the schedule ends (${dates[1]}) before it starts (${dates[0]}).`);
  }
  const zone = textField(p, schedule, 'timeZone', path, label, { nonEmpty: true });
  if (zone !== undefined && !isValidTimeZone(zone)) {
    p.error(pointer(path, 'timeZone'), `${label}: ${quote(zone)} is not a time zone; use a name such as Europe/Rome or America/New_York.`);
  }
  const days = listField(p, schedule, 'days', path, label);
  if (days) {
    days.forEach((day, i) => {
      if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7) {
        p.error(pointer(pointer(path, 'days'), i), `${label}: days are numbered 1 (Monday) to 7 (Sunday), not ${typeof day === 'number' ? day : kindOf(day)}.`);
      }
    });
  }
  if (has(schedule, 'hours')) {
    const hours = schedule.hours;
    const ok = Array.isArray(hours) && hours.length === 2 && hours.every((t) => typeof t === 'string' && CLOCK_TIME.test(t));
    if (!ok) p.error(pointer(path, 'hours'), `${label}: "hours" must be a pair of 24-hour times such as ["09:00", "18:00"].`);
    else if (hours[0] === hours[1]) p.error(pointer(path, 'hours'), `${label}: the hours start and end at the same time, so the dialogue would never show.`);
  }
}

/** Checks `audience`. */
export function checkAudience(p: Problems, audience: JsonObject, path: string, label: string): void {
  checkKeys(p, audience, path, label, AUDIENCE_KEYS);
  checkPageRules(p, audience, 'pages', path, label);
  checkPageRules(p, audience, 'excludePages', path, label);
  choiceField(p, audience, 'visitor', path, label, ['anonymous', 'known', 'any']);
  const conditions = listField(p, audience, 'conditions', path, label);
  conditions?.forEach((c, i) => checkCondition(p, c, pointer(pointer(path, 'conditions'), i), `${label}, condition ${i + 1}`));
  const devices = listField(p, audience, 'devices', path, label);
  devices?.forEach((device, i) => {
    if (device !== 'desktop' && device !== 'mobile') {
      const shown = typeof device === 'string' ? quote(device) : kindOf(device);
      p.error(pointer(pointer(path, 'devices'), i), `${label}: devices are desktop or mobile, not ${shown}.`);
    }
  });
  const schedule = objectField(p, audience, 'schedule', path, label);
  if (schedule) checkSchedule(p, schedule, pointer(path, 'schedule'), `${label}, schedule`);
}

/** Checks `trigger`. */
export function checkTrigger(p: Problems, trigger: JsonObject, path: string, label: string): void {
  const on = choiceField(p, trigger, 'on', path, label, TRIGGERS, true);
  if (on === undefined) return;
  checkKeys(p, trigger, path, label, TRIGGER_KEYS[on]);
  if (on === 'timeOnPage' || on === 'timeOnSite' || on === 'idle') numberField(p, trigger, 'seconds', path, label, { required: true, min: 0 });
  if (on === 'scroll') numberField(p, trigger, 'percent', path, label, { required: true, min: 0, max: 100 });
  if (on === 'click') textField(p, trigger, 'selector', path, label, { required: true, nonEmpty: true });
}
