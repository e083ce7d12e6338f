/** The settings page: webhooks (add, remove, recent deliveries, redeliver) and email (SMTP status, a test message). */
import { html } from 'lit';
import { api, segment } from './api.js';
import { announce } from './announce.js';
import type { Confirm } from './confirm.js';
import { dateTime } from './format.js';
import { LightElement, define } from './light-element.js';
import './confirm.js';

/** The webhook events of contract §8. */
export const WEBHOOK_EVENTS = ['lead.captured', 'meeting.booked', 'meeting.cancelled', 'dialogue.goal', 'dialogue.completed'];

/** A webhook as `GET /admin/api/webhooks` lists it (the secret is never sent back). */
export interface Webhook { id: string; url: string; events: string[]; queued: number; givenUp: number }
/** One delivery attempt as `GET /admin/api/webhooks/deliveries` lists it (`deliveryId`: the queued item, which redeliver takes). */
export interface Delivery {
  id: string; deliveryId: string; webhookId: string; eventId: string; type: string; at: string;
  statusCode: number | null; error: string | null; nextRetryAt: string | null; state: 'queued' | 'sent' | 'given-up'; attempts: number;
}
/** A delivery queued and not tried yet. */
export interface Pending { deliveryId: string; webhookId: string; eventId: string; type: string; nextAttemptAt: string }
/** `GET /admin/api/email`. */
export interface EmailStatus { configured: boolean; smtp: string | null; queued: number; sent: number; givenUp: number; givenUpError: string | null; lastError: string | null; lastAttemptAt: string | null }

const STATE: Record<Delivery['state'], string> = { queued: 'will retry', sent: 'delivered', 'given-up': 'given up' };

/** `<dc-settings>`. */
export class Settings extends LightElement {
  static override properties = {
    webhooks: { state: true }, deliveries: { state: true }, pending: { state: true }, older: { state: true }, email: { state: true }, error: { state: true }, formError: { state: true }, testError: { state: true },
  };
  declare webhooks: Webhook[] | null;
  declare deliveries: Delivery[] | null;
  declare pending: Pending[];
  /** The cursor of older attempts, when there are more than shown. */
  declare older: string | null;
  declare email: EmailStatus | null;
  declare error: string;
  declare formError: string;
  declare testError: string;

  constructor() {
    super();
    this.webhooks = null;
    this.deliveries = null;
    this.pending = [];
    this.older = null;
    this.email = null;
    this.error = '';
    this.formError = '';
    this.testError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const [hooks, deliveries, email] = await Promise.all([
      api<{ webhooks: Webhook[] }>('GET', 'webhooks'),
      api<{ deliveries: Delivery[]; pending: Pending[]; next?: string }>('GET', 'webhooks/deliveries'),
      api<EmailStatus>('GET', 'email'),
    ]);
    const failed = [hooks, deliveries, email].find((answer) => !answer.ok);
    this.error = failed && !failed.ok ? failed.message : '';
    if (hooks.ok) this.webhooks = hooks.data.webhooks;
    if (deliveries.ok) {
      this.deliveries = deliveries.data.deliveries;
      this.pending = deliveries.data.pending;
      this.older = deliveries.data.next ?? null;
    }
    if (email.ok) this.email = email.data;
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { url: String(data.get('url') ?? '').trim(), secret: String(data.get('secret') ?? ''), events: data.getAll('events').map(String) };
    const answer = await api<{ id: string }>('POST', 'webhooks', body);
    if (!answer.ok) {
      this.formError = `${answer.message}${answer.path ? ` (${answer.path})` : ''}`;
      return;
    }
    this.formError = '';
    form.reset();
    await this.load();
    announce(`Webhook added: ${body.url}.`);
  }

  private async removeHook(hook: Webhook): Promise<void> {
    const yes = await this.querySelector<Confirm>('dc-confirm')!.ask(`Remove the webhook to ${hook.url}?`, 'Nothing more is sent there.', 'Remove the webhook');
    if (!yes) return;
    const answer = await api('DELETE', `webhooks/${segment(hook.id)}`);
    if (!answer.ok) return void announce(`Not removed: ${answer.message}`);
    await this.load();
    announce(`Webhook to ${hook.url} removed.`);
  }

  private async redeliver(delivery: Delivery): Promise<void> {
    const answer = await api('POST', `webhooks/deliveries/${segment(delivery.deliveryId)}/redeliver`);
    if (!answer.ok) return void announce(`Not queued: ${answer.message}`);
    await this.load();
    announce(`${delivery.type} ${delivery.eventId} queued again.`);
  }

  /** Adds the next page of older attempts (100 a page, from the server). */
  private async more(): Promise<void> {
    const answer = await api<{ deliveries: Delivery[]; next?: string }>('GET', `webhooks/deliveries?cursor=${segment(this.older!)}`);
    if (!answer.ok) return void announce(`Not loaded: ${answer.message}`);
    this.deliveries = [...this.deliveries!, ...answer.data.deliveries];
    this.older = answer.data.next ?? null;
    announce(`${answer.data.deliveries.length} older attempts shown.`);
  }

  private urlOf(webhookId: string): string {
    return this.webhooks?.find((hook) => hook.id === webhookId)?.url ?? 'a removed webhook';
  }

