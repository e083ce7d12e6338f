/** The leads page: search, pages of 100 from the server, the CSV export, and one lead's detail. */
import { html } from 'lit';
import { api, segment } from './api.js';
import { announce } from './announce.js';
import { dateTime } from './format.js';
import { LightElement, define } from './light-element.js';
import './lead-detail.js';

/** A lead as `GET /admin/api/leads` lists it. */
export interface LeadSummary { email: string | null; fields: Record<string, string>; firstSeen: string; lastSeen: string; meetings: number }

/** The person's name from the usual field names, if given. */
export function leadName(fields: Record<string, string>): string {
  return fields.name ?? [fields.firstName, fields.lastName].filter(Boolean).join(' ');
}

/** `<dc-leads>`. */
export class Leads extends LightElement {
  static override properties = {
    leads: { state: true }, next: { state: true }, cursors: { state: true }, q: { state: true }, error: { state: true }, open: { state: true },
  };
  declare leads: LeadSummary[] | null;
  declare next: string | null;
  /** The cursors of the pages before this one (the first page has none). */
  declare cursors: string[];
  declare q: string;
  declare error: string;
  /** The email whose detail is shown, if any. */
  declare open: string | null;
  private cursor = '';

  constructor() {
    super();
    this.leads = null;
    this.next = null;
    this.cursors = [];
    this.q = '';
    this.error = '';
    this.open = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load('');
  }

  private async load(cursor: string): Promise<void> {
    const answer = await api<{ leads: LeadSummary[]; next?: string | number }>('GET', `leads?q=${segment(this.q)}${cursor ? `&cursor=${segment(cursor)}` : ''}`);
    this.error = answer.ok ? '' : answer.message;
    if (!answer.ok) return;
    this.cursor = cursor;
    this.leads = answer.data.leads;
    this.next = answer.data.next === undefined ? null : String(answer.data.next);
  }

  private async search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.q = this.querySelector<HTMLInputElement>('#lead-search')!.value.trim();
    this.cursors = [];
    await this.load('');
    const n = this.leads?.length ?? 0;
    if (this.leads) announce(`${n}${this.next ? '+' : ''} ${n === 1 && !this.next ? 'lead' : 'leads'} found.`);
  }

  private async page(forward: boolean): Promise<void> {
    if (forward) {
      this.cursors = [...this.cursors, this.cursor];
      await this.load(this.next!);
    } else {
      const cursors = [...this.cursors];
      const previous = cursors.pop()!;
      this.cursors = cursors;
      await this.load(previous);
    }
    this.querySelector<HTMLElement>('#leads-table')?.focus();
  }

  private async closed(event: CustomEvent<{ erased: boolean }>): Promise<void> {
    const email = this.open;
    this.open = null;
    if (event.detail.erased) await this.load(this.cursor);
    await this.updateComplete;
    // Back where the person was: the lead's row, or the table when the lead is gone.
    const row = [...this.querySelectorAll<HTMLButtonElement>('td button')].find((b) => b.dataset.email === email);
    (row ?? this.querySelector<HTMLElement>('#leads-table'))?.focus();
  }

  protected override render() {
    if (this.open) return html`<dc-lead-detail .email=${this.open} @close=${this.closed}></dc-lead-detail>`;
    return html`
      <h1>Leads</h1>
      <div class="row">
        <form role="search" class="row" @submit=${this.search}>
          <div class="field"><label for="lead-search">Search by email or name</label>
            <input id="lead-search" type="search" .value=${this.q} autocomplete="off"></div>
          <button type="submit">Search</button>
        </form>
        <a class="button" href="/admin/api/leads.csv" download="leads.csv">Export CSV</a>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.leads ? html`
        <div class="scroll" id="leads-table" role="region" aria-label="Leads" tabindex="0">
          <table>
            <thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Fields</th><th scope="col">First seen</th>
              <th scope="col">Last seen</th><th scope="col" class="num">Meetings</th></tr></thead>
            <tbody>
              ${this.leads.map((lead) => html`<tr>
                <td class="email">${lead.email
                  ? html`<button type="button" class="small" data-email=${lead.email} @click=${() => { this.open = lead.email; }}>${lead.email}</button>`
                  : html`<span class="muted">no email</span>`}</td>
                <td>${leadName(lead.fields) || html`<span class="muted">—</span>`}</td>
                <td>${Object.keys(lead.fields).filter((key) => key !== 'email').join(', ') || '—'}</td>
                <td class="when">${dateTime(lead.firstSeen)}</td><td class="when">${dateTime(lead.lastSeen)}</td><td class="num">${lead.meetings}</td></tr>`)}
              ${this.leads.length ? '' : html`<tr><td colspan="6">${this.q ? `No lead matches “${this.q}”.` : 'No lead yet: people appear here when they give a field in a chat.'}</td></tr>`}
            </tbody>
          </table>
        </div>
        <nav class="pager" aria-label="Pages of leads">
          <button type="button" ?disabled=${!this.cursors.length} @click=${() => this.page(false)}>Previous page</button>
          <span>Page ${this.cursors.length + 1}</span>
          <button type="button" ?disabled=${!this.next} @click=${() => this.page(true)}>Next page</button>
        </nav>` : this.error ? '' : html`<p aria-busy="true">Loading leads…</p>`}`;
  }
}

define('dc-leads', Leads);

declare global {
  interface HTMLElementTagNameMap { 'dc-leads': Leads }
}
