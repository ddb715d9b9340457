// The parts of the trends section that the charts' first paint does not need (the key figures' contents, the
// charts' descriptions in words, what the charts draw over their series (halvings, milestone, retarget markers and
// fan), the difficulty-adjustments table, a chart's table view, PNG export, the hovered day's events) live in a
// script of their own, dist/webview-extras.js (src/webview/extras), so the charts bundle stays under its 100 KB
// budget. The charts script names it in a data attribute of its own tag (like the P&L script) and inserts it with
// the page's nonce after the charts' first paint (as the P&L script), or earlier when the user asks for a table or
// an image; it registers itself as `window[EXTRAS_KEY]`. Only types are imported here: the code stays there.

import type { chartPng } from './chart/pngExport';
import type { chartSummary } from './chart/summary';
import type { renderChartTable } from './chart/tableView';

export const EXTRAS_KEY = 'miningEconomicsExtras';

/**
 * What the chart card itself uses of the extras script. The trends section's own parts in it are typed by
 * ../trends/extrasParts.ts (common code must not depend on a section).
 */
export interface Extras {
  readonly renderChartTable: typeof renderChartTable;
  readonly chartPng: typeof chartPng;
  readonly chartSummary: typeof chartSummary;
}

let source: { src: string; nonce: string } | null = null;
let pending: Promise<Extras> | null = null;
let resolveLoaded: (extras: Extras) => void = () => {};
const loaded = new Promise<Extras>((resolve) => {
  resolveLoaded = resolve;
});

/** The extras once someone has loaded them (it does not load them itself: see loadExtras). */
export function whenExtrasLoaded(): Promise<Extras> {
  return loaded;
}

/** The extras if already loaded, else null. */
export function loadedExtras(): Extras | null {
  return (window as unknown as Record<string, Extras | undefined>)[EXTRAS_KEY] ?? null;
}

/** Where the extras script is (the charts script's data-extras-script) and the page's nonce. */
export function setExtrasSource(src: string | undefined, nonce: string): void {
  source = src ? { src, nonce } : null;
}

/** The extras, loading their script on first use; rejects if it is not on the page or fails to load. */
export function loadExtras(): Promise<Extras> {
  const ready = loadedExtras();
  if (ready) return Promise.resolve(ready);
  if (pending) return pending;
  const from = source;
  if (!from) return Promise.reject(new Error('the extras script is not on this page'));
  pending = new Promise<Extras>((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = from.nonce;
    script.src = from.src;
    script.onload = () => {
      const extras = loadedExtras();
      if (extras) {
        resolveLoaded(extras);
        resolve(extras);
      } else reject(new Error('the extras script did not register'));
    };
    script.onerror = () => reject(new Error(`could not load ${from.src}`));
    document.body.append(script);
  });
  // A failed load may be retried by the next use.
  pending.catch(() => {
    pending = null;
  });
  return pending;
}
