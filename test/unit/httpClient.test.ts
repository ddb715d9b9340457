// The HTTP client and the glance fetch against a real local server (127.0.0.1) serving mempool-shaped
// responses from the project's own generator, including its fault modes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchSnapshot, withHashpriceDaily } from '../../src/core/fetchSnapshot';
import { hashpriceMoves } from '../../src/core/pnl/decomposition';
import { TransportError } from '../../src/core/transport';
import { HttpClient, freshnessMs, parseRetryAfterMs } from '../../src/net/httpClient';
import { startReplayServer, type ReplayServer } from '../server/replayServer';

const NO_PROXY = { proxyUrl: '', strictSsl: true, noProxy: [] };
let server: ReplayServer;
const clients: HttpClient[] = [];

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  server.clearFault();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(overrides: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const sleeps: number[] = [];
  const c = new HttpClient({
    baseUrl: server.url,
    userAgent: 'mining-economics-test/1.0',
    proxy: NO_PROXY,
    random: () => 1,
    // Retry delays are recorded, not waited: the test must not depend on the machine's speed.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  clients.push(c);
  return { c, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
    return error as TransportError;
  }
  throw new Error('expected a failure');
}

describe('fetchSnapshot through HttpClient', () => {
  it('reads a complete snapshot whose figures follow from the served chain', async () => {
    const { c } = client();
    const { snapshot, warnings } = await fetchSnapshot(c, '127.0.0.1', () => 1_795_600_000_000);
    const chain = server.chain;
    expect(warnings).toEqual([]);
    expect(snapshot.tipHeight).toBe(chain.tipHeight);
    expect(snapshot.hashrate.currentHashrateHps).toBeCloseTo(chain.currentHashrateHps, -6);
    expect(snapshot.hashrate.currentDifficulty).toBeCloseTo(chain.currentDifficulty, -3);
    const stats = chain.rewardStats(144)!;
    expect(snapshot.rewardStats).toMatchObject({
      endBlock: chain.tipHeight,
      totalFeeSats: stats.totalFee,
      totalRewardSats: stats.totalReward,
    });
    expect(snapshot.prices.perBtc.USD).toBeGreaterThan(0);
    expect(snapshot.adjustment.estimatedRetargetMs).toBeGreaterThan(1.7e12);
    expect(snapshot.latestBlocks[0]!.height).toBe(chain.tipHeight);
  });

  it('sends our User-Agent and honours a base URL with a path prefix', async () => {
    const seen: { url?: string; ua?: string }[] = [];
    const probe = createServer((req, res) => {
      seen.push({ url: req.url, ua: req.headers['user-agent'] });
      res.setHeader('content-type', 'text/plain');
      res.end('975144');
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    const { c } = client({ baseUrl: `http://127.0.0.1:${port}/mempool` });
    await expect(c.getText('/api/blocks/tip/height')).resolves.toBe('975144');
    await c.close();
    await new Promise((resolve) => probe.close(resolve));
    expect(seen).toEqual([{ url: '/mempool/api/blocks/tip/height', ua: 'mining-economics-test/1.0' }]);
  });
});

describe('HttpClient faults', () => {
  it('retries a transient 500 with exponential backoff and jitter, then succeeds', async () => {
    server.setFault('http500', { count: 2, paths: '/api/blocks/tip/height' });
    const { c, sleeps } = client({ random: () => 0.5 });
    await expect(c.getText('/api/blocks/tip/height')).resolves.toBe(String(server.chain.tipHeight));
    // base 1 s × 2^(attempt−1) × (0.5 + 0.5 × 0.5)
    expect(sleeps).toEqual([750, 1500]);
  });

  it('gives up after three attempts with the status in the message', async () => {
    server.setFault('http500', { paths: '/api/v1/prices' });
    const { c } = client();
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.kind).toBe('http');
    expect(e.details.status).toBe(500);
    expect(e.message).toBe('/api/v1/prices: HTTP 500 Internal Server Error');
    expect(server.requests.filter((r) => r.path === '/api/v1/prices' && r.status === 500)).toHaveLength(3);
  });

  it('waits out a short Retry-After inside the request', async () => {
    server.setFault('http429', { count: 1, retryAfterS: 3, paths: '/api/v1/prices' });
    const { c, sleeps } = client();
    await expect(c.getText('/api/v1/prices')).resolves.toContain('"USD"');
    expect(sleeps).toEqual([3000]);
  });

  it('hands a long Retry-After to the scheduler instead of waiting', async () => {
    server.setFault('http429', { retryAfterS: 120, paths: '/api/v1/prices' });
    const { c, sleeps } = client();
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.kind).toBe('rateLimited');
    expect(e.details.retryAfterMs).toBe(120_000);
    expect(e.message).toBe('/api/v1/prices: HTTP 429, the server asks to retry in 120 s');
    expect(sleeps).toEqual([]);
  });

  it('treats 503 with Retry-After as rate limiting', async () => {
    server.setFault('http503', { retryAfterS: 60 });
    const { c } = client();
    const e = await failure(c.getText('/api/v1/difficulty-adjustment'));
    expect(e.kind).toBe('rateLimited');
    expect(e.details.retryAfterMs).toBe(60_000);
  });

  it('times out a server that never answers', async () => {
    server.setFault('timeout', { paths: '/api/v1/prices' });
    const { c } = client({ headersTimeoutMs: 300, maxAttempts: 1 });
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('/api/v1/prices: no response headers in time');
  });

  it('times out a body that stalls', async () => {
    server.setFault('slowBody', { paths: '/api/v1/mining/hashrate/1m' });
    const { c } = client({ bodyTimeoutMs: 300, maxAttempts: 1 });
    const e = await failure(c.getText('/api/v1/mining/hashrate/1m'));
    expect(e.kind).toBe('timeout');
  });

  it('reports a reset connection as a network error', async () => {
    server.setFault('reset', { paths: '/api/v1/prices' });
    const { c } = client({ maxAttempts: 2 });
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/^\/api\/v1\/prices: network error/);
  });

  it('reports a truncated body as a failure, never as data', async () => {
    server.setFault('truncated', { paths: '/api/v1/mining/hashrate/1m' });
    const { c } = client({ maxAttempts: 1 });
    const e = await failure(c.getText('/api/v1/mining/hashrate/1m'));
    expect(['network', 'invalid']).toContain(e.kind);
  });

  it('caps the response size', async () => {
    const { c } = client({ maxResponseBytes: 1000, maxAttempts: 1 });
    const e = await failure(c.getText('/api/v1/mining/hashrate/1m'));
    expect(e.kind).toBe('tooLarge');
  });

  it('reports a refused connection', async () => {
    const { c } = client({ baseUrl: 'http://127.0.0.1:1', maxAttempts: 1 });
    const e = await failure(c.getText('/api/v1/prices'));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });
});

describe('fetchSnapshot faults', () => {
  it('rejects a non-JSON body with the endpoint named', async () => {
    server.setFault('malformed', { paths: '/api/v1/prices' });
    const { c } = client();
    const e = await failure(fetchSnapshot(c, 'x', () => 0));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/^\/api\/v1\/prices: response is not JSON \(starts with "<!DOCTYPE html>/);
  });

  it('rejects an empty body', async () => {
    server.setFault('empty', { paths: '/api/v1/mining/reward-stats/144' });
    const { c } = client();
    const e = await failure(fetchSnapshot(c, 'x', () => 0));
    expect(e.message).toBe('/api/v1/mining/reward-stats/144: response is not JSON (empty body)');
  });

  it('rejects absurd values', async () => {
    server.setFault('absurd', { paths: '/api/v1/mining/hashrate/1m' });
    const { c } = client();
    const e = await failure(fetchSnapshot(c, 'x', () => 0));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/^\/api\/v1\/mining\/hashrate\/1m: /);
  });

  it('computes the difficulty estimate locally when that endpoint fails', async () => {
    server.setFault('malformed', { paths: '/api/v1/difficulty-adjustment' });
    const { c } = client();
    const nowMs = server.nowS() * 1000;
    const { snapshot, warnings } = await fetchSnapshot(c, 'x', () => nowMs);
    expect(warnings[0]).toMatch(
      /^difficulty estimate computed locally: \/api\/v1\/difficulty-adjustment: response is not JSON/,
    );
    // Our estimate and the server's own (independent) implementation agree on the epoch's geometry.
    server.clearFault();
    const served = JSON.parse(await c.getText('/api/v1/difficulty-adjustment'));
    expect(snapshot.adjustment.remainingBlocks).toBe(served.remainingBlocks);
    expect(snapshot.adjustment.nextRetargetHeight).toBe(served.nextRetargetHeight);
  });

  it('keeps going without the latest blocks', async () => {
    server.setFault('http500', { paths: /^\/api\/v1\/blocks/ });
    const { c } = client({ maxAttempts: 1 });
    const { snapshot, warnings } = await fetchSnapshot(c, 'x', () => 0);
    expect(snapshot.latestBlocks).toEqual([]);
    expect(warnings[0]).toMatch(/latest blocks unavailable/);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('120', 0)).toBe(120_000);
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 10:00:30 GMT', Date.parse('2026-11-25T10:00:00Z'))).toBe(30_000);
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, 0)).toBeUndefined();
  });
});

