/** `dynamic-chat/define`: registers the `<dynamic-chat>` element (the one entry with a side effect). */
import { defineDynamicChat } from './page/define.js';

defineDynamicChat();

export { DynamicChat } from './page/dynamic-chat.js';
export { defineDynamicChat };
