import { describe, expect, it } from 'vitest';
import {
  fetchAllAdjustments,
  fetchPrices,
  fetchRangeSeries,
  HISTORY_PATHS,
} from '../../../src/core/history/fetchHistory';
import { isTransportError, type TransportError } from '../../../src/core/transport';
import { ADJUSTMENTS_ALL, FEES_1Y, HASHRATE_1Y, PRICES_EUR, REWARDS_1Y, fakeTransport } from './fixtures';

describe('fetchRangeSeries', () => {
  it('reads the range endpoints in parallel through parse.ts', async () => {
    const log: string[] = [];
    const series = await fetchRangeSeries(
      fakeTransport(
        {
          [HISTORY_PATHS.hashrate('1Y')]: HASHRATE_1Y,
          [HISTORY_PATHS.rewards('1Y')]: REWARDS_1Y,
          [HISTORY_PATHS.fees('1Y')]: FEES_1Y,
        },
        log,
      ),
      '1Y',
    );
    expect(log.sort()).toEqual([
      '/api/v1/mining/blocks/fees/1y',
      '/api/v1/mining/blocks/rewards/1y',
      '/api/v1/mining/hashrate/1y',
    ]);
    expect(series.hashrate.daily).toHaveLength(2);
    expect(series.rewards[1]).toEqual({
      avgHeight: 977_600,
      timeS: 1_795_480_000,
      avgRewardsSats: 314_000_000,
      priceUsd: 100_800,
    });
    expect(series.fees?.[0]?.avgFeesSats).toBe(2_500_000);
    expect(series.warnings).toEqual([]);
  });

  it('asks for the whole history as "all"', () => {
    expect(HISTORY_PATHS.hashrate('ALL')).toBe('/api/v1/mining/hashrate/all');
    expect(HISTORY_PATHS.prices('JPY')).toBe('/api/v1/historical-price?currency=JPY');
  });

  it('does without the fees series, with a warning', async () => {
    const series = await fetchRangeSeries(
      fakeTransport({ [HISTORY_PATHS.hashrate('1Y')]: HASHRATE_1Y, [HISTORY_PATHS.rewards('1Y')]: REWARDS_1Y }),
      '1Y',
    );
    expect(series.fees).toBeNull();
    expect(series.warnings[0]).toMatch(/fees series unavailable .*HTTP 404/);
  });

  it('turns a malformed body into an "invalid" TransportError that names the path and the field', async () => {
    const bad = { ...HASHRATE_1Y, currentHashrate: 'fast' };
    const error = await fetchRangeSeries(
      fakeTransport({
        [HISTORY_PATHS.hashrate('1Y')]: bad,
        [HISTORY_PATHS.rewards('1Y')]: REWARDS_1Y,
        [HISTORY_PATHS.fees('1Y')]: FEES_1Y,
      }),
      '1Y',
    ).catch((e: unknown) => e);
    expect(isTransportError(error)).toBe(true);
    expect((error as TransportError).kind).toBe('invalid');
    expect((error as TransportError).message).toMatch(
      /^\/api\/v1\/mining\/hashrate\/1y: currentHashrate should be a finite number/,
    );
  });

  it('fails when a required endpoint fails', async () => {
    await expect(
      fetchRangeSeries(fakeTransport({ [HISTORY_PATHS.hashrate('1Y')]: HASHRATE_1Y }), '1Y'),
    ).rejects.toThrow(/rewards\/1y: HTTP 404/);
  });
});

describe('fetchAllAdjustments / fetchPrices', () => {
  it('reads the whole retarget history, oldest first, genesis included', async () => {
    const records = await fetchAllAdjustments(fakeTransport({ [HISTORY_PATHS.adjustments]: ADJUSTMENTS_ALL }));
    expect(records.map((r) => [r.height, r.adjustmentRatio])).toEqual([
      [0, 1],
      [973_728, 1.004],
      [975_744, 0.941],
    ]);
  });

  it('reads a currency price history, oldest first', async () => {
    expect(await fetchPrices(fakeTransport({ [HISTORY_PATHS.prices('EUR')]: PRICES_EUR }), 'EUR')).toEqual([
      { timeS: 1_795_392_000, price: 86_400 },
      { timeS: 1_795_478_400, price: 86_700 },
    ]);
  });
});
