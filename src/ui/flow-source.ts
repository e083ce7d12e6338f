/** Loads a flow document from a URL or from a `<script type="application/json">` on the page, and checks it is playable. */
import { validateFlow, type Flow } from '../engine/index.js';
import type { ChatErrorDetail } from '../stores/events.js';

/** A playable flow, or the `dc-error` detail saying why there is none. */
export type FlowLoadResult = { ok: true; flow: Flow } | { ok: false; error: ChatErrorDetail };

const loadFailed = (message: string): FlowLoadResult => ({ ok: false, error: { code: 'flow-load-failed', message } });

/**
 * The element's `flow` (an object, a URL or an `#id` of a `<script type="application/json">`)
 * read and validated; a 404, a non-JSON answer or an invalid flow is a value, never a throw.
 */
export async function loadFlow(source: unknown, doc: Document): Promise<FlowLoadResult> {
  let raw = source;
  if (!source || typeof source !== 'object') {
    const name = typeof source === 'string' ? source.trim() : '';
    if (!name) return loadFailed('No flow: set the flow attribute (URL or #id) or property.');
    // What failed if the next step throws; the thrown error's text follows it.
    let problem = `"${name}" is not a URL or an #id`;
    try {
      let text: string | null | undefined;
      if (name.startsWith('#')) {
        text = doc.getElementById(name.slice(1))?.textContent;
        if (text == null) return loadFailed(`No element with id "${name.slice(1)}" holds the flow.`);
      } else {
        const url = new URL(name, doc.baseURI);
        problem = `${url.href} could not be fetched`;
        // fetch's default credentials are same-origin: cookies go to the page's own server only.
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        if (!response.ok) return loadFailed(`The flow ${url.href} answered ${response.status}.`);
        text = await response.text();
      }
      problem = `${name} is not JSON`;
      // Response.json(), not JSON.parse: a page may have wrapped JSON.parse (a date reviver) before we loaded.
      raw = await new Response(text).json();
    } catch (error) {
      return loadFailed(`The flow ${problem}: ${(error as Error).message}`);
    }
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