describe('HTTP caching', () => {
  it('reuses a response within its max-age without a request, then revalidates with its ETag', async () => {
    let nowMs = 1_000_000;
    const { c } = client({ now: () => nowMs });
    const path = '/api/v1/mining/hashrate/1m'; // served with max-age=300 and an ETag
    const count = () => server.requests.filter((r) => r.path === path).length;
    const before = count();
    const first = await c.getText(path);
    expect(count()).toBe(before + 1);
    nowMs += 299_000;
    await expect(c.getText(path)).resolves.toBe(first);
    expect(count()).toBe(before + 1); // no request within the lifetime
    nowMs += 2_000;
    await expect(c.getText(path)).resolves.toBe(first);
    const revalidation = server.requests.filter((r) => r.path === path).at(-1)!;
    expect(count()).toBe(before + 2);
    expect(revalidation.status).toBe(304); // the server saw our If-None-Match
  });

  it('clearCache forces a full request', async () => {
    const { c } = client();
    const path = '/api/v1/prices';
    const count = () => server.requests.filter((r) => r.path === path).length;
    await c.getText(path);
    const after = count();
    await c.getText(path);
    expect(count()).toBe(after);
    c.clearCache();
    await c.getText(path);
    expect(count()).toBe(after + 1);
  });
});

