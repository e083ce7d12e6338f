/** Whether the loader's own targeting (no pattern engine, no schedules) can resolve a flow. */
import type { Flow } from '../../engine/index.js';

/**
 * The flow's audiences use a `matches` op or a `schedule`: the loader then imports the full
 * targeting chunk first (`glob` page rules it matches itself, see glob.ts). A false alarm (a value
 * spelled "matches") costs that chunk.
 */
export function needsFullTargeting(flow: Flow): boolean {
  try {
    return flow.dialogues.some((dialogue) => /"(matches|schedule)"/.test(JSON.stringify(dialogue.audience ?? null)));
  } catch {
    return true;
  }
}
