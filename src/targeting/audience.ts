/** Audience rules: who (visitor, conditions), on what device and when a dialogue may play. */
import { firstFailing, readField, isText, type Audience, type Condition, type Lead, type ConditionContext } from '../engine/index.js';
import { checkSchedule } from './schedule.js';

/** Device classes a dialogue may target; detecting them is the UI's job. */
export type Device = 'desktop' | 'mobile';

/** What the audience rules look at besides the page. */
export interface AudienceContext {
  lead?: Lead;
  company?: Record<string, unknown>;
  /** Unknown device: device rules are not applied. */
  device?: Device;
  now: Date;
  /** The `page.*` fields conditions may read. */
  page: { url: string; path: string; referrer: string };
}

/** True when the lead has a non-empty email: contract §2's "known" visitor. */
export function isKnownVisitor(lead: Lead | undefined): boolean {
  const email = lead?.email;
  return isText(email) && email.trim() !== '';
}

function shown(value: unknown): string {
  if (value === undefined || value === null || (isText(value) && value.trim() === '')) return 'empty';
  let text: string;
  try { text = typeof value === 'object' ? JSON.stringify(value) : String(value); } catch { text = String(value); }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Every audience reason reads alike: "device is mobile, not desktop". */
function isNot(what: string, actual: string, wanted: string): string {
  return `${what} is ${actual}, not ${wanted}`;
}

/** A failed condition in a marketer's words: "company.industry is Retail, not equals Software". */
export function describeFailure({ field, op, value }: Condition, ctx: ConditionContext): string {
  if (op === 'isNotEmpty') return `${field} is empty`;
  const wanted = op === 'isEmpty' ? 'empty' : `${op} ${op === 'in' && Array.isArray(value) ? value.map(shown).join(', ') : shown(value)}`;
  return isNot(field, shown(readField(ctx, field)), wanted);
}

/** The condition context an audience reads (`lead.*`, `company.*`, `page.*`). */
export function conditionContext(ctx: AudienceContext): ConditionContext {
  return { lead: ctx.lead ?? {}, company: ctx.company ?? ctx.lead?.company, page: ctx.page };
}

/**
 * Why the visitor, device, conditions or schedule rule the dialogue out (the first that fails,
 * in that order), or null when they all hold. Pages are checked separately (pages.ts).
 */
export function checkAudience(audience: Audience | undefined, ctx: AudienceContext, conditions = conditionContext(ctx)): string | null {
  if (!audience || typeof audience !== 'object') return null;
  const { visitor, devices } = audience;
  const { device } = ctx;
  if (visitor === 'anonymous' || visitor === 'known') {
    const actual = isKnownVisitor(ctx.lead) ? 'known' : 'anonymous';
    if (actual !== visitor) return isNot('visitor', actual, visitor);
  }
  if (device !== undefined && Array.isArray(devices) && devices.length > 0 && !devices.includes(device)) return isNot('device', device, devices.join(' or '));
  const failed = Array.isArray(audience.conditions) ? firstFailing(audience.conditions, conditions) : undefined;
  return failed ? describeFailure(failed, conditions) : checkSchedule(audience.schedule, ctx.now);
}
