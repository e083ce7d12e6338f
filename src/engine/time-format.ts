/**
 * Meeting times as a visitor reads them: "Tue 24 Nov, 10:00" in their own time zone. The rule
 * matches the slot buttons' names (src/ui/slot-format.ts), so a confirmation names the time
 * exactly as the button the visitor pressed did.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, made);
  }
  return made;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

function format(date: Date, locale: string, timeZone: string): string {
  // English reads "Tue 24 Nov, 10:00" whatever the region; other languages use their own order.
  if (locale.toLowerCase().startsWith('en')) {
    const parts: Record<string, string> = {};
    for (const part of formatter('en-GB', timeZone, DAY).formatToParts(date)) parts[part.type] = part.value;
    return `${parts.weekday} ${parts.day} ${parts.month}, ${formatter('en-GB', timeZone, TIME).format(date)}`;
  }
  return `${formatter(locale, timeZone, DAY).format(date)}, ${formatter(locale, timeZone, TIME).format(date)}`;
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
