/**
 * The loader's stand-in for `targeting/schedule.ts` (the script-tag build swaps it in): time
 * zones and schedules stay in a chunk. The loader uses its own targeting only for flows whose
 * audiences have no `schedule` (`needsFullTargeting`); were one asked about, it would rule the
 * dialogue out.
 */

/** Null without a schedule; the full targeting chunk handles flows with one. */
export const checkSchedule = (schedule: unknown): string | null => (schedule ? 'outside schedule' : null);
