/** The words of the reasons resolveDialogue gives (the loader never reads them: lite/reasons.ts). */
import { isText, readField, type Condition, type ConditionContext, type PageRule } from '../engine/index.js';

/** A rule in a marketer's words: `startsWith /pricing/internal`, `param utm_source=ads`. */
export function describeRule(rule: PageRule): string {
  if (rule?.match === 'param') {
    const value = isText(rule.value) ? rule.value.trim() : '';
    return value === '' || value === '*' ? `param ${rule.name} present` : `param ${rule.name}=${value}`;
  }
  return `${rule?.match} ${rule?.value}`;
}

/** Up to three rules described, then how many more. */
export function listRules(rules: PageRule[]): string {
  const shown = rules.slice(0, 3).map(describeRule).join(', ');
  return rules.length > 3 ? `${shown} and ${rules.length - 3} more` : shown;
}


/** Why a dialogue cannot play, in words, besides its pages and audience. */
export const REASONS = {
  session: 'already shown in this session (frequency session)',
  once: 'already completed (frequency once)',
  killed: 'kill switch: settings.enabled is false',
  disabled: 'dialogue is disabled (enabled is false)',
  malformed: 'targeting rules are malformed (validateFlow lists the problems)',
};

function shown(value: unknown): string {
  if (value === undefined || value === null || (isText(value) && value.trim() === '')) return 'empty';
  let text: string;
  try { text = typeof value === 'object' ? JSON.stringify(value) : String(value); } catch { text = String(value); }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Every audience reason reads alike: "device is mobile, not desktop". */
export function isNot(what: string, actual: string, wanted: string): string {
  return `${what} is ${actual}, not ${wanted}`;
}

/** A failed condition in a marketer's words: "company.industry is Retail, not equals Software". */
export function describeFailure({ field, op, value }: Condition, ctx: ConditionContext): string {
  if (op === 'isNotEmpty') return `${field} is empty`;
  const wanted = op === 'isEmpty' ? 'empty' : `${op} ${op === 'in' && Array.isArray(value) ? value.map(shown).join(', ') : shown(value)}`;
  return isNot(field, shown(readField(ctx, field)), wanted);
}
