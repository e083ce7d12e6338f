/** How the dashboard writes dates, times and rates, in the viewer's language. */

/** The viewer's time zone (the browser's). */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A date and time, in `timeZone` (the viewer's by default), with the zone's short name when asked. */
export function dateTime(iso: string | null | undefined, timeZone?: string, withZone = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  // dateStyle cannot be combined with timeZoneName, so the zone's variant names its parts.
  const parts: Intl.DateTimeFormatOptions = withZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...parts, timeZone }).format(date);
  } catch {
    // A zone Intl does not know (the agents file is checked, an old meeting may not be): the viewer's zone, named.
    return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(date);
  }
}

/** A UTC day (`YYYY-MM-DD`) as a short date. */
export function day(value: string): string {
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

/** A rate between 0 and 1 as a percentage. */
export function percent(rate: number): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(Number.isFinite(rate) ? rate : 0);
}

/** A count with grouping. */
export const count = (n: number): string => new Intl.NumberFormat().format(n);
