/** `dynamic-chat/define`: registers the `<dynamic-chat>` element (the one entry with a side effect). */
import { defineDynamicChat } from './ui/define-element.js';

defineDynamicChat();

export { DynamicChat } from './ui/dynamic-chat.js';
export { defineDynamicChat };
