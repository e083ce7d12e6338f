/** Page stylesheets for browser tests: a bundled theme file loaded as a site would link it. */

/** Links `href` (e.g. `/themes/dark.css`) into the page and resolves once it has loaded; remove the link to undo. */
export async function linkStylesheet(href: string): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
  document.head.append(link);
  await loaded;
  return link;
}
