/** One lead: every field with when, page and dialogue; their meetings and goals; erasing the person. */
import { html } from 'lit';
import { api, segment } from './api.js';
import { announce } from './announce.js';
import type { Confirm } from './confirm.js';
import { dateTime } from './format.js';
import { LightElement, define } from './light-element.js';
import './confirm.js';

/** `GET /admin/api/leads/{email}`. */
export interface LeadDetailData {
  email: string;
  firstSeen: string;
  lastSeen: string;
  /** The latest value of each field. */
  fields: Record<string, string>;
  /** Every value given, oldest first. */
  history: Array<{ field: string; value: string; at: string; page: string; dialogueId: string }>;
  meetings: Array<{ id: string; start: string; end: string; agent: { id: string; name: string; timeZone: string }; dialogueId: string; status: string }>;
  goals: Array<{ goal: string; at: string; page: string; dialogueId: string }>;
}

/** What each kind the server erased is, in words (singular, plural); other kinds are named as the server names them. */
const KINDS: Record<string, [string, string]> = {
  fields: ['field value', 'field values'], meetings: ['meeting', 'meetings'], sessions: ['chat session', 'chat sessions'],
  visitors: ['browser link', 'browser links'], events: ['event made anonymous', 'events made anonymous'], leads: ['lead record', 'lead records'],
  emails: ['queued email', 'queued emails'], webhooks: ['queued webhook', 'queued webhooks'],
};

/** "3 field values, 1 meeting, …": what the server says it erased (fields and meetings always named, other kinds when there were some). */
export function erasedSummary(erased: Record<string, number>): string {
  return Object.entries({ fields: 0, meetings: 0, ...erased })
    .filter(([kind, n]) => n > 0 || kind === 'fields' || kind === 'meetings')
    .map(([kind, n]) => `${n} ${(KINDS[kind] ?? [kind, kind])[n === 1 ? 0 : 1]}`).join(', ');
}

/** `<dc-lead-detail email>`: fires `close` (detail `{ erased }`) to go back to the list. */
export class LeadDetail extends LightElement {
  static override properties = { email: {}, lead: { state: true }, error: { state: true } };
  declare email: string;
  declare lead: LeadDetailData | null;
  declare error: string;

  constructor() {
    super();
    this.email = '';
    this.lead = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const answer = await api<{ lead: LeadDetailData }>('GET', `leads/${segment(this.email)}`);
    this.error = answer.ok ? '' : answer.message;
    this.lead = answer.ok ? answer.data.lead : null;
  }

  protected override firstUpdated(): void {
    // The list the person clicked in is gone: focus goes to this page's heading, which names the lead.
    const heading = this.querySelector('h1')!;
    heading.tabIndex = -1;
    heading.focus();
  }

  private close(erased: boolean): void {
    this.dispatchEvent(new CustomEvent('close', { detail: { erased } }));
  }

  private async erase(): Promise<void> {
    const yes = await this.querySelector<Confirm>('dc-confirm')!.ask(
      `Erase ${this.email}?`,
      'Their fields, meetings and personal data are deleted everywhere, with the emails and webhooks still queued for them. The report keeps its counts, without the person. This cannot be undone.',
      'Erase this person');
    if (!yes) return;
    const answer = await api<{ erased: Record<string, number> }>('DELETE', `leads/${segment(this.email)}`);
    if (!answer.ok) return void (this.error = answer.message);
    announce(`Erased ${this.email}: ${erasedSummary(answer.data.erased)}.`);
    this.close(true);
  }

  protected override render() {
    const lead = this.lead;
    return html`
      <p><button type="button" class="small" @click=${() => this.close(false)}>← Back to leads</button></p>
      <h1 class="email">${this.email.split('@')[0]}@<wbr>${this.email.split('@').slice(1).join('@')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${lead ? html`
        <dl class="facts card"><dt>First seen</dt><dd>${dateTime(lead.firstSeen)}</dd><dt>Last seen</dt><dd>${dateTime(lead.lastSeen)}</dd></dl>
        <h2>Fields</h2>
        <div class="scroll" role="region" aria-label="Fields" tabindex="0"><table>
          <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">When</th><th scope="col">Page</th><th scope="col">Dialogue</th></tr></thead>
          <tbody>${lead.history.map((f) => html`<tr><th scope="row">${f.field}</th><td class="email">${f.value}</td><td class="when">${dateTime(f.at)}</td>
            <td class="email">${f.page}</td><td>${f.dialogueId}</td></tr>`)}</tbody>
        </table></div>
        <h2>Meetings</h2>
        ${lead.meetings.length ? html`<div class="scroll" role="region" aria-label="Meetings" tabindex="0"><table>
          <thead><tr><th scope="col">When</th><th scope="col">Agent</th><th scope="col">Dialogue</th><th scope="col">Status</th></tr></thead>
          <tbody>${lead.meetings.map((m) => html`<tr><td class="when">${dateTime(m.start)}</td><td>${m.agent.name}</td><td>${m.dialogueId}</td><td>${m.status}</td></tr>`)}</tbody>
        </table></div>` : html`<p class="muted">No meeting.</p>`}
        <h2>Goals</h2>
        ${lead.goals.length ? html`<div class="scroll" role="region" aria-label="Goals" tabindex="0"><table>
          <thead><tr><th scope="col">Goal</th><th scope="col">When</th><th scope="col">Page</th><th scope="col">Dialogue</th></tr></thead>
          <tbody>${lead.goals.map((g) => html`<tr><th scope="row">${g.goal}</th><td class="when">${dateTime(g.at)}</td><td class="email">${g.page}</td><td>${g.dialogueId}</td></tr>`)}</tbody>
        </table></div>` : html`<p class="muted">No goal reached.</p>`}
        <h2>Erase</h2>
        <p>Erasing deletes this person everywhere (right to erasure). The counts in the report stay.</p>
        <button type="button" class="danger" @click=${this.erase}>Erase ${this.email}</button>` : this.error ? '' : html`<p aria-busy="true">Loading…</p>`}
      <dc-confirm></dc-confirm>`;
  }
}

define('dc-lead-detail', LeadDetail);

declare global {
  interface HTMLElementTagNameMap { 'dc-lead-detail': LeadDetail }
}
