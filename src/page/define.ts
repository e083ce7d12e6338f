/** Registers `<dynamic-chat>` once, however many copies of the widget a page loads. */
import { DynamicChat } from './dynamic-chat.js';

let warned = false;

/**
 * Defines the `dynamic-chat` tag with this copy's class and answers whether the tag is defined
 * (by this copy or another). A tag already taken (a second script tag, another bundle, the page's
 * own class) or a registry that refuses (a page that locks `customElements.define`) gives one
 * console warning, never an exception thrown into the page.
 */
export function defineDynamicChat(tagName = 'dynamic-chat'): boolean {
  try {
    const registry = globalThis.customElements;
    if (!registry) return false;
    const existing = registry.get(tagName);
    if (!existing) registry.define(tagName, DynamicChat);
    else if (existing !== DynamicChat) warn(`<${tagName}> is already defined by another copy; keeping the first one.`);
    return true;
  } catch (error) {
    // The thrown value goes to the console as it is: a page may throw anything, even what no template can print.
    warn(`could not define <${tagName}>, the registry refused it:`, error);
    return false;
  }
}

function warn(...parts: unknown[]): void {
  if (!warned) console.warn('dynamic-chat:', ...parts);
  warned = true;
}
