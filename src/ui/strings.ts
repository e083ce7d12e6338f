/** UI strings: English built in, other locales from the tables `registerLocale` (page/locales.ts) fills. */
import { INPUT_ERRORS } from '../engine/index.js';
import type { ChatStrings, InputErrorKey, LocaleStrings } from '../page/locales.js';

export type { ChatStrings, InputErrorKey };

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

/** The strings for a locale such as `de-AT` from the registered tables: exact table, then the language (`de`), then English. */
export function stringsFor(locale: string | undefined, tables: ReadonlyMap<string, LocaleStrings>): ChatStrings {
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
