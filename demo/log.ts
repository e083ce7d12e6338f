/** The Log tab: the mocked backend's switch and a live log of dc-* events, adapter calls and HTTP requests. */
import { html, render } from 'lit';
import { $backendMode, $log, $outbox, type BackendMode, type LogEntry } from './store.js';

const MODES: Array<[BackendMode, string]> = [
  ['healthy', 'Healthy'], ['slow', 'Slow (3 s)'], ['down', 'Down (network error)'], ['erroring', 'Erroring (500)'],
];
const KINDS: Array<LogEntry['kind']> = ['event', 'adapter', 'network', 'demo'];

/** Mounts the Log tab; `flush` asks the adapter to send its outbox now. */
export function mountLog(host: HTMLElement, flush: () => void): void {
  const shown = new Set<LogEntry['kind']>(KINDS);
  render(html`
    <fieldset>
      <legend>Mocked backend (msw)</legend>
      <div class="chips" role="radiogroup" aria-label="Backend">
        ${MODES.map(([mode, label]) => html`<label><input type="radio" name="backend" value=${mode} .checked=${$backendMode.get() === mode}
          @change=${() => $backendMode.set(mode)}> ${label}</label>`)}
      </div>
      <p class="note">Fields and events wait in the durable outbox (localStorage) while the backend is down or erroring, and
        are retried with backoff until it answers 2xx. Meetings and slots are asked for live, so they fail visibly.</p>
      <p><strong id="outbox-size" role="status"></strong> <button type="button" id="flush">Retry the outbox now</button></p>
    </fieldset>
    <div class="row">
      <span id="log-filter-label">Show</span>
      <span class="chips" role="group" aria-labelledby="log-filter-label">${KINDS.map((k) => html`<label><input type="checkbox" checked
        @change=${(e: Event) => { if ((e.target as HTMLInputElement).checked) shown.add(k); else shown.delete(k); paint(); }}> ${k}</label>`)}</span>
      <button type="button" id="clear-log" @click=${() => $log.set([])}>Clear</button>
    </div>
    <ol class="log" id="log" aria-label="Live log" tabindex="0"></ol>`, host);
  host.querySelector('#flush')!.addEventListener('click', flush);
  const list = host.querySelector<HTMLElement>('#log')!;
  const paint = (): void => {
    // A hidden log (another tab is open) counts as following, so it opens at the newest line.
    const pinned = list.clientHeight === 0 || list.scrollTop + list.clientHeight >= list.scrollHeight - 24;
    render($log.get().filter((e) => shown.has(e.kind)).map((e) => html`
      <li class="${e.kind} ${e.failed ? 'bad' : ''}"><span class="at">${e.at}</span> <span class="kind">${e.kind}</span>
        <strong>${e.name}</strong> <code>${e.detail}</code></li>`), list);
    if (pinned) list.scrollTop = list.scrollHeight;
  };
  $log.subscribe(paint);
  $outbox.subscribe((n) => { host.querySelector('#outbox-size')!.textContent = `Outbox: ${n} waiting`; });
}
