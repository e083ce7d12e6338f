/** Audience rules: who (visitor, conditions), on what device and when a dialogue may play. */
import type { Audience, Condition, Lead } from '../engine/types.js';
import { firstFailing, readField, type ConditionContext } from '../engine/conditions.js';
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
  return typeof email === 'string' && email.trim() !== '';
}

function shown(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return 'empty';
  let text: string;
  if (typeof value === 'object') {
    try { text = JSON.stringify(value); } catch { text = String(value); }
  } else {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A failed condition in a marketer's words: "company.industry is Retail, not equals Software". */
export function describeFailure(condition: Condition, ctx: ConditionContext): string {
  const actual = shown(readField(ctx, condition.field));
  switch (condition.op) {
    case 'isEmpty': return `${condition.field} is ${actual}, not empty`;
    case 'isNotEmpty': return `${condition.field} is empty`;
    case 'in': {
      const list = Array.isArray(condition.value) ? condition.value.map(shown).join(', ') : shown(condition.value);
      return `${condition.field} is ${actual}, not in ${list}`;
    }
    default: return `${condition.field} is ${actual}, not ${condition.op} ${shown(condition.value)}`;
  }
}

function checkVisitor(wanted: Audience['visitor'], lead: Lead | undefined): string | null {
  if (wanted !== 'anonymous' && wanted !== 'known') return null;
  const actual = isKnownVisitor(lead) ? 'known' : 'anonymous';
  return actual === wanted ? null : `visitor is ${actual} but the dialogue targets ${wanted} visitors`;
}

function checkDevice(devices: Audience['devices'], device: Device | undefined): string | null {
  if (device === undefined || !Array.isArray(devices) || devices.length === 0) return null;
  return devices.includes(device) ? null : `device is ${device} but the dialogue targets ${devices.join(' and ')} only`;
}

/** The condition context an audience reads (`lead.*`, `company.*`, `page.*`). */
export function conditionContext(ctx: AudienceContext): ConditionContext {
  return { lead: ctx.lead ?? {}, company: ctx.company ?? ctx.lead?.company, page: ctx.page };
}

/**
 * Why the visitor, device, conditions or schedule rule the dialogue out (the first that fails,
 * in that order), or null when they all hold. Pages are checked separately (pages.ts).
 */
export function checkAudience(audience: Audience | undefined, ctx: AudienceContext, conditions?: ConditionContext): string | null {
  if (!audience || typeof audience !== 'object') return null;
  const visitor = checkVisitor(audience.visitor, ctx.lead);
  if (visitor) return visitor;
  const device = checkDevice(audience.devices, ctx.device);
  if (device) return device;
  if (Array.isArray(audience.conditions) && audience.conditions.length > 0) {
    const cctx = conditions ?? conditionContext(ctx);
    const failed = firstFailing(audience.conditions, cctx);
    if (failed) return describeFailure(failed, cctx);
  }
  return checkSchedule(audience.schedule, ctx.now);
}
