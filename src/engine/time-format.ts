/** Meeting times as a visitor reads them: "Tue 24 Nov, 10:00" in their own time zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, {
      timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    if (formatters.size > 100) formatters.clear();
    formatters.set(key, made);
  }
  return made;
}

function safeFormatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  // A bad locale or zone (from a visitor's browser or a stale state) falls back instead of throwing.
  for (const [zone, loc] of [[timeZone, locale], [timeZone, 'en'], ['UTC', 'en']]) {
    try { return formatter(zone, loc); } catch { /* try the next fallback */ }
  }
  return formatter('UTC', 'en');
}

/**
 * Formats an ISO instant as weekday, day, month and 24-hour time in `timeZone`
 * ("Tue 24 Nov, 10:00" in English); gives the input back when it is not a date.
 */
export function formatMeetingTime(instant: string, timeZone: string, locale = 'en'): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const parts: Record<string, string> = {};
  for (const part of safeFormatter(timeZone, locale).formatToParts(date)) parts[part.type] = part.value;
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute}`;
}
