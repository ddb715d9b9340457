import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setTranslate, translatorFromBundle } from '../../../src/core/l10n';
import { chartSummary } from '../../../src/webview/common/chart/summary';
import type { ChartContext, ChartDef } from '../../../src/webview/common/chart/definition';

const DAY = 86_400;
// 2025-11-01 … 2025-11-04, UTC; the price is missing on the first day.
const timeS = [1_761_955_200, 1_761_955_200 + DAY, 1_761_955_200 + 2 * DAY, 1_761_955_200 + 3 * DAY];
const price = [null, 101, 102, 104];
const def = {
  id: 'mix',
  title: 'Revenue mix & BTC price',
  series: [
    { id: 'price', label: 'BTC price', values: () => price, format: (v: number) => `$${v}` },
    { id: 'empty', label: 'Fee share', values: () => [null, null, null, null], format: (v: number) => `${v}%` },
  ],
} as unknown as ChartDef;
const ctx = { series: { timeS } } as unknown as ChartContext;

afterEach(() => setTranslate(translatorFromBundle(null)));

describe('chartSummary', () => {
  it('says each shown series from its first to its last value in view, gaps skipped', () => {
    expect(chartSummary(def, ctx, [0, 3], new Set())).toBe(
      'Revenue mix & BTC price, Nov 1, 2025 to Nov 4, 2025: BTC price from $101 to $104; Fee share from no data to no data.',
    );
    expect(chartSummary(def, ctx, [1, 2], new Set(['empty']))).toBe(
      'Revenue mix & BTC price, Nov 2, 2025 to Nov 3, 2025: BTC price from $101 to $102.',
    );
    expect(chartSummary(def, null, null, new Set())).toBe('Revenue mix & BTC price: no data');
  });

  it('is written in the display language', () => {
    const bundle = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8'),
    ) as Record<string, string>;
    setTranslate(translatorFromBundle(bundle));
    expect(chartSummary(def, ctx, [1, 2], new Set(['empty']))).toBe(
      'Revenue mix & BTC price, Nov 2, 2025 bis Nov 3, 2025: BTC price von $101 bis $102.',
    );
    expect(chartSummary(def, null, null, new Set())).toBe('Revenue mix & BTC price: keine Daten');
  });
});
