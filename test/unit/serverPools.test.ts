// The replay server's pools routes: shaped like mempool's (the app's own parsers accept them), counted
// from the synthetic chain's blocks, and the http404 fault an instance without mining indexing gives.
import { describe, expect, it } from 'vitest';
import { parseMiningPools, parsePoolHashrates } from '../../src/core/power/pools';
import { generateChain } from '../server/chain';
import { startReplayServer } from '../server/replayServer';
import { respond } from '../server/responses';

const chain = generateChain({ seed: 3 });
const get = (url: string) => {
  const r = respond(chain, { url }, chain.nowS);
  return { ...r, json: JSON.parse(r.body) as unknown };
};

describe('replay server: mining pools', () => {
  it('counts the blocks of the period per pool, ranked', () => {
    const r = get('/api/v1/mining/pools/1w');
    expect(r.status).toBe(200);
    expect(r.route).toBe('pools');
    const summary = parseMiningPools(r.json);
    // A week of blocks at ~10 minutes: about 1,008.
    expect(summary.blockCount).toBeGreaterThan(800);
    expect(summary.blockCount).toBeLessThan(1300);
    expect(summary.pools.reduce((s, p) => s + p.blockCount, 0)).toBe(summary.blockCount);
    expect(summary.pools.map((p) => p.rank)).toEqual(summary.pools.map((_, i) => i + 1));
    const counts = summary.pools.map((p) => p.blockCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('gives weekly shares stamped on Mondays, within one network', () => {
    const r = get('/api/v1/mining/hashrate/pools/3m');
    expect(r.route).toBe('poolHashrates');
    const points = parsePoolHashrates(r.json);
    const weeks = [...new Set(points.map((p) => p.timeS))];
    expect(weeks.length).toBeGreaterThanOrEqual(12);
    for (const t of weeks) expect(new Date(t * 1000).toISOString()).toMatch(/T00:00:00/);
    for (const t of weeks) expect(new Date(t * 1000).getUTCDay()).toBe(1);
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]! - weeks[i - 1]!).toBe(7 * 86_400);
    // One network per week: avgHashrate ÷ share is the same for every pool of a week (0.1 % for rounding).
    for (const t of weeks) {
      const networks = points
        .filter((p) => p.timeS === t && p.shareRatio > 0.05)
        .map((p) => p.hashrateHps / p.shareRatio);
      for (const n of networks) expect(Math.abs(n / networks[0]! - 1)).toBeLessThan(1e-3);
    }
  });

  it('serves absurd pools that the parsers refuse', () => {
    const absurd = (url: string) => JSON.parse(respond(chain, { url }, chain.nowS, { absurd: true }).body) as unknown;
    expect(() => parseMiningPools(absurd('/api/v1/mining/pools/1w'))).toThrow();
    expect(() => parsePoolHashrates(absurd('/api/v1/mining/hashrate/pools/1m'))).toThrow();
  });

  it('answers 404 on the pools routes under the http404 fault, and the rest as usual', async () => {
    const server = await startReplayServer({ chain });
    try {
      server.setFault('http404', { paths: /\/pools/ });
      const pools = await fetch(`${server.url}/api/v1/mining/pools/1y`);
      expect(pools.status).toBe(404);
      expect(await pools.text()).toBe('Cannot GET /api/v1/mining/pools/1y');
      expect((await fetch(`${server.url}/api/v1/mining/hashrate/pools/1y`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/v1/mining/hashrate/1y`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
