/** Loads a flow document from a URL or from a `<script type="application/json">` on the page, and checks it is playable. */
import type { Flow } from '../engine/types.js';
import { validateFlow } from '../engine/validate.js';
import type { ChatErrorDetail } from '../stores/events.js';

/** The raw document, or why it could not be read. */
export type FlowSourceResult = { ok: true; doc: unknown } | { ok: false; message: string };

/** Reads `#id` from the page or fetches a URL; a 404 or a non-JSON answer is a value, not a throw. */
export async function loadFlowSource(source: string, doc: Document): Promise<FlowSourceResult> {
  if (source.startsWith('#')) {
    const script = doc.getElementById(source.slice(1));
    if (!script) return { ok: false, message: `No element with id "${source.slice(1)}" holds the flow.` };
    try {
      return { ok: true, doc: JSON.parse(script.textContent ?? '') };
    } catch (error) {
      return { ok: false, message: `The flow in ${source} is not JSON: ${(error as Error).message}` };
    }
  }
  let url: URL;
  try {
    url = new URL(source, doc.baseURI);
  } catch {
    return { ok: false, message: `"${source}" is not a URL or an #id.` };
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch (error) {
    return { ok: false, message: `The flow ${url.href} could not be fetched: ${(error as Error).message}` };
  }
  if (!response.ok) return { ok: false, message: `The flow ${url.href} answered ${response.status}.` };
  try {
    return { ok: true, doc: JSON.parse(await response.text()) };
  } catch {
    return { ok: false, message: `The flow ${url.href} is not JSON.` };
  }
}

/** A playable flow, or the `dc-error` detail saying why there is none. */
export type FlowLoadResult = { ok: true; flow: Flow } | { ok: false; error: ChatErrorDetail };

/** The element's `flow` (an object, a URL or an `#id`) read and validated; never throws. */
export async function loadFlow(source: unknown, doc: Document): Promise<FlowLoadResult> {
  let raw: unknown;
  if (source && typeof source === 'object') {
    raw = source;
  } else if (typeof source !== 'string' || source.trim() === '') {
    return { ok: false, error: { code: 'flow-load-failed', message: 'No flow: set the flow attribute (URL or #id) or the flow property.' } };
  } else {
    const loaded = await loadFlowSource(source.trim(), doc);
    if (!loaded.ok) return { ok: false, error: { code: 'flow-load-failed', message: loaded.message } };
    raw = loaded.doc;
  }
  const result = validateFlow(raw);
  if (result.ok) return { ok: true, flow: result.flow };
  const first = result.errors[0];
  return {
    ok: false,
    error: {
      code: 'invalid-flow',
      message: `The flow is invalid (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'})${first ? `: ${first.path} ${first.message}` : ''}`,
      errors: result.errors.map(({ path, message }) => ({ path, message })),
    },
  };
}
