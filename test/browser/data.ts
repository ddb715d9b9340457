// Test data for the panel's page tests and the benchmark: the replay engineer's synthetic chain
// (test/server), answered in-process by its mempool-shaped `respond()` and read through the extension's own
// pipeline (fetchSnapshot, HistoryLoader: parse.ts, align, derive). No network, fully deterministic.

import { fetchSnapshot } from '../../src/core/fetchSnapshot';
import { ma7BandFactors } from '../../src/core/history/bands';
import { computeKeyFigures } from '../../src/core/views/keyFigures';
import { deriveSeries } from '../../src/core/history/derive';
import { HistoryLoader } from '../../src/core/history/loader';
import type { Currency, NetworkSnapshot } from '../../src/core/model';
import { buildPnlState, settingProblemsByField } from '../../src/core/views/pnlState';
import { readSettings } from '../../src/core/settings';
import { TransportError, type Transport } from '../../src/core/transport';
import {
  RANGES,
  type HistoryDataset,
  type KeyFigures,
  type PanelStatus,
  type PnlState,
  type RangeId,
} from '../../src/shared/protocol';
import { generateChain } from '../server/chain';
import { respond } from '../server/responses';

export const SOURCE_HOST = 'replay.test';

export interface Fixtures {
  readonly snapshot: NetworkSnapshot;
  readonly figures: KeyFigures;
  readonly status: PanelStatus;
  readonly datasets: ReadonlyMap<RangeId, HistoryDataset>;
  /** Requests the pipeline made, for the report. */
  readonly requests: readonly string[];
}

export function replayTransport(requests: string[] = []): Transport {
  const chain = generateChain();
  return {
    async getText(path: string): Promise<string> {
      requests.push(path);
      const r = respond(chain, { url: path }, chain.nowS);
      if (r.status !== 200) throw new TransportError('http', `${path}: HTTP ${r.status}`, { status: r.status, path });
      return r.body;
    },
  };
}

export async function buildFixtures(
  currency: Currency = 'USD',
  ranges: readonly RangeId[] = RANGES,
): Promise<Fixtures> {
  const requests: string[] = [];
  const transport = replayTransport(requests);
  const nowMs = Date.now();
  const { snapshot } = await fetchSnapshot(transport, SOURCE_HOST, () => nowMs);
  const loader = new HistoryLoader({ transport: () => transport, sourceHost: () => SOURCE_HOST, now: () => nowMs });
  const datasets = new Map<RangeId, HistoryDataset>();
  for (const range of ranges) datasets.set(range, await loader.load(range, currency));
  const basis = datasets.get('3M') ?? datasets.get('1Y') ?? null;
  const figures = computeKeyFigures(snapshot, currency, nowMs, basis ? deriveSeries(basis) : null);
  const status: PanelStatus = {
    sourceHost: SOURCE_HOST,
    currency,
    ma7Band: ma7BandFactors(0.95),
    fetchedAtMs: nowMs - 2 * 60_000,
    origin: 'live',
    refreshing: false,
    stale: false,
    staleReason: null,
  };
  return { snapshot, figures, status, datasets, requests };
}

/**
 * The P&L messages as MiningPanel builds them, from raw settings (keys below `miningEconomics.`, as
 * settings.json holds them; {} = all defaults), the fixtures' snapshot, the 3M history for the moves and the
 * shown range for the days under water.
 */
export function pnlMessages(
  fixtures: Fixtures,
  raw: Readonly<Record<string, unknown>>,
  range: RangeId | null,
): PnlState {
  const { settings, problems } = readSettings((key) => raw[key]);
  return buildPnlState({
    currency: settings.currency,
    pnl: settings.pnl,
    fleetUnit: raw['pnl.fleetUnit'] === 'MW' ? 'MW' : 'PH/s',
    settingProblems: settingProblemsByField(problems),
    snapshot: fixtures.snapshot,
    nowMs: Date.now(),
    history: fixtures.datasets.get('3M') ?? null,
    range: range ? (fixtures.datasets.get(range) ?? null) : null,
  });
}
