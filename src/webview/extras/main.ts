// The trends section's secondary parts as a script of their own (dist/webview-extras.js): the charts script
// inserts it after its first paint, or earlier when one of these is wanted (see ../common/extras.ts).

import './extras.css';
import '../common/l10n';
import { renderChartTable } from '../common/chart/tableView';
import { chartPng } from '../common/chart/pngExport';
import { chartSummary } from '../common/chart/summary';
import { EXTRAS_KEY } from '../common/extras';
import type { TrendsExtras } from '../trends/extrasParts';
import { AdjustmentsTable } from '../trends/adjustments';
import { drawHalvings, drawHashrateOverlay } from '../trends/chartOverlays';
import { renderKeyFigures } from '../trends/keyFigures';
import { READOUT_NOTES } from '../trends/readoutNotes';

const extras: TrendsExtras = {
  AdjustmentsTable,
  renderChartTable,
  chartPng,
  chartSummary,
  renderKeyFigures,
  readoutNotes: READOUT_NOTES,
  overlays: { drawHalvings, drawHashrateOverlay },
};
(window as unknown as Record<string, TrendsExtras>)[EXTRAS_KEY] = extras;