describe('freshnessMs', () => {
  it('reads max-age (minus Age), Expires against the server Date, and honours no-store', () => {
    expect(freshnessMs({ 'cache-control': 'public, max-age=300' }, 0)).toBe(300_000);
    expect(freshnessMs({ 'cache-control': 'max-age=300', age: '100' }, 0)).toBe(200_000);
    expect(freshnessMs({ expires: 'Wed, 25 Nov 2026 10:02:00 GMT', date: 'Wed, 25 Nov 2026 10:00:00 GMT' }, 0)).toBe(
      120_000,
    );
    expect(freshnessMs({ 'cache-control': 'no-store, max-age=300' }, 0)).toBe(0);
    expect(freshnessMs({}, 0)).toBe(0);
  });
});

describe('tip-first polling', () => {
  it('fetches only price and estimate when no block arrived, everything when one did', async () => {
    const local = await startReplayServer();
    try {
      const c = new HttpClient({ baseUrl: local.url, userAgent: 't', proxy: NO_PROXY });
      clients.push(c);
      let nowMs = local.nowS() * 1000;
      const first = await fetchSnapshot(c, 'h', () => nowMs);
      c.clearCache(); // look at request counts, not HTTP caching
      const mark = local.requests.length;
      nowMs += 5 * 60_000;
      const second = await fetchSnapshot(c, 'h', () => nowMs, first.snapshot);
      expect(
        local.requests
          .slice(mark)
          .map((r) => r.path)
          .sort(),
      ).toEqual(['/api/blocks/tip/height', '/api/v1/difficulty-adjustment', '/api/v1/prices']);
      expect(second.snapshot.tipHeight).toBe(first.snapshot.tipHeight);
      expect(second.snapshot.chainDataAtMs).toBe(first.snapshot.chainDataAtMs);

      local.mineBlocks(1);
      c.clearCache();
      const mark2 = local.requests.length;
      nowMs += 5 * 60_000;
      const third = await fetchSnapshot(c, 'h', () => nowMs, second.snapshot);
      expect(third.snapshot.tipHeight).toBe(first.snapshot.tipHeight + 1);
      const paths = local.requests.slice(mark2).map((r) => r.path);
      expect(paths.filter((p) => p === '/api/blocks/tip/height')).toHaveLength(1);
      expect(paths).toHaveLength(6);
      expect(third.snapshot.chainDataAtMs).toBe(nowMs);

      // Chain data older than 30 min is refetched even without a block.
      c.clearCache();
      const mark3 = local.requests.length;
      nowMs += 31 * 60_000;
      await fetchSnapshot(c, 'h', () => nowMs, third.snapshot);
      expect(local.requests.slice(mark3)).toHaveLength(6);
    } finally {
      await local.close();
    }
  });
});

