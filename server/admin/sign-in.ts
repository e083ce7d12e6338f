/** The sign-in page: the admin token buys an HttpOnly session cookie. */
import { html } from 'lit';
import { api } from './api.js';
import { LightElement, define } from './light-element.js';

/** `<dc-sign-in>`: a form for the admin token; fires `signed-in` with the session's CSRF token. */
export class SignIn extends LightElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#token')!;
    if (!input.value.trim()) {
      this.error = 'Enter the admin token.';
      input.focus();
      return;
    }
    this.busy = true;
    const answer = await api<{ csrfToken: string }>('POST', 'session', { token: input.value.trim() });
    this.busy = false;
    if (!answer.ok) {
      this.error = answer.status === 401 || answer.status === 403 ? 'That is not the admin token.' : answer.message;
      input.select();
      return;
    }
    input.value = '';
    this.dispatchEvent(new CustomEvent('signed-in', { detail: answer.data.csrfToken, bubbles: true }));
  }

  protected override render() {
    return html`
      <h1>Sign in to the dashboard</h1>
      <form class="card" @submit=${this.submit} novalidate>
        <div class="field">
          <label for="token">Admin token</label>
          <input id="token" type="password" autocomplete="current-password" spellcheck="false" required
            aria-describedby="token-help ${this.error ? 'token-error' : ''}" aria-invalid=${this.error ? 'true' : 'false'}>
          <span id="token-help" class="muted">The server prints it when it starts (or set it with ADMIN_TOKEN).</span>
        </div>
        ${this.error ? html`<p id="token-error" class="error" role="alert">${this.error}</p>` : ''}
        <button class="primary" type="submit" ?disabled=${this.busy}>Sign in</button>
      </form>`;
  }
}

define('dc-sign-in', SignIn);

declare global {
  interface HTMLElementTagNameMap { 'dc-sign-in': SignIn }
}
