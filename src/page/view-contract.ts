/** What the page element hands the view (stage 2) and what it asks of it: the one seam between the stages. */
import type { WritableAtom } from 'nanostores';
import type { FlowSettings } from '../engine/index.js';
import type { isSavedConversation } from '../stores/saved-shape.js';
import type { Chat, createChat } from '../stores/chat.js';
import type { resolveDialogue } from '../targeting/resolve.js';
import type { WireAdapter } from './adapter-wiring.js';
import type { checkFlow } from './flow-verdict.js';
import type { LocaleStrings } from './locales.js';

/** What the view reads from, and asks of, its `<dynamic-chat>`. */
export interface ViewHost {
  /** The `<dynamic-chat>` element (its `mode`, `theme` and `locale`, its custom properties, its update cycle). */
  element: HTMLElement & { readonly updateComplete: Promise<boolean>; mode: 'bubble' | 'inline'; theme: string | undefined; locale: string | undefined };
  root: ShadowRoot;
  /** The chat of the current load (null before one, or after a load failed). */
  chat(): Chat | null;
  /** The flow is loaded and the widget may show something. */
  ready(): boolean;
  /** Schedules a render of the view, batched with the element's own changes. */
  requestUpdate(): void;
  settings(): FlowSettings;
  /** The locale texts are formatted in (chosen, else the page's, else English). */
  localeCode(): string;
  locales: ReadonlyMap<string, LocaleStrings>;
  /** Opens or closes the panel through the page's rules (no panel without a conversation; events; focus). */
  setOpen(open: boolean): void;
}

/** The view as the page drives it. */
export interface View {
  /** Renders the conversation (the element's update calls it). */
  render(): void;
  connected(): void;
  /** The element left the page: listeners and the calendar's object URLs go. */
  disconnected(): void;
  /** The panel opened: focus goes in (`auto`: the widget opened itself, so focus is taken only from an idle page). */
  opened(auto: boolean): void;
  /** The panel closed: focus goes back to the launcher. */
  closed(): void;
  /** The theme, the page URL or the color scheme changed. */
  applyTheme(): void;
  /** The element started a new chat (a new flow or backend): the view listens to its stores. */
  chatChanged(): void;
}

/** Stage 2 (src/ui/stage.ts) as stage 1 uses it: the chat, its checks and wiring, and the view. */
export interface StageTwo {
  createChat: typeof createChat;
  createView(host: ViewHost): View;
  /** The full check of a saved conversation before it is restored. */
  isSavedConversation: typeof isSavedConversation;
  /** The full validator, which has the last word before anything plays. */
  checkFlow: typeof checkFlow;
  wireAdapter: WireAdapter;
  /** resolveDialogue with the pattern engine and schedules. */
  resolveDialogue: typeof resolveDialogue;
  /** The visitor's time zone (slots, confirmations). */
  visitorTimeZone(): string;
  /** nanostores' atom, for the element's `$open`. */
  atom(initial: boolean): WritableAtom<boolean>;
}