describe('a new block outdates cached responses', () => {
  it('revalidates tip-dependent responses when the tip moved, even within their HTTP lifetime', async () => {
    const local = await startReplayServer();
    try {
      let nowMs = local.nowS() * 1000;
      const c = new HttpClient({ baseUrl: local.url, userAgent: 't', proxy: NO_PROXY, now: () => nowMs });
      clients.push(c);
      const first = await fetchSnapshot(c, 'h', () => nowMs);
      local.mineBlocks(1);
      nowMs += 30_000; // well inside reward-stats' 120 s and hash rate's 300 s lifetimes
      c.markStale(['/api/blocks/tip/height']); // the tip itself may be cached a few seconds
      const second = await fetchSnapshot(c, 'h', () => nowMs, first.snapshot);
      expect(second.snapshot.tipHeight).toBe(first.snapshot.tipHeight + 1);
      expect(second.snapshot.rewardStats.endBlock).toBe(second.snapshot.tipHeight);
      expect(second.snapshot.latestBlocks[0]!.height).toBe(second.snapshot.tipHeight);
    } finally {
      await local.close();
    }
  });
});

describe('hashprice history for the hover', () => {
  it('builds a month of daily observations from the served rewards and reuses them for an hour', async () => {
    const { c } = client();
    let nowMs = server.nowS() * 1000;
    const { snapshot } = await fetchSnapshot(c, 'h', () => nowMs);
    const first = await withHashpriceDaily(c, snapshot, null, () => nowMs);
    expect(first.warnings).toEqual([]);
    const obs = first.snapshot.hashpriceDaily!.observations;
    expect(obs.length).toBeGreaterThanOrEqual(31);
    expect(hashpriceMoves(obs).map((m) => m.days)).toEqual([1, 7, 30]);
    const count = () => server.requests.filter((r) => r.path === '/api/v1/mining/blocks/rewards/3m').length;
    const before = count();
    nowMs += 30 * 60_000;
    const again = await withHashpriceDaily(c, snapshot, first.snapshot, () => nowMs);
    expect(again.snapshot.hashpriceDaily).toBe(first.snapshot.hashpriceDaily);
    expect(count()).toBe(before);
  });

  it('keeps the glance complete when the history fails', async () => {
    server.setFault('http500', { paths: '/api/v1/mining/blocks/rewards' });
    const { c } = client({ maxAttempts: 1 });
    const { snapshot } = await fetchSnapshot(c, 'h', () => 0);
    const r = await withHashpriceDaily(c, snapshot, null, () => 0);
    expect(r.snapshot.hashpriceDaily).toBeUndefined();
    expect(r.warnings[0]).toMatch(/^hashprice history unavailable: \/api\/v1\/mining\/blocks\/rewards\/3m: HTTP 500/);
  });
});
