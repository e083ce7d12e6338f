/** The meetings page: upcoming and past; mark held or no-show; cancel an upcoming one. */
import { html } from 'lit';
import { api, segment } from './api.js';
import { announce } from './announce.js';
import type { Confirm } from './confirm.js';
import { dateTime, viewerZone } from './format.js';
import { LightElement, define } from './light-element.js';
import './confirm.js';

/** A meeting as `GET /admin/api/meetings` lists it. */
export interface Meeting {
  id: string; lead: { email: string | null }; agent: { id: string; name: string; timeZone?: string };
  start: string; end: string; dialogueId: string; status: 'upcoming' | 'held' | 'no-show' | 'cancelled';
}

const STATUS: Record<Meeting['status'], string> = { upcoming: 'Upcoming', held: 'Held', 'no-show': 'No-show', cancelled: 'Cancelled' };

/** `<dc-meetings>`. */
export class Meetings extends LightElement {
  static override properties = { when: { state: true }, meetings: { state: true }, next: { state: true }, cursors: { state: true }, error: { state: true } };
  declare when: 'upcoming' | 'past';
  declare meetings: Meeting[] | null;
  declare next: string | null;
  declare cursors: string[];
  declare error: string;
  private cursor = '';
  /** A phone: the meetings are cards, so their buttons are on screen without scrolling sideways. */
  private readonly narrow = window.matchMedia('(max-width: 600px)');
  private readonly onNarrow = () => this.requestUpdate();

  constructor() {
    super();
    this.when = 'upcoming';
    this.meetings = null;
    this.next = null;
    this.cursors = [];
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.narrow.addEventListener('change', this.onNarrow);
    void this.load('');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.narrow.removeEventListener('change', this.onNarrow);
  }

  /** The buttons of one meeting: held / no-show once past, cancel while upcoming. */
  private actions(m: Meeting) {
    const who = m.lead.email ?? 'an erased person';
    if (this.when === 'past') {
      return html`<button type="button" class="small" aria-label="Mark the meeting with ${who} held" @click=${() => this.mark(m, 'held')}>Held</button>
        <button type="button" class="small" aria-label="Mark the meeting with ${who} a no-show" @click=${() => this.mark(m, 'no-show')}>No-show</button>`;
    }
    return m.status === 'upcoming' ? html`<button type="button" class="small" aria-label="Cancel the meeting with ${who}" @click=${() => this.mark(m, 'cancelled')}>Cancel</button>` : '—';
  }

  private cards(meetings: Meeting[]) {
    return html`<ul class="meeting-cards">${meetings.map((m) => html`<li class="card">
      <p class="email"><strong>${m.lead.email ?? 'erased'}</strong></p>
      <dl class="facts"><dt>Agent</dt><dd>${m.agent.name}</dd><dt>Your time</dt><dd>${dateTime(m.start)}</dd>
        <dt>Agent's time</dt><dd>${m.agent.timeZone ? dateTime(m.start, m.agent.timeZone, true) : '—'}</dd>
        <dt>Dialogue</dt><dd>${m.dialogueId}</dd><dt>Status</dt><dd>${STATUS[m.status] ?? m.status}</dd></dl>
      <div class="actions">${this.actions(m)}</div></li>`)}</ul>`;
  }

  private async load(cursor: string): Promise<void> {
    const answer = await api<{ meetings: Meeting[]; next?: string | number }>('GET', `meetings?when=${this.when}${cursor ? `&cursor=${segment(cursor)}` : ''}`);
    this.error = answer.ok ? '' : answer.message;
    if (!answer.ok) return;
    this.cursor = cursor;
    this.meetings = answer.data.meetings;
    this.next = answer.data.next === undefined ? null : String(answer.data.next);
  }

  private show(when: 'upcoming' | 'past'): void {
    this.when = when;
    this.cursors = [];
    this.meetings = null;
    void this.load('');
  }

