/** Evaluates condition operators on dotted field paths. */
import type { Condition, ConditionOp, Lead } from './types.js';
import type { PageContext } from './state.js';
import { has, isText } from './guards.js';
import { matchesPattern } from './pattern.js';

/** What a condition's field path reads from. */
export interface ConditionContext {
  lead?: Lead;
  company?: Record<string, unknown>;
  answers?: Record<string, string>;
  page?: Partial<PageContext>;
}

const ROOTS = ['lead', 'company', 'answers', 'page'];

/** Reads a dotted path such as `company.size` or `answers.ask`; undefined when absent. */
export function readField(ctx: ConditionContext, path: string): unknown {
  const [root, ...rest] = path.split('.');
  if (!ROOTS.includes(root)) return undefined;
  let value: unknown = root === 'company' ? ctx.company ?? ctx.lead?.company : ctx[root as keyof ConditionContext];
  for (const key of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = has(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (isText(v) && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).toLowerCase();
}

function number(v: unknown): number {
  return typeof v === 'number' ? v : isText(v) && v.trim() !== '' ? Number(v) : NaN;
}

// Text comparisons are case-insensitive, as marketers expect ("software" equals "Software").
const TESTS: Record<ConditionOp, (actual: unknown, expected: unknown) => boolean> = {
  equals: (a, e) => text(a) === text(e),
  notEquals: (a, e) => text(a) !== text(e),
  contains: (a, e) => text(a).includes(text(e)),
  notContains: (a, e) => !text(a).includes(text(e)),
  startsWith: (a, e) => text(a).startsWith(text(e)),
  endsWith: (a, e) => text(a).endsWith(text(e)),
  isEmpty,
  isNotEmpty: (a) => !isEmpty(a),
  gt: (a, e) => number(a) > number(e),
  gte: (a, e) => number(a) >= number(e),
  lt: (a, e) => number(a) < number(e),
  lte: (a, e) => number(a) <= number(e),
  in: (a, e) => Array.isArray(e) && e.some((item) => text(item) === text(a)),
  // Linear time, so an answer or a lead field crafted against the pattern cannot freeze the page.
  matches: (a, e) => matchesPattern(String(e ?? ''), a === undefined || a === null ? '' : String(a)),
};

/** Every operator a condition may use. */
export const CONDITION_OPS = Object.keys(TESTS) as readonly ConditionOp[];

/** True when the condition holds; an unknown operator never holds. */
export function testCondition(condition: Condition, ctx: ConditionContext): boolean {
  return has(TESTS, condition.op) && TESTS[condition.op](readField(ctx, condition.field), condition.value);
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
