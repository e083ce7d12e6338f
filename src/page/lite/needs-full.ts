/** Whether the loader's own targeting (no pattern engine, no schedules) can resolve a flow. */
import type { Flow } from '../../engine/index.js';

/**
 * The flow's audiences use a `matches` op, a `glob` page rule or a `schedule`: the loader then
 * imports the full targeting chunk first. A false alarm (a value spelled "glob") costs that chunk.
 */
export function needsFullTargeting(flow: Flow): boolean {
  try {
    return flow.dialogues.some((dialogue) => /"(matches|glob|schedule)"/.test(JSON.stringify(dialogue.audience ?? null)));
  } catch {
    return true;
  }
}
