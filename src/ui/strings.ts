/** UI strings: one table per locale, English built in, more registered through `registerLocale`. */

/** Every text the widget itself shows (flow texts come from the flow). */
export interface ChatStrings {
  openChat: string;
  closeChat: string;
  send: string;
  typing: string;
  jumpToLatest: string;
  yourAnswer: string;
  botSaid: string;
  youSaid: string;
  privacy: string;
  errorRequired: string;
  errorInvalid: string;
  loadingSlots: string;
  noSlots: string;
  slotsFailed: string;
  bookingFailed: string;
  tryAgain: string;
  addToCalendar: string;
  meetingWith: string;
  chooseTime: string;
  dismiss: string;
  booking: string;
}

const en: ChatStrings = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  send: 'Send',
  typing: 'typing',
  jumpToLatest: 'Jump to latest',
  yourAnswer: 'Your answer',
  botSaid: '{name} said',
  youSaid: 'You said',
  privacy: 'Privacy',
  errorRequired: 'Please fill this in.',
  errorInvalid: 'That does not look right. Please try again.',
  loadingSlots: 'Looking for free times…',
  noSlots: 'No free times right now.',
  slotsFailed: 'Could not load free times.',
  bookingFailed: 'That time could not be booked. It may have just been taken.',
  tryAgain: 'Try again',
  addToCalendar: 'Add to calendar',
  meetingWith: 'Meeting with {agent}',
  chooseTime: 'Available times',
  dismiss: 'Dismiss',
  booking: 'Booking…',
};

const tables = new Map<string, Partial<ChatStrings>>([['en', en]]);

/** Adds or extends a locale; missing keys fall back to English. */
export function registerLocale(code: string, strings: Partial<ChatStrings>): void {
  const key = code.toLowerCase();
  tables.set(key, { ...(tables.get(key) ?? {}), ...strings });
}

/** The strings for a locale such as `de-AT`: exact table, then the language (`de`), then English. */
export function stringsFor(locale: string | undefined): ChatStrings {
  const code = (locale ?? 'en').toLowerCase();
  const exact = tables.get(code) ?? {};
  const language = tables.get(code.split('-')[0]) ?? {};
  return { ...en, ...language, ...exact };
}

/** Replaces `{name}` placeholders of a UI string. */
export function format(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
