/** The pages of the fictional Northwind site: plain content, long enough to scroll where a flow needs it. */
import { html, type TemplateResult } from 'lit';

/** The landing page. */
export const homePage = (): TemplateResult => html`
  <section class="hero">
    <p class="eyebrow">Operations analytics</p>
    <h1>Every shipment, shift and SKU on one live dashboard.</h1>
    <p class="lead">Northwind connects your warehouse, ERP and carriers in an afternoon, then tells your team what
      needs attention before it turns into a late order.</p>
    <p><a class="button" href="/pricing" data-route>See plans</a> <a class="button ghost" href="/docs/quick-start" data-route>Read the docs</a></p>
  </section>
  <section class="features" aria-label="Features">
    ${[
      ['Live boards', 'Dashboards that refresh as scans happen, not overnight.'],
      ['Alerts that matter', 'Route exceptions to the person on shift, in Slack or by SMS.'],
      ['Forecasts', 'Staffing and stock forecasts trained on your own history.'],
      ['150+ connectors', 'Shopify, NetSuite, SAP, UPS, DHL, FedEx and the rest.'],
    ].map(([title, text]) => html`<article class="feature"><h2>${title}</h2><p>${text}</p></article>`)}
  </section>
  <section class="quote">
    <blockquote>“We cut late orders by 38% in the first quarter. The floor team checks Northwind before coffee.”</blockquote>
    <p>— Priya Natarajan, VP Operations, Fernhill Goods</p>
  </section>
  ${longFiller('Why teams switch')}`;

/** The pricing page, with three plans. */
export const pricingPage = (): TemplateResult => html`
  <section class="hero small">
    <h1>Simple plans that grow with your floor.</h1>
    <p class="lead">Every plan includes unlimited viewers and a 14-day free trial.</p>
  </section>
  <section class="plans" aria-label="Plans">
    ${[
      ['Starter', '$49', 'per site / month', ['3 live boards', '10 connectors', 'Email alerts']],
      ['Team', '$199', 'per site / month', ['Unlimited boards', 'All connectors', 'Slack & SMS alerts', 'Forecasts']],
      ['Enterprise', 'Let’s talk', 'volume pricing', ['SSO & audit log', 'Dedicated success manager', '99.95% SLA']],
    ].map(([name, price, unit, items]) => html`
      <article class="plan" id=${String(name).toLowerCase()}>
        <h2>${name}</h2><p class="price">${price}</p><p class="unit">${unit}</p>
        <ul>${(items as string[]).map((i) => html`<li>${i}</li>`)}</ul>
        <a class="button" href="/pricing" data-route>Choose ${name}</a>
      </article>`)}
  </section>
  <section class="faq">
    <h2>Questions</h2>
    <h3>Can I change plans later?</h3><p>Yes, upgrades are prorated to the day.</p>
    <h3>Do you charge per user?</h3><p>No. Plans are per site, and viewers are free.</p>
  </section>`;

/** A blog post, long enough for a scroll trigger. */
export const blogPage = (): TemplateResult => html`
  <article class="post">
    <p class="eyebrow">Blog · 6 min read</p>
    <h1>Ship faster with less: what 40 warehouses taught us about alerts</h1>
    <p class="lead">Most alerting setups fail the same way: too many messages, sent to everyone, about things nobody can fix.</p>
    ${['Start with the decision, not the metric', 'One owner per alert', 'Quiet hours are a feature', 'Measure the alert, not just the incident', 'What we changed in Northwind']
      .map((title) => html`<h2>${title}</h2>${paragraphs(3)}`)}
  </article>`;

/** A documentation page with a sidebar. */
export const docsPage = (): TemplateResult => html`
  <div class="docs">
    <nav class="docs-nav" aria-label="Documentation">
      <p>Getting started</p>
      <ul><li><a href="/docs/quick-start" data-route aria-current="page">Quick start</a></li><li>Connectors</li><li>Boards</li><li>Alerts</li></ul>
    </nav>
    <article class="post">
      <p class="eyebrow">Docs</p>
      <h1>Quick start</h1>
      <p class="lead">Connect your first data source and build a live board in about ten minutes.</p>
      <h2>1. Create a workspace</h2>${paragraphs(2)}
      <h2>2. Connect a source</h2>${paragraphs(2)}
      <pre class="code">northwind connect shopify --store acme.myshopify.com</pre>
      <h2>3. Build a board</h2>${paragraphs(2)}
    </article>
  </div>`;

/** A page the visit simulator points at that the site does not have. */
export const otherPage = (path: string): TemplateResult => html`
  <section class="hero small">
    <p class="eyebrow">Simulated page</p>
    <h1>${path}</h1>
    <p class="lead">The demo site has no page here, but the chat targets it as if it did.</p>
    <p><a class="button" href="/" data-route>Back home</a></p>
  </section>`;

const SENTENCES = [
  'Teams told us the first week with a new tool decides whether it sticks.',
  'A good alert names the person who can act on it and the action they are expected to take.',
  'Every alert that fires without a consequence teaches people to ignore the next one.',
  'We grouped exceptions by the decision they feed instead of by the system that produced them.',
  'Quiet hours cut after-hours pages by half without a single missed shipment.',
  'The floor leads now review a short list at shift change instead of a wall of red.',
  'Forecasts only earn trust once they have been right, visibly, for a few weeks.',
];

const paragraphs = (count: number): TemplateResult[] =>
  Array.from({ length: count }, (_, i) => html`<p>${[0, 1, 2, 3].map((j) => SENTENCES[(i * 3 + j) % SENTENCES.length]).join(' ')}</p>`);

const longFiller = (title: string): TemplateResult => html`<section class="post"><h2>${title}</h2>${paragraphs(4)}</section>`;
