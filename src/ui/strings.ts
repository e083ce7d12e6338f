/** UI strings: one table per locale, English built in, more registered through `registerLocale`. */
import { INPUT_ERRORS } from '../engine/index.js';

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

const en: ChatStrings = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  send: 'Send',
  typing: 'typing',
  jumpToLatest: 'Jump to latest',
  yourAnswer: 'Your answer',
  privacy: 'Privacy',
  loadingSlots: 'Looking for free times…',
  slotsFailed: 'Could not load free times.',
  bookingFailed: 'That time could not be booked. It may have just been taken.',
  tryAgain: 'Try again',
  addToCalendar: 'Add to calendar',
  meetingWith: 'Meeting with {agent}',
  chooseTime: 'Available times',
  dismiss: 'Dismiss message',
  newTab: '(opens in a new tab)',
  booking: 'Booking…',
  inputErrors: INPUT_ERRORS,
};

/** What `registerLocale` takes: any strings, and any of the input errors. */
export type LocaleStrings = Partial<Omit<ChatStrings, 'inputErrors'>> & { inputErrors?: Partial<Record<InputErrorKey, string>> };

// Registered tables only: English itself is the base every lookup starts from.
const tables = new Map<string, LocaleStrings>();

/** Adds or extends a locale; missing keys (and missing input errors) fall back to English. */
export function registerLocale(code: string, strings: LocaleStrings): void {
  const key = code.toLowerCase();
  const known = tables.get(key);
  tables.set(key, { ...known, ...strings, inputErrors: { ...known?.inputErrors, ...strings.inputErrors } });
}

/** The strings for a locale such as `de-AT`: exact table, then the language (`de`), then English. */
export function stringsFor(locale: string | undefined): ChatStrings {
  const code = (locale ?? 'en').toLowerCase();
  const language = tables.get(code.split('-')[0]);
  const exact = tables.get(code);
  return { ...en, ...language, ...exact, inputErrors: { ...en.inputErrors, ...language?.inputErrors, ...exact?.inputErrors } };
}

/**
 * The error to show for an input card: one of the engine's default errors in the widget's
 * language, or the card's own `error` as written.
 */
export function inputErrorText(error: string, strings: ChatStrings): string {
  const key = (Object.keys(INPUT_ERRORS) as InputErrorKey[]).find((k) => INPUT_ERRORS[k] === error);
  return key ? strings.inputErrors[key] : error;
}
