/**
 * The script-tag entry (`dist/dynamic-chat.js`): defines `<dynamic-chat>`, exposes the npm
 * exports as `window.DynamicChat`, and appends one widget configured by the script's `data-*`
 * attributes. Loading the file twice, next to another copy of lit, or on a page whose registry
 * refuses the tag, does no harm.
 */
import type * as Entry from './index.js';
import {
  DynamicChat, defineDynamicChat, registerLocale, THEME_TOKENS, httpAdapter, localAdapter, validateFlow, resolveDialogue, roundRobin,
} from './index.js';

declare global {
  interface Window {
    /** The npm entry's exports, set by the script-tag build. */
    DynamicChat?: typeof Entry;
  }
}

// A plain object, not `import * as`: the bundler builds a namespace with a for…in loop, which a
// page with an enumerable Object.prototype property breaks before anything runs. The type keeps
// this list equal to the npm entry's exports.
const entry: typeof Entry = {
  DynamicChat, defineDynamicChat, registerLocale, THEME_TOKENS, httpAdapter, localAdapter, validateFlow, resolveDialogue, roundRobin,
};

/** Element attributes the script's `data-*` attributes set (`data-flow` → `flow`, …). */
const OPTIONS = ['flow', 'endpoint', 'mode', 'theme', 'locale', 'page-url'];

// Only readable while the script first runs: afterwards document.currentScript is another script or null.
const script = document.currentScript;

// Set before defining, so page code finds the exports even when the page's registry refuses the tag.
// The first copy wins, so window.DynamicChat.DynamicChat stays the class actually registered.
window.DynamicChat ??= entry;
// No element is appended for a tag that nobody defined: it would sit inert on the page.
if (defineDynamicChat()) mountFrom(script);

/**
 * Appends a `<dynamic-chat>` configured by the script's `data-*` attributes once the document is
 * parsed, unless the page already has one (its own markup, or a copy of this file loaded before).
 * A script without `data-flow` only defines the element, for pages that place it themselves.
 */
function mountFrom(source: HTMLOrSVGScriptElement | null): void {
  if (!source?.hasAttribute('data-flow')) return;
  const mount = (): void => {
    if (document.querySelector('dynamic-chat')) return;
    const element = document.createElement('dynamic-chat');
    for (const attribute of OPTIONS) {
      const value = source.getAttribute(`data-${attribute}`);
      if (value !== null) element.setAttribute(attribute, value);
    }
    (document.body ?? document.documentElement).append(element);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
}
