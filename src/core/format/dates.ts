// Dates. Daily points are UTC days, so days are shown in UTC; near instants (a retarget days away) in
// local time. Locale order comes from Intl (the host's or the webview's locale). An instant outside what
// Date can hold (NaN, ±Infinity, beyond ±8.64e15 ms) is "—", never a RangeError.

import { dateLocale, formatLocale } from './locale';

/** The largest time value a Date holds (ECMAScript's time range), in ms. */
const MAX_DATE_MS = 8.64e15;

function validMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;
}

// Built on first use (a formatter costs a locale lookup, and the host may never show a date), one per kind
// and display language.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = kind + formatLocale();
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(dateLocale(), options)));
  return format;
}

/** "25 Nov 2026" (locale order), for a UTC day. */
export function formatDay(timeS: number): string {
  if (!validMs(timeS * 1000)) return '—';
  return dateFormat('day', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(timeS * 1000);
}

/** "Wed, 25 Nov 2026" (locale order), for a UTC day. */
export function formatDayLong(timeS: number): string {
  if (!validMs(timeS * 1000)) return '—';
  return dateFormat('weekday', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(timeS * 1000);
}

/** Local day and time of a near instant (the retarget estimate, days away). */
export function formatDateTime(ms: number): string {
  if (!validMs(ms)) return '—';
  return dateFormat('dateTime', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

/** "25 Nov 2026, 14:05" (medium date, short time, local): the hover's instants. */
export function formatDateTimeMedium(ms: number): string {
  if (!validMs(ms)) return '—';
  return dateFormat('medium', { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** "2026-11-25": the UTC day of a time, for tables, CSV rows and file names. */
export function isoDay(timeS: number): string {
  if (!validMs(timeS * 1000)) return '—';
  return new Date(timeS * 1000).toISOString().slice(0, 10);
}

/** "2026-11-25T10:13:20Z": an instant in UTC to the second, for documents and CSV cells. */
export function isoDateTime(ms: number): string {
  if (!validMs(ms)) return '—';
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