  private async page(forward: boolean): Promise<void> {
    const cursors = [...this.cursors];
    const target = forward ? this.next! : cursors.pop()!;
    if (forward) cursors.push(this.cursor);
    this.cursors = cursors;
    await this.load(target);
  }

  private async mark(meeting: Meeting, status: Meeting['status']): Promise<void> {
    const who = meeting.lead.email ?? 'an erased person';
    if (status === 'cancelled') {
      const yes = await this.querySelector<Confirm>('dc-confirm')!.ask(
        `Cancel the meeting with ${who}?`, `${dateTime(meeting.start)} with ${meeting.agent.name}. The visitor gets a cancellation email and the slot is offered again.`, 'Cancel the meeting');
      if (!yes) return;
    }
    // Both marks stay available: the server counts an unmarked past meeting as held, and a mark can be corrected.
    const answer = await api('PATCH', `meetings/${segment(meeting.id)}`, { status });
    if (!answer.ok) return void announce(`Not changed: ${answer.message}`);
    this.meetings = this.meetings!.map((m) => (m.id === meeting.id ? { ...m, status } : m));
    // A cancelled meeting loses its button: focus stays in the table rather than falling to the page.
    if (status === 'cancelled') void this.updateComplete.then(() => this.querySelector<HTMLElement>('[role=region]')?.focus());
    announce(`The meeting with ${who} on ${dateTime(meeting.start)} is now ${STATUS[status].toLowerCase()}.`);
  }

  protected override render() {
    const past = this.when === 'past';
    return html`
      <h1>Meetings</h1>
      <div class="actions" role="group" aria-label="Which meetings">
        <button type="button" aria-pressed=${past ? 'false' : 'true'} @click=${() => this.show('upcoming')}>Upcoming</button>
        <button type="button" aria-pressed=${past ? 'true' : 'false'} @click=${() => this.show('past')}>Past</button>
      </div>
      <p class="muted">Times in your zone (${viewerZone}) and in the agent's.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.meetings ? html`
        <div class=${this.narrow.matches ? '' : 'scroll'} role="region" aria-label="${past ? 'Past' : 'Upcoming'} meetings" tabindex=${this.narrow.matches ? '-1' : '0'}>
          ${this.narrow.matches ? this.cards(this.meetings) : html`<table>
            <thead><tr><th scope="col">Lead</th><th scope="col">Agent</th><th scope="col">Your time</th><th scope="col">Agent's time</th>
              <th scope="col">Dialogue</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              ${this.meetings.map((m) => html`<tr>
                  <td class="email">${m.lead.email ?? html`<span class="muted">erased</span>`}</td><td>${m.agent.name}</td>
                  <td class="when">${dateTime(m.start)}</td><td class="when">${m.agent.timeZone ? dateTime(m.start, m.agent.timeZone, true) : '—'}</td>
                  <td>${m.dialogueId}</td><td>${STATUS[m.status] ?? m.status}</td>
                  <td><div class="actions">${this.actions(m)}</div></td></tr>`)}
              ${this.meetings.length ? '' : html`<tr><td colspan="7">No ${this.when} meeting.</td></tr>`}
            </tbody>
          </table>`}
          ${this.narrow.matches && !this.meetings.length ? html`<p>No ${this.when} meeting.</p>` : ''}
        </div>
        <nav class="pager" aria-label="Pages of meetings">
          <button type="button" ?disabled=${!this.cursors.length} @click=${() => this.page(false)}>Previous page</button>
          <span>Page ${this.cursors.length + 1}</span>
          <button type="button" ?disabled=${!this.next} @click=${() => this.page(true)}>Next page</button>
        </nav>` : this.error ? '' : html`<p aria-busy="true">Loading meetings…</p>`}
      <dc-confirm></dc-confirm>`;
  }
}

define('dc-meetings', Meetings);

declare global {
  interface HTMLElementTagNameMap { 'dc-meetings': Meetings }
}
