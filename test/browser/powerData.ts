// The power & pools section's messages as the host's PowerFeed builds them (src/vscode/panel/powerFeed.ts),
// from the page tests' fixtures (test/browser/data.ts) and the replay chain's pools routes.

import { RANGE_PERIODS } from '../../src/core/history/types';
import { parseMiningPools, parsePoolHashrates, POOL_HASHRATE_ENDPOINT, POOLS_ENDPOINT } from '../../src/core/power';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { getParsed } from '../../src/core/transport';
import { computeGlanceFigures } from '../../src/core/views/glanceFigures';
import { buildPoolsData } from '../../src/core/views/poolsState';
import { buildPowerState } from '../../src/core/views/powerState';
import type { HostMessage, RangeId } from '../../src/shared/protocol';
import { readPowerAssumptions } from '../../src/vscode/panel/powerAssumptions';
import { replayTransport, type Fixtures } from './data';

export async function powerMessages(fixtures: Fixtures, range: RangeId): Promise<HostMessage[]> {
  const dataset = fixtures.datasets.get(range);
  if (!dataset) throw new Error(`no ${range} dataset in the fixtures`);
  const settings = DEFAULT_SETTINGS;
  const figures = computeGlanceFigures(fixtures.snapshot, dataset.currency, Date.now(), settings.pnl);
  const hp = figures.hashprice;
  const market =
    hp && hp.hashpricePerPhDay !== null && figures.btcPrice !== null
      ? {
          hashpricePerPhDay: hp.hashpricePerPhDay,
          hashvalueBtcPerPhDay: hp.hashvalueBtcPerPhDay,
          btcPrice: figures.btcPrice,
        }
      : null;
  const state = buildPowerState({
    dataset,
    sourceHost: dataset.sourceHost,
    assumptions: readPowerAssumptions(settings, null, null),
    market,
    pnl: settings.pnl,
  });
  const transport = replayTransport();
  const period = RANGE_PERIODS[range];
  const [summary, weekly] = await Promise.all([
    getParsed(transport, `${POOLS_ENDPOINT}/${period}`, parseMiningPools),
    getParsed(transport, `${POOL_HASHRATE_ENDPOINT}/${period}`, parsePoolHashrates),
  ]);
  return [
    { type: 'power/state', state, message: null },
    { type: 'power/pools', pools: { range, status: 'ok', message: null, data: buildPoolsData(summary, weekly) } },
  ];
}
