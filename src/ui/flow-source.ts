/** Loads a flow document from a URL or from a `<script type="application/json">` on the page. */

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
