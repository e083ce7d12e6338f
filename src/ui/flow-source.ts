/** Loads a flow document from a URL or from a `<script type="application/json">` on the page, and checks it is playable. */
import type { Flow } from '../engine/types.js';
import { validateFlow } from '../engine/validate.js';
import type { ChatErrorDetail } from '../stores/events.js';

/** The raw document, or why it could not be read. */
export type FlowSourceResult = { ok: true; doc: unknown } | { ok: false; message: string };

/** Reads `#id` from the page or fetches a URL; a 404 or a non-JSON answer is a value, not a throw. */
export async function loadFlowSource(source: string, doc: Document): Promise<FlowSourceResult> {
  // What failed if the next step throws; the thrown error's text follows it.
  let problem = `"${source}" is not a URL or an #id`;
  try {
    let text: string | null | undefined;
    if (source.startsWith('#')) {
      text = doc.getElementById(source.slice(1))?.textContent;
      if (text == null) return { ok: false, message: `No element with id "${source.slice(1)}" holds the flow.` };
    } else {
      const url = new URL(source, doc.baseURI);
      problem = `${url.href} could not be fetched`;
      // fetch's default credentials are same-origin: cookies go to the page's own server only.
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (!response.ok) return { ok: false, message: `The flow ${url.href} answered ${response.status}.` };
      text = await response.text();
    }
    problem = `${source} is not JSON`;
    return { ok: true, doc: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `The flow ${problem}: ${(error as Error).message}` };
  }
}

/** A playable flow, or the `dc-error` detail saying why there is none. */
export type FlowLoadResult = { ok: true; flow: Flow } | { ok: false; error: ChatErrorDetail };

/** The element's `flow` (an object, a URL or an `#id`) read and validated; never throws. */
export async function loadFlow(source: unknown, doc: Document): Promise<FlowLoadResult> {
  let raw = source;
  if (!source || typeof source !== 'object') {
    const loaded: FlowSourceResult = typeof source === 'string' && source.trim()
      ? await loadFlowSource(source.trim(), doc)
      : { ok: false, message: 'No flow: set the flow attribute (URL or #id) or property.' };
    if (!loaded.ok) return { ok: false, error: { code: 'flow-load-failed', message: loaded.message } };
    raw = loaded.doc;
  }
  const result = validateFlow(raw);
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
