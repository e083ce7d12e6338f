/** UI strings: one table per locale, English built in, more registered through `registerLocale`. */

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
  booking: string;
  // Shown by no part of the widget (input errors and "no free times" come from the flow and the
  // engine); still accepted so that existing registerLocale() calls keep compiling.
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
  dismiss: 'Dismiss',
  booking: 'Booking…',
};

// Registered tables only: English itself is the base every lookup starts from.
const tables = new Map<string, Partial<ChatStrings>>();

/** Adds or extends a locale; missing keys fall back to English. */
export function registerLocale(code: string, strings: Partial<ChatStrings>): void {
  const key = code.toLowerCase();
  tables.set(key, { ...tables.get(key), ...strings });
}

/** The strings for a locale such as `de-AT`: exact table, then the language (`de`), then English. */
export function stringsFor(locale: string | undefined): ChatStrings {
  const code = (locale ?? 'en').toLowerCase();
  return { ...en, ...tables.get(code.split('-')[0]), ...tables.get(code) };
}
