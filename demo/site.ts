/** "Northwind", a fictional SaaS site the widget lives on, with client-side routes (history.pushState). */
import { html, render, type TemplateResult } from 'lit';
import { blogPage, docsPage, homePage, otherPage, pricingPage } from './site-pages.js';

/** A route of the demo site, offered as a shortcut in the visit simulator. */
export interface Route { path: string; label: string; page: () => TemplateResult }

/** The demo site's routes. */
export const ROUTES: Route[] = [
  { path: '/', label: 'Home', page: homePage },
  { path: '/pricing', label: 'Pricing', page: pricingPage },
  { path: '/blog/ship-faster-with-less', label: 'Blog post', page: blogPage },
  { path: '/docs/quick-start', label: 'Docs', page: docsPage },
];

const routeOf = (path: string): Route | undefined => ROUTES.find((r) => r.path === path);

const siteTemplate = (path: string): TemplateResult => {
  const route = routeOf(path);
  return html`
    <header class="site-header">
      <a class="brand" href="/" data-route>◆ Northwind</a>
      <nav aria-label="Northwind">
        ${ROUTES.slice(1).map((r) => html`<a href=${r.path} data-route aria-current=${route === r ? 'page' : 'false'}>${r.label === 'Blog post' ? 'Blog' : r.label}</a>`)}
      </nav>
      <a class="site-cta" href="/pricing" data-route>Start free trial</a>
    </header>
    <main class="site-main" id="site-main">${route ? route.page() : otherPage(path)}</main>
    <footer class="site-footer">© 2026 Northwind Analytics, Inc. · A fictional company for the dynamic-chat demo.</footer>`;
};

/** Renders the site for the current location and keeps it in step with navigation; `onNavigate` hears every route change. */
export function mountSite(host: HTMLElement, onNavigate: (pathAndQuery: string) => void): { go(pathAndQuery: string): void } {
  const show = (): void => { render(siteTemplate(location.pathname), host); };
  const go = (pathAndQuery: string): void => {
    const target = new URL(pathAndQuery, location.origin);
    if (target.pathname + target.search === location.pathname + location.search) return;
    history.pushState(null, '', target.pathname + target.search + location.hash);
    show();
    window.scrollTo(0, 0);
    onNavigate(target.pathname + target.search);
  };
  host.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a[data-route]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    go(link.getAttribute('href') ?? '/');
  });
  window.addEventListener('popstate', () => { show(); onNavigate(location.pathname + location.search); });
  show();
  return { go };
}
