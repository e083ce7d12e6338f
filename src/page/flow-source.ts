/** Loads a flow document from a URL or from a `<script type="application/json">` on the page, and checks it is playable. */
import type { Flow } from '../engine/index.js';
import type { ChatErrorDetail } from '../stores/events.js';
import { loadChunk } from './load-chunk.js';
import { looksPlayable } from './flow-check.js';

/** A playable flow, or the `dc-error` detail saying why there is none. */
export type FlowLoadResult = { ok: true; flow: Flow } | { ok: false; error: ChatErrorDetail };

const loadFailed = (message: string): FlowLoadResult => ({ ok: false, error: { code: 'flow-load-failed', message } });

/**
 * The element's `flow` (an object, a URL or an `#id` of a `<script type="application/json">`)
 * read and checked; a 404, a non-JSON answer or an invalid flow is a value, never a throw. The
 * loader's own check passes most flows; only a flow it doubts loads the validator, whose verdict
 * (every problem with its path) stands.
 */
export async function loadFlow(source: unknown, doc: Document, signal?: AbortSignal): Promise<FlowLoadResult> {
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
        const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
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
  if (looksPlayable(raw)) return { ok: true, flow: raw };
  try {
    return (await loadChunk('validate')).checkFlow(raw);
  } catch (error) {
    return { ok: false, error: chunkFailed(error) };
  }
}

/** The `dc-error` detail of a chunk that could not be loaded, twice (offline, a CDN error, a CSP that blocks it). */
export function chunkFailed(error: unknown): ChatErrorDetail {
  return { code: 'load-failed', message: `Part of the widget could not be loaded: ${(error as Error)?.message ?? error}` };
}
