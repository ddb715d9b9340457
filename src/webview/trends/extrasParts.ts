// The trends section's parts in the extras script (dist/webview-extras.js, see ../common/extras.ts): the key
// figures' contents, the charts' overlays, the hovered day's notes and the adjustments table. The script
// registers exactly this shape (src/webview/extras/main.ts), so the accessors below only narrow the type.
import { loadedExtras, whenExtrasLoaded, type Extras } from '../common/extras';
import type { AdjustmentsTable } from './adjustments';
import type { drawHalvings, drawHashrateOverlay } from './chartOverlays';
import type { renderKeyFigures } from './keyFigures';
import type { READOUT_NOTES } from './readoutNotes';

export interface TrendsExtras extends Extras {
  readonly AdjustmentsTable: typeof AdjustmentsTable;
  readonly renderKeyFigures: typeof renderKeyFigures;
  readonly readoutNotes: typeof READOUT_NOTES;
  readonly overlays: {
    readonly drawHalvings: typeof drawHalvings;
    readonly drawHashrateOverlay: typeof drawHashrateOverlay;
  };
}

/** The extras once someone has loaded them (this does not load them). */
export function whenTrendsExtrasLoaded(): Promise<TrendsExtras> {
  return whenExtrasLoaded() as Promise<TrendsExtras>;
}

/** The extras if already loaded, else null. */
export function loadedTrendsExtras(): TrendsExtras | null {
  return loadedExtras() as TrendsExtras | null;
}
