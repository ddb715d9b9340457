// Durations and ages: "3 d 4 h", "9 min 13 s", "2 min ago", "in 3 d 4 h". The unit symbols stay in every
// language; the words around them are translated.

import { t } from '../l10n';

/** Durations in the two largest units: "3 d 4 h", "2 h 5 min", "45 s". Negative → "0 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 s';
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${sec} s`;
}

/** Block interval: "9 min 13 s" (seconds matter here: 600 s is the target). */
export function formatBlockInterval(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const sec = s % 60;
  return m > 0 ? `${m} min ${sec} s` : `${sec} s`;
}

/** "just now", "2 min ago", "3 h ago", "2 d ago": the largest unit only, an age needs no more. */
export function formatAge(ageMs: number): string {
  if (!Number.isFinite(ageMs) || ageMs < 45_000) return t('just now');
  return t('{0} ago', formatDuration(ageMs).split(' ').slice(0, 2).join(' '));
}

/** "in 3 d 4 h" for future instants, "3 d 4 h ago" for past ones. */
export function formatRelative(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  return delta >= 0 ? t('in {0}', formatDuration(delta)) : t('{0} ago', formatDuration(-delta));
}
