/**
 * The full validator's verdict on a flow, as the element reports it (stage 2, and the chunk the
 * loader imports when its own check doubts a flow): every problem with its path.
 */
import { validateFlow } from '../engine/index.js';
import type { FlowLoadResult } from './flow-source.js';

/** The validator's verdict as a load result: the flow, or `invalid-flow` with every problem. */
export function checkFlow(doc: unknown): FlowLoadResult {
  const result = validateFlow(doc);
  if (result.ok) return { ok: true, flow: result.flow };
  const { errors } = result;
  return {
    ok: false,
    error: {
      code: 'invalid-flow',
      message: `The flow is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}): ${errors[0].path} ${errors[0].message}`,
      errors: errors.map(({ path, message }) => ({ path, message })),
    },
  };
}
