/** The previewer's entry: the Northwind site with the live widget, and the panel beside it. */
import { defineDynamicChat, localAdapter, validateFlow, type DynamicChat } from 'dynamic-chat';
import { html, render } from 'lit';
import { loggingAdapter, startBackend, type DemoBackend } from './backend.js';
import { wireChat } from './chat.js';
import { mountData, type DataSource } from './data.js';
import { setDraft } from './draft.js';
import { mountEditor, SAMPLE_TEXT } from './editor.js';
import { mountGraph } from './graph.js';
import { mountLog } from './log.js';
import { mountLook } from './look.js';
import { mountShare } from './share.js';
import { decodeFlowHash } from './share-codec.js';
import { mountSite } from './site.js';
import { $backendMode, $draft, $flow, $position, $problems, $theme, $visit, logLine, remember, SITE_ORIGIN } from './store.js';
import { wireTabs } from './tabs.js';
import { mountVisit } from './visit.js';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Without a service worker (an insecure origin, a browser that refuses), the widget runs on the local adapter. */
function localFallback(reason: unknown): Pick<DemoBackend, 'adapter' | 'data' | 'useFlow'> & { flush(): void } {
  logLine('demo', 'msw unavailable, using localAdapter', reason instanceof Error ? reason.message : String(reason), true);
  let local = localAdapter({ agents: [] });
  const adapter = loggingAdapter({
    submitFields: (s) => local.submitFields(s), findSlots: (q) => local.findSlots(q),
    bookMeeting: (r) => local.bookMeeting(r), track: (e) => local.track(e),
  });
  return {
    adapter,
    data: () => local as DataSource,
    flush: () => undefined,
    useFlow(flow) {
      const meetings = flow.settings?.meetings ?? {};
      local = localAdapter({ agents: flow.agents ?? [], minNoticeHours: meetings.minNoticeHours, bufferMinutes: meetings.bufferMinutes });
    },
  };
}

function wirePanelToggle(): void {
  const toggle = byId<HTMLButtonElement>('panel-toggle');
  // Widening the window past the breakpoint shows the panel beside the site again: nothing stays inert.
  matchMedia('(min-width: 961px)').addEventListener('change', (query) => { if (query.matches) show(false); });
  const panel = byId('panel');
  const show = (open: boolean): void => {
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('panel-open', open);
    // Like a dialog: the covered site leaves the tab order and the accessibility tree while it is open.
    byId('site').inert = open;
    toggle.textContent = open ? 'Close previewer' : 'Previewer';
    if (open) panel.focus();
  };
  toggle.addEventListener('click', () => show(toggle.getAttribute('aria-expanded') !== 'true'));
  // The skip link moves focus without touching the URL's #hash, which may carry a shared flow.
  document.querySelector('.skip-link')!.addEventListener('click', (event) => {
    event.preventDefault();
    if (getComputedStyle(toggle).display !== 'none') show(true);
    else panel.focus();
  });
  // On a phone the previewer covers the page like a dialog: Escape closes it and focus returns to its button.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !document.body.classList.contains('panel-open')) return;
    show(false);
    toggle.focus();
  });
}

function paintStatus(): void {
  const flow = $flow.get();
  const errors = $problems.get().filter((p) => p.level !== 'warning').length;
  const { dialogueId, cardId } = $position.get();
  const name = flow?.dialogues.find((d) => d.id === dialogueId)?.name ?? dialogueId;
  render(html`
    <span class=${errors ? 'bad' : 'good'}>${errors ? `${errors} error${errors === 1 ? '' : 's'} in the draft` : 'Flow valid'}</span> ·
    ${dialogueId ? html`Playing <strong>${name}</strong>${cardId ? html` at <code>${cardId}</code>` : ''}` : 'Nothing playing'}`, byId('status'));
}

async function main(): Promise<void> {
  // Explicit rather than `import 'dynamic-chat/define'`: the package's "sideEffects" list names
  // dist/define.js, so a production build of this page (aliased to src/) would drop a bare import.
  defineDynamicChat();
  // A newcomer lands where the sample flow has something to say: the pricing page, whose poke shows after 3 s.
  let firstVisit = true;
  try { firstVisit = sessionStorage.getItem('demo:visit') === null; } catch { /* storage refused: every load is a first visit */ }
  if (firstVisit && location.pathname === '/' && !location.search) history.replaceState(null, '', `/pricing${location.hash}`);
  const shared = await decodeFlowHash(location.hash);
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
  remember($draft, 'draft', (v) => typeof v === 'string' && v.trim() !== '');
  // The last valid flow too, so a draft that was broken at reload time still leaves something playing.
  remember($flow, 'flow', (v) => validateFlow(v).ok);
  remember($visit, 'visit', isObject);
  remember($theme, 'theme', (v) => v === 'light' || v === 'dark' || v === 'auto');
  remember($backendMode, 'backend', (v) => v === 'healthy' || v === 'slow' || v === 'down' || v === 'erroring');
  // A shared link wins over this tab's last draft, which wins over the default sample.
  setDraft(shared ?? ($draft.get() || SAMPLE_TEXT.northwind));
  if (shared) logLine('demo', 'flow loaded from the link', `${shared.length} characters`);

  $visit.set({ ...$visit.get(), url: SITE_ORIGIN + location.pathname + location.search });
  const site = mountSite(byId('site'), (pathAndQuery) => $visit.set({ ...$visit.get(), url: SITE_ORIGIN + pathAndQuery }));
  $visit.subscribe((visit) => {
    const url = new URL(visit.url, SITE_ORIGIN);
    site.go(url.pathname + url.search);
  });

  let backend: Pick<DemoBackend, 'adapter' | 'data' | 'useFlow'> & { flush(): void };
  try {
    const started = await startBackend();
    backend = { ...started, flush: () => { void started.http.flush(); } };
  } catch (error) {
    backend = localFallback(error);
  }
  $flow.subscribe((flow) => { if (flow) backend.useFlow(flow); });
  // Created once adapter and flow are ready, as a host page would, so it never starts without a flow.
  const chat = document.createElement('dynamic-chat') as DynamicChat;
  chat.id = 'chat';
  const controls = wireChat(chat, backend.adapter);
  document.body.append(chat);

  mountEditor(byId('p-flow'));
  mountVisit(byId('p-visit'), controls.playNow);
  mountLook(byId('p-look'));
  mountGraph(byId('p-graph'));
  mountLog(byId('p-log'), () => backend.flush());
  mountData(byId('p-data'), () => backend.data());
  mountShare(byId('p-share'), controls);
  wireTabs(byId('tabs'), (panelId) => {
    // The log opens at its newest line.
    if (panelId === 'p-log') byId('log').scrollTop = byId('log').scrollHeight;
  });
  wirePanelToggle();
  $flow.subscribe(paintStatus);
  $problems.subscribe(paintStatus);
  $position.subscribe(paintStatus);
}

void main();
