// The charts' secondary parts as a script of their own (dist/webview-extras.js): the charts script inserts
// it after its first paint or when one of these is first wanted (see ../common/extras.ts).

import { renderChartTable } from '../common/chart/tableView';
import { chartPng } from '../common/chart/pngExport';
import { EXTRAS_KEY, type Extras } from '../common/extras';
import { AdjustmentsTable } from '../trends/adjustments';

const extras: Extras = { AdjustmentsTable, renderChartTable, chartPng };
(window as unknown as Record<string, Extras>)[EXTRAS_KEY] = extras;
