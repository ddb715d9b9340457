// The keyboard crosshair of a focused chart: ← → (Shift: a week), Home, End move it; Escape clears it.

/**
 * Where `key` moves the crosshair from `current` within the days in view [first, last]: an index, null
 * (Escape: cleared), or undefined for a key the chart does not use.
 */
export function keyboardCursorTarget(
  key: string,
  shiftKey: boolean,
  current: number,
  first: number,
  last: number,
): number | null | undefined {
  const step = shiftKey ? 7 : 1;
  const targets: Record<string, number | null> = {
    ArrowLeft: Math.max(first, current - step),
    ArrowRight: Math.min(last, current + step),
    Home: first,
    End: last,
    Escape: null,
  };
  return Object.prototype.hasOwnProperty.call(targets, key) ? targets[key] : undefined;
}
