/**
 * The UI strings' shape and the locales a page registers. They live in stage 1, so `registerLocale` works at once (before the
 * view is loaded) and the view, from whichever chunk, reads the same tables.
 */
import type { INPUT_ERRORS } from '../engine/index.js';

/** Why an input card refused a value, when the card has no `error` of its own: empty, or by kind. */
export type InputErrorKey = keyof typeof INPUT_ERRORS;

/** Every text the widget itself shows (flow texts come from the flow). */
export interface ChatStrings {
  openChat: string;
  closeChat: string;
  send: string;
  typing: string;
  jumpToLatest: string;
  yourAnswer: string;
  privacy: string;
  loadingSlots: string;
  slotsFailed: string;
  bookingFailed: string;
  tryAgain: string;
  addToCalendar: string;
  meetingWith: string;
  chooseTime: string;
  dismiss: string;
  /** Said after the label of an option that opens a link in a new tab (visually hidden). */
  newTab: string;
  booking: string;
  /**
   * The default input errors (`empty`, `email`, `blocked`, `phone`, `name`, `number`, `url`, and
   * `text` for an answer over 2,000 characters); a card's own `error` is shown as written.
   */
  inputErrors: Record<InputErrorKey, string>;
  // Shown by no part of the widget ("no free times" comes from the flow); still accepted so that
  // existing registerLocale() calls keep compiling.
  /** @deprecated Not shown. */ botSaid?: string;
  /** @deprecated Not shown. */ youSaid?: string;
  /** @deprecated Not shown. */ errorRequired?: string;
  /** @deprecated Not shown. */ errorInvalid?: string;
  /** @deprecated Not shown. */ noSlots?: string;
}

/** What `registerLocale` takes: any strings, and any of the input errors. */
export type LocaleStrings = Partial<Omit<ChatStrings, 'inputErrors'>> & { inputErrors?: Partial<Record<InputErrorKey, string>> };

/** Registered tables only: English itself is the base every lookup starts from. */
export const localeTables = new Map<string, LocaleStrings>();

/** Adds or extends a locale; missing keys (and missing input errors) fall back to English. */
export function registerLocale(code: string, strings: LocaleStrings): void {
  const key = code.toLowerCase();
  const known = localeTables.get(key);
  localeTables.set(key, { ...known, ...strings, inputErrors: { ...known?.inputErrors, ...strings.inputErrors } });
}
