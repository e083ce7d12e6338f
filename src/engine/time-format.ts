/**
 * Meeting times as a visitor reads them: "Tue 24 Nov, 10:00" in their own time zone. The rule
 * matches the slot buttons' names (src/ui/slot-format.ts), so a confirmation names the time
 * exactly as the button the visitor pressed did.
 */

const FORMATS = {
  day: { weekday: 'short', day: 'numeric', month: 'short' },
  time: { hour: '2-digit', minute: '2-digit' },
  /** A wall clock in numbers, for time-zone arithmetic (src/targeting/zoned.ts). */
  wall: { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl formatter of one of the shapes above; throws a RangeError for an unknown locale or zone. */
export function dateFormat(shape: keyof typeof FORMATS, locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${shape} ${locale} ${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { timeZone, ...FORMATS[shape] });
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, made);
  }
  return made;
}

// Intl's own list of zones, read once. Most names are in it; `UTC` always exists.
let listedZones: Set<string> | undefined;

/** True when Intl knows the time zone (the validator and agents' hours use the same test). */
export function isTimeZone(timeZone: string): boolean {
  // The list answers in about a millisecond, where a page's first formatter costs ten (ICU loads its
  // zone data): a formatter is made only for names the list lacks (aliases, other spellings, typos).
  listedZones ??= new Set(['UTC', ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [])]);
  if (listedZones.has(timeZone)) return true;
  try {
    dateFormat('wall', 'en-US', timeZone);
    return true;
  } catch {
    return false;
  }
}

function format(date: Date, locale: string, timeZone: string): string {
  // English reads "Tue 24 Nov, 10:00" (British order) whatever the region; other languages use their own.
  const loc = locale.toLowerCase().startsWith('en') ? 'en-GB' : locale;
  return `${dateFormat('day', loc, timeZone).format(date)}, ${dateFormat('time', loc, timeZone).format(date)}`;
}

/**
 * Formats an ISO instant as weekday, day, month and time in `timeZone`; a bad locale or zone
 * falls back to English and UTC, and a value that is not a date comes back unchanged.
 */
export function formatMeetingTime(instant: string, timeZone: string, locale = 'en'): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  for (const [loc, zone] of [[locale, timeZone], ['en', timeZone], ['en', 'UTC']]) {
    try {
      return format(date, loc, zone);
    } catch {
      // RangeError from Intl: try the next fallback.
    }
  }
  return date.toISOString();
}
