/** Targeting: page rules, audiences, schedules, dialogue resolution and round-robin routing (pure). */
export { resolveDialogue } from './resolve.js';
export type { ResolveContext, Resolution, Explanation } from './resolve.js';
export { matchPage, matchTarget, checkPages, describeRule } from './pages.js';
export { parsePageUrl } from './url.js';
export type { PageTarget } from './url.js';
export { checkAudience, isKnownVisitor, describeFailure, conditionContext } from './audience.js';
export type { AudienceContext, Device } from './audience.js';
export { checkSchedule, localTime, parseClock, DEFAULT_TIME_ZONE } from './schedule.js';
export type { LocalTime } from './schedule.js';
export { roundRobin } from './round-robin.js';
