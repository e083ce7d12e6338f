/** The Data tab: leads, meetings booked, the routing queue and the per-dialogue report, read from the backend. */
import { html, nothing, render } from 'lit';
import { $dataVersion, $flow } from './store.js';

/** A booked meeting (status: upcoming or past; the server also says held, no-show, cancelled). */
export interface MeetingRow { id: string; leadEmail?: string; agent: { id: string; name: string }; start: string; end: string; status: string; dialogueId?: string }
/** A lead: who gave their details, what they gave, and how many meetings they booked. */
export interface LeadRow { email: string | null; fields: Record<string, string>; lastSeen: string; meetings: number }
/** One agent in routing order. */
export interface QueueRow { id: string; name: string; next: boolean }
/** One dialogue's counters and rates. */
export interface ReportRow {
  dialogueId: string; triggered: number; engaged: number; completed: number; acquired: number;
  meetings: number; goals: number; engagementRate: number; conversionRate: number;
}
/** Where the Data tab reads from: the reference server's admin API, or the mock backend's calendar. */
export interface DataSource {
  leads?(): LeadRow[] | Promise<LeadRow[]>;
  meetings(): MeetingRow[] | Promise<MeetingRow[]>;
  queue(): QueueRow[] | Promise<QueueRow[]>;
  report(): ReportRow[] | Promise<ReportRow[]>;
  reset(): void | Promise<void>;
}

// The same shape as the widget's slot buttons ("Tue 24 Nov, 10:00"), in this browser's time zone.
const when = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const percent = (rate: number): string => (Number.isFinite(rate) ? `${Math.round(rate * 100)}%` : '—');

const metrics = (r: ReportRow): Array<[string, string]> => [
  ['Triggered', String(r.triggered)], ['Engaged', String(r.engaged)], ['Completed', String(r.completed)], ['Acquired', String(r.acquired)],
  ['Meetings', String(r.meetings)], ['Goals', String(r.goals)], ['Engagement', percent(r.engagementRate)], ['Conversion', percent(r.conversionRate)],
];

/** Mounts the Data tab. */
export function mountData(host: HTMLElement, source: () => DataSource): void {
  let painting = 0;
  const paint = async (): Promise<void> => {
    const ticket = ++painting;
    const data = source();
    let read: [LeadRow[] | null, MeetingRow[], QueueRow[], ReportRow[]];
    try {
      read = await Promise.all([data.leads ? data.leads() : null, data.meetings(), data.queue(), data.report()]);
    } catch (error) {
      if (ticket === painting) render(html`<p class="note bad" role="alert">Could not read the backend: ${error instanceof Error ? error.message : String(error)}</p>`, host);
      return;
    }
    if (ticket !== painting) return;
    const [leads, meetings, queue, report] = read;
    const nameOf = (id: string): string => $flow.get()?.dialogues.find((d) => d.id === id)?.name ?? id;
    render(html`
      ${leads === null ? nothing : html`<section aria-labelledby="leads-title">
        <h2 id="leads-title">Leads</h2>
        ${leads.length === 0 ? html`<p class="note">None yet. Answer a question in the chat.</p>` : html`
          <table id="leads"><thead><tr><th scope="col">Email</th><th scope="col">Fields</th><th scope="col">Meetings</th><th scope="col">Last seen</th></tr></thead>
          <tbody>${leads.map((l) => html`<tr><td>${l.email ?? '(anonymous)'}</td>
            <td class="fields">${Object.entries(l.fields).filter(([k]) => k !== 'email').map(([k, v]) => `${k}: ${v}`).join(', ') || '—'}</td>
            <td>${l.meetings}</td><td>${when(l.lastSeen)}</td></tr>`)}</tbody></table>`}
      </section>`}
      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">Meetings booked</h2>
        ${meetings.length === 0 ? html`<p class="note">None yet. Book one in the chat: Visit → Known lead on Pricing.</p>` : html`
          <table id="meetings"><thead><tr><th scope="col">Lead</th><th scope="col">Agent</th><th scope="col">Time</th><th scope="col">When</th></tr></thead>
          <tbody>${meetings.map((m) => html`<tr><td>${m.leadEmail || '(no email)'}</td><td>${m.agent.name}</td>
            <td>${when(m.start)}</td><td class=${m.status}>${m.status}</td></tr>`)}</tbody></table>`}
      </section>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Routing queue</h2>
        ${queue.length === 0 ? html`<p class="note">This flow has no agents.</p>` : html`
          <ol class="queue" id="queue">${queue.map((a) => html`<li class=${a.next ? 'next' : ''}>${a.name} ${a.next ? html`<strong>← next</strong>` : nothing}</li>`)}</ol>`}
      </section>
      <section aria-labelledby="report-title">
        <h2 id="report-title">Report per dialogue</h2>
        ${report.length === 0 ? html`<p class="note">Nothing tracked yet.</p>` : html`
          <div id="report">${report.map((r) => html`
            <article class="report-card" data-dialogue=${r.dialogueId} aria-label=${nameOf(r.dialogueId)}>
              <h3>${nameOf(r.dialogueId)} <code>${r.dialogueId}</code></h3>
              <dl>${metrics(r).map(([label, value]) => html`<div><dt>${label}</dt><dd data-metric=${label.toLowerCase()}>${value}</dd></div>`)}</dl>
            </article>`)}</div>
          <p class="note">Triggered, engaged, completed and acquired count once per visitor per session; meetings and goals each time.
            Engagement = engaged ÷ triggered, conversion = completed ÷ triggered.</p>`}
      </section>
      <button type="button" id="reset-data" @click=${async () => { await source().reset(); $dataVersion.set($dataVersion.get() + 1); }}>Erase the backend's data</button>`, host);
  };
  $dataVersion.subscribe(() => { void paint(); });
  $flow.subscribe(() => { void paint(); });
}
