/** The dashboard's shell: the session, the navigation, the live region and the current page. */
import { html, type LitElement, type TemplateResult } from 'lit';
import { api, setCsrfToken } from './api.js';
import { STATUS_ID, announce, clearAnnouncement } from './announce.js';
import { LightElement, define } from './light-element.js';
import './sign-in.js';
import './overview.js';
import './leads.js';
import './meetings.js';
import './routing.js';
import './flow.js';
import './settings.js';

/** The pages, in the navigation's order: path segment, link text, what the page shows. */
export const PAGES: Array<[string, string, () => TemplateResult]> = [
  ['overview', 'Overview', () => html`<dc-overview></dc-overview>`],
  ['leads', 'Leads', () => html`<dc-leads></dc-leads>`],
  ['meetings', 'Meetings', () => html`<dc-meetings></dc-meetings>`],
  ['routing', 'Routing', () => html`<dc-routing></dc-routing>`],
  ['flow', 'Flow', () => html`<dc-flow></dc-flow>`],
  ['settings', 'Settings', () => html`<dc-settings></dc-settings>`],
];

/** The page a path names (`/admin/leads` → `leads`); the overview otherwise. */
function pageOf(pathname: string): string {
  const name = pathname.replace(/^\/admin\/?/, '').split('/')[0];
  return PAGES.some(([id]) => id === name) ? name : 'overview';
}

/** `<dc-admin>`: signs in, then shows one page at a time under /admin/<page>. */
export class DashboardApp extends LightElement {
  static override properties = { session: { state: true }, page: { state: true } };
  declare session: 'checking' | 'out' | 'in';
  declare page: string;
  private moved = false;
  private readonly onPop = () => this.show(pageOf(location.pathname), false);
  private readonly onSignedOut = () => {
    if (this.session !== 'in') return;
    this.session = 'out';
    announce('Your session ended; sign in again.');
  };

  constructor() {
    super();
    this.session = 'checking';
    this.page = pageOf(location.pathname);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPop);
    window.addEventListener('dc-signed-out', this.onSignedOut);
    // The server writes the session's CSRF token into the page (empty: not signed in), saving a round trip; without it, ask.
    const token = this.dataset.csrfToken;
    if (token === undefined) void this.check();
    else {
      setCsrfToken(token);
      this.session = token ? 'in' : 'out';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPop);
    window.removeEventListener('dc-signed-out', this.onSignedOut);
  }

  private async check(): Promise<void> {
    const answer = await api<{ csrfToken: string }>('GET', 'session');
    if (answer.ok) setCsrfToken(answer.data.csrfToken);
    this.session = answer.ok ? 'in' : 'out';
  }

  private signedIn(event: CustomEvent<string>): void {
    setCsrfToken(event.detail);
    this.session = 'in';
    this.moved = true;
  }

  private async signOut(): Promise<void> {
    await api('DELETE', 'session');
    setCsrfToken('');
    this.session = 'out';
    announce('Signed out.');
  }

  /** Shows a page; `push` adds it to the history (a link), popstate does not. */
  private show(page: string, push: boolean): void {
    if (push) history.pushState(null, '', `/admin/${page}`);
    clearAnnouncement();
    this.page = page;
    this.moved = true;
  }

  private navigate(event: MouseEvent): void {
    const link = (event.target as Element).closest('a');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.show(pageOf(new URL(link.href).pathname), true);
  }

  protected override async updated(): Promise<void> {
    const label = PAGES.find(([id]) => id === this.page)![1];
    document.title = this.session === 'in' ? `${label} · Dashboard · dynamic-chat` : 'Sign in · Dashboard · dynamic-chat';
    if (!this.moved) return;
    this.moved = false;
    // After a navigation, focus goes to the new page's heading, so a screen reader says where it is.
    const view = this.querySelector('main')?.firstElementChild as LitElement | null;
    await view?.updateComplete;
    const heading = this.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }

  protected override render() {
    const status = html`<div class="status"><p id=${STATUS_ID} class="status-box" role="status"></p></div>`;
    if (this.session === 'checking') return html`<main aria-busy="true"><p>Loading…</p></main>`;
    if (this.session === 'out') return html`${status}<main class="narrow"><dc-sign-in @signed-in=${this.signedIn}></dc-sign-in></main>`;
    return html`
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <span class="brand">dynamic-chat</span>
        <nav aria-label="Dashboard" @click=${this.navigate}>
          <ul>${PAGES.map(([id, label]) => html`<li><a href="/admin/${id}" aria-current=${id === this.page ? 'page' : 'false'}>${label}</a></li>`)}</ul>
        </nav>
        <button class="signout small" type="button" @click=${this.signOut}>Sign out</button>
      </header>
      ${status}
      <main id="main" tabindex="-1">${PAGES.find(([id]) => id === this.page)![2]()}</main>`;
  }
}

define('dc-admin', DashboardApp);

declare global {
  interface HTMLElementTagNameMap { 'dc-admin': DashboardApp }
}