  private async test(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const to = new FormData(event.target as HTMLFormElement).get('to');
    const answer = await api('POST', 'email/test', { to: String(to ?? '').trim() });
    this.testError = answer.ok ? '' : answer.message;
    if (answer.ok) announce(`A test message was sent to ${to}.`);
  }

  protected override render() {
    const email = this.email;
    return html`
      <h1>Settings</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <h2>Webhooks</h2>
      <p>Each event is posted as JSON, signed with the secret in the <code>DynamicChat-Signature</code> header, and retried for 24 hours.</p>
      ${this.webhooks?.length ? html`<div class="scroll" role="region" aria-label="Webhooks" tabindex="0"><table>
        <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Queue</th><th scope="col">Action</th></tr></thead>
        <tbody>${this.webhooks.map((hook) => html`<tr><td class="email">${hook.url}</td><td>${hook.events.join(', ')}</td>
          <td>${hook.queued} queued${hook.givenUp ? html`, <span class="error">${hook.givenUp} given up</span>` : ''}</td>
          <td><button type="button" class="small" aria-label="Remove the webhook to ${hook.url}" @click=${() => this.removeHook(hook)}>Remove</button></td></tr>`)}</tbody>
      </table></div>` : html`<p class="muted">No webhook yet.</p>`}
      <form class="card" @submit=${this.add} novalidate aria-describedby=${this.formError ? 'hook-error' : ''}>
        <h3>Add a webhook</h3>
        <div class="field"><label for="hook-url">URL</label><input id="hook-url" name="url" type="url" required placeholder="https://crm.example/hooks/chat"></div>
        <div class="field"><label for="hook-secret">Secret</label>
          <input id="hook-secret" name="secret" type="password" autocomplete="new-password" required minlength="8" aria-describedby="hook-secret-help">
          <span id="hook-secret-help" class="muted">At least 8 characters; the receiver checks signatures with it.</span></div>
        <fieldset><legend>Events</legend>
          ${WEBHOOK_EVENTS.map((name) => html`<label><input type="checkbox" name="events" value=${name} checked> ${name}</label> `)}
        </fieldset>
        ${this.formError ? html`<p id="hook-error" class="error" role="alert">${this.formError}</p>` : ''}
        <button type="submit" class="primary">Add the webhook</button>
      </form>
      <h3>Recent deliveries</h3>
      ${this.pending.length ? html`<p>${this.pending.length} ${this.pending.length === 1 ? 'delivery is' : 'deliveries are'} queued and not tried yet.</p>` : ''}
      ${this.deliveries?.length ? html`<div class="scroll tall" role="region" aria-label="Recent deliveries" tabindex="0"><table>
        <thead><tr><th scope="col">Event</th><th scope="col">To</th><th scope="col">Attempt</th><th scope="col">Result</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
        <tbody>${this.deliveries.map((d) => html`<tr><td>${d.type}<br><span class="muted">${d.eventId}</span></td><td class="email">${this.urlOf(d.webhookId)}</td>
          <td class="when">${dateTime(d.at)}<br><span class="muted">attempt ${d.attempts}</span></td>
          <td>${d.statusCode ? html`<span class=${d.statusCode < 300 ? 'ok' : 'error'}>HTTP ${d.statusCode}</span>` : ''}${d.error ? html`<span class="error">${d.error}</span>` : ''}</td>
          <td>${STATE[d.state] ?? d.state}${d.state === 'queued' && d.nextRetryAt ? html`<br><span class="muted">next ${dateTime(d.nextRetryAt)}</span>` : ''}</td>
          <td><button type="button" class="small" aria-label="Redeliver ${d.type} ${d.eventId}" @click=${() => this.redeliver(d)}>Redeliver</button></td></tr>`)}</tbody>
      </table></div>
      ${this.older ? html`<p><button type="button" @click=${this.more}>Show older attempts</button></p>` : ''}` : html`<p class="muted">No delivery attempt yet.</p>`}
      <h2>Email</h2>
      ${email ? html`<dl class="facts card">
        <dt>SMTP</dt><dd>${email.configured ? html`<span class="ok">Configured</span>` : html`<span class="warn">Not configured: set SMTP_URL. Invitations wait in the queue until then.</span>`}</dd>
        ${email.smtp ? html`<dt>Server</dt><dd>${email.smtp}</dd>` : ''}
        <dt>Queued</dt><dd>${email.queued} ${email.queued === 1 ? 'message' : 'messages'}</dd>
        <dt>Sent</dt><dd>${email.sent}</dd>
        ${email.givenUp ? html`<dt>Given up</dt><dd>${email.givenUp}${email.givenUpError ? html` <span class="error">${email.givenUpError}</span>` : ''}</dd>` : ''}
        <dt>Last attempt</dt><dd>${dateTime(email.lastAttemptAt)}${email.lastError ? html` <span class="error">${email.lastError}</span>` : ''}</dd></dl>` : ''}
      <form class="row" @submit=${this.test} novalidate>
        <div class="field"><label for="test-to">Send a test message to</label><input id="test-to" name="to" type="email" required autocomplete="email"></div>
        <button type="submit">Send a test</button>
      </form>
      ${this.testError ? html`<p class="error" role="alert">${this.testError}</p>` : ''}
      <dc-confirm></dc-confirm>`;
  }
}

define('dc-settings', Settings);

declare global {
  interface HTMLElementTagNameMap { 'dc-settings': Settings }
}
