/** Audience rules: who (visitor, conditions), on what device and when a dialogue may play. */
import { firstFailing, isText, type Audience, type Lead, type ConditionContext } from '../engine/index.js';
import { describeFailure, isNot } from './reasons.js';
import { checkSchedule } from './schedule.js';

export { describeFailure };

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
