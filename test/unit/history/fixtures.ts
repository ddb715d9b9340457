// Small mempool-shaped bodies and a fake transport, shared by the history tests.
import { TransportError, type Transport } from '../../../src/core/transport';

/** Serves fixed bodies by path; anything else is a 404 TransportError. */
export function fakeTransport(bodies: Record<string, unknown>, log: string[] = []): Transport {
  return {
    async getText(path) {
      log.push(path);
      if (!(path in bodies)) throw new TransportError('http', `${path}: HTTP 404`, { status: 404, path });
      const body = bodies[path];
      return typeof body === 'string' ? body : JSON.stringify(body);
    },
  };
}

// Shapes as mempool sends them (values small and made up).
export const HASHRATE_1Y = {
  hashrates: [
    { timestamp: 1_795_392_000, avgHashrate: 9.6e20 },
    { timestamp: 1_795_478_400, avgHashrate: 9.9e20 },
  ],
  difficulty: [{ time: 1_794_547_200, height: 973_728, difficulty: 1.481e14, adjustment: 1.004 }],
  currentHashrate: 9.8e20,
  currentDifficulty: 1.394e14,
};
export const REWARDS_1Y = [
  { avgHeight: 977_500, timestamp: 1_795_400_000, avgRewards: 315_000_000, USD: 100_500 },
  { avgHeight: 977_600, timestamp: 1_795_480_000, avgRewards: 314_000_000, USD: 100_800 },
];
export const FEES_1Y = [
  { avgHeight: 977_500, timestamp: 1_795_400_000, avgFees: 2_500_000, USD: 100_500 },
  { avgHeight: 977_600, timestamp: 1_795_480_000, avgFees: 1_500_000, USD: 100_800 },
];
// Newest first, with the genesis row (ratio 0) that whole-history responses carry.
export const ADJUSTMENTS_ALL = [
  [1_795_046_400, 975_744, 1.394e14, 0.941],
  [1_794_547_200, 973_728, 1.481e14, 1.004],
  [1_231_006_505, 0, 1, 0],
];
export const PRICES_EUR = {
  prices: [
    { time: 1_795_478_400, EUR: 86_700, USD: 100_800 },
    { time: 1_795_392_000, EUR: 86_400, USD: 100_500 },
  ],
  exchangeRates: { USDEUR: 0.86 },
};
