/** The routing page: the agents in round-robin order, who gets the next booking, reorder, pause, calendar health. */
import { html } from 'lit';
import { api, segment } from './api.js';
import { announce } from './announce.js';
import { dateTime } from './format.js';
import { LightElement, define } from './light-element.js';

/** An agent as `GET /admin/api/queue` lists it, in routing order. */
export interface QueueAgent {
  id: string; name: string; next: boolean; paused: boolean; lastBookedAt: string | null;
  calendar: { ok: boolean; fetchedAt: string | null; error?: string } | null;
}

/** `<dc-routing>`. */
export class Routing extends LightElement {
  static override properties = { agents: { state: true }, error: { state: true } };
  declare agents: QueueAgent[] | null;
  declare error: string;

  constructor() {
    super();
    this.agents = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const answer = await api<{ agents: QueueAgent[] }>('GET', 'queue');
    this.error = answer.ok ? '' : answer.message;
    if (answer.ok) this.agents = answer.data.agents;
  }

  private async move(index: number, by: -1 | 1): Promise<void> {
    const order = this.agents!.map((agent) => agent.id);
    const [id] = order.splice(index, 1);
    order.splice(index + by, 0, id);
    const answer = await api('PUT', 'queue', { order });
    if (!answer.ok) return void announce(`Not moved: ${answer.message}`);
    await this.load();
    const agent = this.agents!.find((a) => a.id === id)!;
    announce(`${agent.name} is now number ${index + by + 1}. Next booking: ${this.agents!.find((a) => a.next)?.name ?? 'nobody'}.`);
    // Focus follows the moved agent's button; at the end of the list, its other button.
    await this.updateComplete;
    const button = this.querySelector<HTMLButtonElement>(`[data-move="${id}:${by}"]:not(:disabled)`) ?? this.querySelector<HTMLButtonElement>(`[data-move="${id}:${-by}"]`);
    button?.focus();
  }

  private async pause(agent: QueueAgent): Promise<void> {
    const answer = await api('PATCH', `agents/${segment(agent.id)}`, { paused: !agent.paused });
    if (!answer.ok) return void announce(`Not changed: ${answer.message}`);
    await this.load();
    announce(`${agent.name} ${agent.paused ? 'is taking bookings again' : 'is paused and gets no bookings'}. Next booking: ${this.agents!.find((a) => a.next)?.name ?? 'nobody'}.`);
  }

  protected override render() {
    const agents = this.agents;
    const next = agents?.find((agent) => agent.next);
    return html`
      <h1>Routing</h1>
      <p>Bookings go round-robin in this order, to the next agent after the one who took the last booking who is free then.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${agents ? html`
        <p><strong>Next booking: ${next ? next.name : 'nobody (every agent is paused)'}</strong></p>
        <ol class="agents" aria-label="Agents in routing order">
          ${agents.map((agent, i) => html`<li class=${agent.next ? 'next' : ''}>
            <span class="pos" aria-hidden="true">${i + 1}</span>
            <div>
              <span class="name">${agent.name}</span>
              ${agent.next ? html`<span class="badge ok">Next</span>` : ''} ${agent.paused ? html`<span class="badge warn">Paused</span>` : ''}
              <div class="muted">Last booking: ${agent.lastBookedAt ? dateTime(agent.lastBookedAt) : 'none yet'}</div>
              <div>${!agent.calendar || (agent.calendar.ok && !agent.calendar.fetchedAt) ? html`<span class="muted">No calendar feed fetched</span>`
                : agent.calendar.ok ? html`<span class="ok">Calendar healthy</span>, fetched ${dateTime(agent.calendar.fetchedAt)}`
                : html`<span class="error">Calendar failing${agent.calendar.error ? `: ${agent.calendar.error}` : ''}</span>${agent.calendar.fetchedAt ? `, last fetched ${dateTime(agent.calendar.fetchedAt)}` : ''}`}</div>
            </div>
            <div class="actions">
              <button type="button" class="small" data-move="${agent.id}:-1" aria-label="Move ${agent.name} up" ?disabled=${i === 0} @click=${() => this.move(i, -1)}>↑ Up</button>
              <button type="button" class="small" data-move="${agent.id}:1" aria-label="Move ${agent.name} down" ?disabled=${i === agents.length - 1} @click=${() => this.move(i, 1)}>↓ Down</button>
              <button type="button" class="small" aria-label="${agent.paused ? 'Resume' : 'Pause'} ${agent.name}" @click=${() => this.pause(agent)}>${agent.paused ? 'Resume' : 'Pause'}</button>
            </div></li>`)}
        </ol>
        ${agents.length ? '' : html`<p>The published flow has no agents.</p>`}` : this.error ? '' : html`<p aria-busy="true">Loading…</p>`}`;
  }
}

define('dc-routing', Routing);

declare global {
  interface HTMLElementTagNameMap { 'dc-routing': Routing }
}
