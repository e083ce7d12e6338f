/** How the dashboard writes dates, times and rates, in the viewer's language. */

/** The viewer's time zone (the browser's). */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A date and time, in `timeZone` (the viewer's by default), with the zone's short name when asked. */
export function dateTime(iso: string | null | undefined, timeZone?: string, withZone = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone, ...(withZone ? { timeZoneName: 'short' } : {}) }).format(date);
  } catch {
    // An unknown zone from the agents file: the viewer's zone, said so.
    return `${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' }).format(date)}`;
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
