/**
 * The script-tag loader (`dist/dynamic-chat.js`): defines `<dynamic-chat>`, exposes
 * `window.DynamicChat`, and appends one widget configured by the script's `data-*` attributes. The
 * chat itself comes later from `chunks/` beside this file (see `page/chunks-script.ts`). Loading
 * the file twice, two versions of it, or on a page whose registry refuses the tag, does no harm.
 */
import type * as Entry from './index.js';
import { DynamicChat } from './page/dynamic-chat.js';
import { defineDynamicChat } from './page/define.js';
import { registerLocale } from './page/locales.js';
import { loadChunk } from './page/load-chunk.js';

/** What the script-tag build puts on `window.DynamicChat`. */
export interface DynamicChatGlobal {
  DynamicChat: typeof Entry.DynamicChat;
  defineDynamicChat: typeof Entry.defineDynamicChat;
  registerLocale: typeof Entry.registerLocale;
  /** Every export of the npm entry (the rest comes in a chunk); the three above are this copy's own. */
  load(): Promise<typeof Entry>;
}

declare global {
  interface Window {
    /** The element, its define helper and registerLocale at once; `load()` for the rest (script-tag build). */
    DynamicChat?: DynamicChatGlobal;
  }
}

/** Element attributes the script's `data-*` attributes set (`data-flow` → `flow`, …). */
const OPTIONS = ['flow', 'endpoint', 'mode', 'theme', 'locale', 'page-url'];

// Only readable while the script first runs: afterwards document.currentScript is another script or null.
const script = document.currentScript;

// Set before defining, so page code finds the exports even when the page's registry refuses the tag.
// The first copy wins, so window.DynamicChat.DynamicChat stays the class actually registered.
window.DynamicChat ??= {
  DynamicChat, defineDynamicChat, registerLocale,
  // Spread into a plain object: the chunk's namespace object is frozen and has no prototype.
  load: () => loadChunk('rest').then((rest) => ({ ...rest, DynamicChat, defineDynamicChat, registerLocale }) as typeof Entry),
};
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
