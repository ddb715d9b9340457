// Dates. Daily points are UTC days, so days are shown in UTC; near instants (a retarget days away) in
// local time. Locale order comes from Intl (the host's or the webview's locale). An instant outside what
// Date can hold (NaN, ±Infinity, beyond ±8.64e15 ms) is "—", never a RangeError.

import { dateLocale, formatLocale } from './locale';

/** The largest time value a Date holds (ECMAScript's time range), in ms. */
const MAX_DATE_MS = 8.64e15;

function validMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS;
}

// Built on first use: a formatter costs a locale lookup, and the host may never show a date.
let dayFormat: Intl.DateTimeFormat | undefined;
let weekdayFormat: Intl.DateTimeFormat | undefined;
let dateTimeFormat: Intl.DateTimeFormat | undefined;
let mediumFormat: Intl.DateTimeFormat | undefined;
let formatsLocale = 'en';

/** The cached formatters are for one locale: a change of display language drops them. */
function sameLocale(): void {
  if (formatsLocale === formatLocale()) return;
  formatsLocale = formatLocale();
  dayFormat = weekdayFormat = dateTimeFormat = mediumFormat = undefined;
}

/** "25 Nov 2026" (locale order), for a UTC day. */
export function formatDay(timeS: number): string {
  if (!validMs(timeS * 1000)) return '—';
  sameLocale();
  dayFormat ??= new Intl.DateTimeFormat(dateLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return dayFormat.format(timeS * 1000);
}

/** "Wed, 25 Nov 2026" (locale order), for a UTC day. */
export function formatDayLong(timeS: number): string {
  if (!validMs(timeS * 1000)) return '—';
  sameLocale();
  weekdayFormat ??= new Intl.DateTimeFormat(dateLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return weekdayFormat.format(timeS * 1000);
}

/** Local day and time of a near instant (the retarget estimate, days away). */
export function formatDateTime(ms: number): string {
  if (!validMs(ms)) return '—';
  sameLocale();
  dateTimeFormat ??= new Intl.DateTimeFormat(dateLocale(), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return dateTimeFormat.format(ms);
}

/** "25 Nov 2026, 14:05" (medium date, short time, local): the hover's instants. */
export function formatDateTimeMedium(ms: number): string {
  if (!validMs(ms)) return '—';
  sameLocale();
  mediumFormat ??= new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  return mediumFormat.format(ms);
}

/** "2026-11-25": the UTC day of a time, for tables, CSV rows and file names. */
export function isoDay(timeS: number): string {
  if (!validMs(timeS * 1000)) return '—';
  return new Date(timeS * 1000).toISOString().slice(0, 10);
}
