/** Registers `<dynamic-chat>` once, however many copies of the widget a page loads. */
import { DynamicChat } from './dynamic-chat.js';

let warned = false;

/**
 * Defines the `dynamic-chat` tag with this copy's class. When the tag is already taken (a second
 * script tag, another bundle), it warns once and leaves the first registration in place.
 */
export function defineDynamicChat(tagName = 'dynamic-chat'): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  const existing = registry.get(tagName);
  if (!existing) registry.define(tagName, DynamicChat);
  else if (existing !== DynamicChat && !warned) {
    warned = true;
    console.warn(`dynamic-chat: <${tagName}> is already defined by another copy; keeping the first one.`);
  }
}
