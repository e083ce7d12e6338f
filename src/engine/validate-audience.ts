/** validateFlow's description of a dialogue's audience (pages, conditions, schedule) and trigger. */
import { CONDITION_OPS } from './conditions.js';
import type { ConditionOp } from './types.js';
import {
  ANY, FILLED, GLOB, PATTERN, REGEXP, TEXT, TIME_ZONE, clockPair, is, listOf, matching, missing, number, oneOf, report, shape, variant,
  type Check, type Run,
} from './validate-util.js';

/** A condition's field: `lead.*`, `company.*`, `answers.<cardId>`, `page.url|path|referrer`. */
export const CONDITION_FIELD = /^(?:(?:lead|company|answers)\.\S+|page\.(?:url|path|referrer))$/;

/** A number written as text (`"200"`, `"-1.5"`, `"2e3"`), as numeric comparisons accept it. */
export const NUMERIC_TEXT = /^\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*$/;

/** A calendar date as schedules write it. */
export const DATE = /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;

const isScalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);

// What a condition's `value` must be, by operator; the empty-tests need none.
const NO_VALUE = ['isEmpty', 'isNotEmpty'];
const VALUES: Record<string, Check> = {
  in: listOf(ANY, 'a list of values such as ["Software", "Retail"]', (list) => list.every(isScalar)),
  matches: REGEXP,
};
const isNumericText = matching(NUMERIC_TEXT);
const NUMERIC = is('a number', (value) => typeof value === 'number' || isNumericText(value));
for (const op of ['gt', 'gte', 'lt', 'lte']) VALUES[op] = NUMERIC;
const SCALAR = is('text, a number or true/false', isScalar);

/** The description of the fields a condition may read. */
export const FIELDS = 'lead.…, company.…, answers.<id of a card of this dialogue>, page.url, page.path or page.referrer';

/** A condition (audience or branch) whose `field` passes `isField`. */
export function condition(isField: (field: unknown, run: Run) => boolean): Check {
  return shape({ field: is(FIELDS, isField), op: oneOf(CONDITION_OPS), value: ANY }, ['field', 'op'], (run, { op, value }, path) => {
    if (!CONDITION_OPS.includes(op as ConditionOp) || NO_VALUE.includes(op as string)) return;
    if (value === undefined) missing(run, path, 'value');
    else (VALUES[op as string] ?? SCALAR)(run, value, `${path}/value`);
  });
}

// Page rules: `param` names a query parameter; the others compare `value` with the page's URL.
const PAGE_RULE = shape({ match: ANY, value: FILLED, name: ANY }, ['value']);
/** Page rules by match operator (contract §2). */
export const PAGE_RULE_SHAPES: Record<string, Check> = {
  equals: PAGE_RULE,
  contains: PAGE_RULE,
  startsWith: PAGE_RULE,
  endsWith: PAGE_RULE,
  matches: shape({ match: ANY, value: PATTERN, name: ANY }, ['value']),
  glob: shape({ match: ANY, value: GLOB, name: ANY }, ['value']),
  param: shape({ match: ANY, name: FILLED, value: TEXT }, ['name']),
};
const PAGE_RULES = listOf(variant('match', PAGE_RULE_SHAPES, PAGE_RULE));

const DAY = is('a day from 1 (Monday) to 7 (Sunday)', (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 7);
const isDate = matching(DATE);
const DATE_CHECK = is('a date written as YYYY-MM-DD', isDate);

/** `audience`: every key is optional. */
export const AUDIENCE = shape({
  pages: PAGE_RULES,
  excludePages: PAGE_RULES,
  visitor: oneOf(['anonymous', 'known', 'any']),
  conditions: listOf(condition(matching(CONDITION_FIELD))),
  devices: listOf(oneOf(['desktop', 'mobile'])),
  schedule: shape({
    from: DATE_CHECK,
    until: DATE_CHECK,
    timeZone: TIME_ZONE,
    days: listOf(DAY),
    hours: clockPair((run, [from, until], path) => {
      if (from === until) report(run, path, 'The hours start and end at the same time, so the dialogue would never show.');
    }),
  }, [], (run, { from, until }, path) => {
    if (isDate(from) && isDate(until) && (from as string) > (until as string)) {
      report(run, `${path}/until`, `The schedule ends (${until}) before it starts (${from}).`);
    }
  }),
});

const BARE = shape({ on: ANY });
const SECONDS = shape({ on: ANY, seconds: number(0) }, ['seconds']);

/** Triggers by kind (contract §2). */
export const TRIGGER_SHAPES: Record<string, Check> = {
  load: BARE,
  timeOnPage: SECONDS,
  timeOnSite: SECONDS,
  scroll: shape({ on: ANY, percent: number(0, 100) }, ['percent']),
  exit: BARE,
  idle: SECONDS,
  click: shape({ on: ANY, selector: FILLED }, ['selector']),
};

/** `trigger`: its `on` says which other key it needs. */
export const TRIGGER = variant('on', TRIGGER_SHAPES);
