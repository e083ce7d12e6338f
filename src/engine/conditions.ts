/** Evaluates condition operators on dotted field paths. */
import type { Condition, ConditionOp, Lead } from './types.js';
import type { PageContext } from './state.js';

/** What a condition's field path reads from. */
export interface ConditionContext {
  lead?: Lead;
  company?: Record<string, unknown>;
  answers?: Record<string, string>;
  page?: Partial<PageContext>;
}

/** Every operator a condition may use. */
export const CONDITION_OPS: readonly ConditionOp[] = [
  'equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith',
  'isEmpty', 'isNotEmpty', 'gt', 'gte', 'lt', 'lte', 'in', 'matches',
];

/** Reads a dotted path such as `company.size` or `answers.ask`; undefined when absent. */
export function readField(ctx: ConditionContext, path: string): unknown {
  const [root, ...rest] = path.split('.');
  let value: unknown;
  if (root === 'lead') value = ctx.lead;
  else if (root === 'company') value = ctx.company ?? ctx.lead?.company;
  else if (root === 'answers') value = ctx.answers;
  else if (root === 'page') value = ctx.page;
  else return undefined;
  for (const key of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).toLowerCase();
}

function number(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
}

// Text comparisons are case-insensitive, as marketers expect ("software" equals "Software").
function compare(op: ConditionOp, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'equals': return text(actual) === text(expected);
    case 'notEquals': return text(actual) !== text(expected);
    case 'contains': return text(actual).includes(text(expected));
    case 'notContains': return !text(actual).includes(text(expected));
    case 'startsWith': return text(actual).startsWith(text(expected));
    case 'endsWith': return text(actual).endsWith(text(expected));
    case 'isEmpty': return isEmpty(actual);
    case 'isNotEmpty': return !isEmpty(actual);
    case 'gt': return number(actual) > number(expected);
    case 'gte': return number(actual) >= number(expected);
    case 'lt': return number(actual) < number(expected);
    case 'lte': return number(actual) <= number(expected);
    case 'in': return Array.isArray(expected) && expected.some((e) => text(e) === text(actual));
    case 'matches':
      try { return new RegExp(String(expected ?? ''), 'i').test(actual === undefined || actual === null ? '' : String(actual)); }
      catch { return false; }
    default: return false;
  }
}

/** True when the condition holds; an unknown operator never holds. */
export function testCondition(condition: Condition, ctx: ConditionContext): boolean {
  return compare(condition.op, readField(ctx, condition.field), condition.value);
}

/** True when every condition holds (an empty list holds). */
export function testAll(conditions: Condition | Condition[] | undefined, ctx: ConditionContext): boolean {
  if (!conditions) return true;
  const list = Array.isArray(conditions) ? conditions : [conditions];
  return list.every((c) => testCondition(c, ctx));
}

/** The first condition that fails, for explanations; undefined when all hold. */
export function firstFailing(conditions: Condition[] | undefined, ctx: ConditionContext): Condition | undefined {
  return (conditions ?? []).find((c) => !testCondition(c, ctx));
}
