// The parts of the charts that the first paint does not need (the difficulty-adjustments table, a chart's
// table view, PNG export) live in a script of their own, dist/webview-extras.js (src/webview/extras), so the
// charts bundle stays under its 100 KB budget. The charts script names it in a data attribute of its own tag
// (like the P&L script) and inserts it with the page's nonce the first time one of those parts is wanted;
// it registers itself as `window[EXTRAS_KEY]`. Only types are imported here: the code stays in that script.

import type { AdjustmentsTable } from '../trends/adjustments';
import type { chartPng } from './chart/pngExport';
import type { renderChartTable } from './chart/tableView';

export const EXTRAS_KEY = 'miningEconomicsExtras';

export interface Extras {
  readonly AdjustmentsTable: typeof AdjustmentsTable;
  readonly renderChartTable: typeof renderChartTable;
  readonly chartPng: typeof chartPng;
}

let source: { src: string; nonce: string } | null = null;
let pending: Promise<Extras> | null = null;

/** Where the extras script is (the charts script's data-extras-script) and the page's nonce. */
export function setExtrasSource(src: string | undefined, nonce: string): void {
  source = src ? { src, nonce } : null;
}

/** The extras, loading their script on first use; rejects if it is not on the page or fails to load. */
export function loadExtras(): Promise<Extras> {
  const loaded = (window as unknown as Record<string, Extras | undefined>)[EXTRAS_KEY];
  if (loaded) return Promise.resolve(loaded);
  if (pending) return pending;
  const from = source;
  if (!from) return Promise.reject(new Error('the extras script is not on this page'));
  pending = new Promise<Extras>((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = from.nonce;
    script.src = from.src;
    script.onload = () => {
      const extras = (window as unknown as Record<string, Extras | undefined>)[EXTRAS_KEY];
      if (extras) resolve(extras);
      else reject(new Error('the extras script did not register'));
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
