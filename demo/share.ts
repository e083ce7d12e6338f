/** The Share tab: reset the visitor, restart the dialogue, install snippets, export and share-by-link. */
import { html, render } from 'lit';
import { encodeFlowHash } from './share-codec.js';
import { npmSnippet, scriptTagSnippet } from './snippets.js';
import { $draft, $flow, $theme, logLine } from './store.js';

/** What the Share tab asks of the widget. */
export interface ShareActions { resetVisitor(): void; restart(): void }

const copy = async (text: string, field: HTMLTextAreaElement | HTMLInputElement, status: HTMLElement): Promise<void> => {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    // Clipboard access can be refused (permissions, insecure origin): leave the text selected for Ctrl+C.
    field.focus();
    field.select();
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
};

/** Mounts the Share tab. */
export function mountShare(host: HTMLElement, actions: ShareActions): void {
  const paint = (): void => {
    const flow = $flow.get();
    const flowJson = flow ? JSON.stringify(flow, null, 2) : '';
    const options = { theme: $theme.get() };
    render(html`
      <section aria-labelledby="visitor-title">
        <h2 id="visitor-title">Visitor</h2>
        <div class="row">
          <button type="button" id="restart" @click=${actions.restart}>Restart the dialogue</button>
          <button type="button" id="reset-visitor" @click=${actions.resetVisitor}>Reset the visitor (storage)</button>
        </div>
      </section>
      <section aria-labelledby="install-title">
        <h2 id="install-title">Install this flow</h2>
        <label for="snippet-script">Script tag</label>
        <textarea id="snippet-script" readonly rows="5" .value=${flow ? scriptTagSnippet(flowJson, options) : ''}></textarea>
        <button type="button" @click=${(e: Event) => copy(host.querySelector<HTMLTextAreaElement>('#snippet-script')!.value, host.querySelector('#snippet-script')!, statusOf(e))}>Copy script tag</button>
        <span class="note" role="status"></span>
        <label for="snippet-npm">npm</label>
        <textarea id="snippet-npm" readonly rows="9" .value=${npmSnippet(options)}></textarea>
        <button type="button" @click=${(e: Event) => copy(host.querySelector<HTMLTextAreaElement>('#snippet-npm')!.value, host.querySelector('#snippet-npm')!, statusOf(e))}>Copy npm snippet</button>
        <span class="note" role="status"></span>
      </section>
      <section aria-labelledby="export-title">
        <h2 id="export-title">Export and share</h2>
        <div class="row">
          <button type="button" id="export" ?disabled=${!flow} @click=${() => exportFlow(flowJson)}>Download flow.json</button>
          <button type="button" id="share" @click=${async (e: Event) => {
            const hash = await encodeFlowHash($draft.get());
            history.replaceState(history.state, '', `${location.pathname}${location.search}#${hash}`);
            const field = host.querySelector<HTMLInputElement>('#share-link')!;
            field.value = location.href;
            await copy(location.href, field, statusOf(e));
            logLine('demo', 'share link', `${location.href.length} characters`);
          }}>Copy a share link</button>
          <span class="note" role="status"></span>
        </div>
        <label for="share-link">Share link (the flow travels compressed in the #hash)</label>
        <input id="share-link" readonly>
      </section>`, host);
  };
  $flow.subscribe(paint);
  $theme.subscribe(paint);
}

// The status line sits right after the button that was pressed.
const statusOf = (event: Event): HTMLElement => {
  let next = (event.currentTarget as Element).nextElementSibling;
  while (next && next.getAttribute('role') !== 'status') next = next.nextElementSibling;
  return next as HTMLElement;
};

const exportFlow = (json: string): void => {
  const url = URL.createObjectURL(new Blob([`${json}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'flow.json';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
