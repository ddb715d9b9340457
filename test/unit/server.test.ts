// The replay server over HTTP: shapes and units of every endpoint, faults, the control API, mining,
// live mode and close(). Tests wait on conditions (the request log, fetch results), never on sleeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKS_PER_EPOCH, GENESIS_TIME_S, TWO_POW_32, generateChain, subsidySats } from '../server/chain';
import { startReplayServer, type ReplayServer } from '../server/replayServer';

let server: ReplayServer;

beforeAll(async () => {
  server = await startReplayServer({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(server.url + path, init);
async function getJson<T = any>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

describe('endpoints', () => {
  it('listens on 127.0.0.1 with a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('GET /api/blocks/tip/height → text/plain integer', async () => {
    const res = await get('/api/blocks/tip/height');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^\d+$/);
    expect(Number(text)).toBe(server.chain.tipHeight);
  });

  it('GET /api/v1/mining/hashrate/{period}: H/s, ratio adjustments, period windows', async () => {
    const all = await getJson('/api/v1/mining/hashrate/all');
    expect(Object.keys(all)).toEqual(['hashrates', 'difficulty', 'currentHashrate', 'currentDifficulty']);
    expect(all.hashrates[0]).toEqual({ timestamp: GENESIS_TIME_S, avgHashrate: expect.any(Number) });
    expect(all.hashrates.length).toBeGreaterThan(6400);
    expect(all.difficulty[0]).toEqual({ time: GENESIS_TIME_S, height: 0, difficulty: 1, adjustment: 0 });
    // Genesis and every retarget that changed the difficulty, so the loop below checks each of them.
    expect(all.difficulty).toHaveLength(server.chain.retargets.length);
    expect(all.difficulty.length).toBeGreaterThan(1);
    for (const d of all.difficulty.slice(1)) {
      expect(Object.keys(d)).toEqual(['time', 'height', 'difficulty', 'adjustment']);
      expect(d.height % BLOCKS_PER_EPOCH).toBe(0);
      expect(d.adjustment).toBeGreaterThanOrEqual(0.25);
      expect(d.adjustment).toBeLessThanOrEqual(4);
    }
    const { currentHashrate, currentDifficulty } = all;
    expect(currentHashrate).toBeGreaterThan(985e18);
    expect(currentHashrate).toBeLessThan(999e18);
    expect(Math.abs(currentHashrate / ((currentDifficulty * TWO_POW_32) / 600) - 1)).toBeLessThan(0.15);

    // unknown period = whole history, HTTP 200
    const bogus = await getJson('/api/v1/mining/hashrate/100y');
    expect(bogus.hashrates.length).toBe(all.hashrates.length);

    const now = server.nowS();
    const d1 = await getJson('/api/v1/mining/hashrate/24h');
    expect(d1.hashrates).toHaveLength(1);
    const d3 = await getJson('/api/v1/mining/hashrate/3d');
    expect(d3.hashrates).toHaveLength(3);
    const w = await getJson('/api/v1/mining/hashrate/1w');
    expect(w.hashrates).toHaveLength(7);
    const y = await getJson('/api/v1/mining/hashrate/1y');
    expect(y.hashrates.length).toBeGreaterThanOrEqual(365);
    expect(y.hashrates.length).toBeLessThanOrEqual(366);
    expect(y.difficulty.length).toBeGreaterThanOrEqual(24);
    for (const d of y.difficulty) expect(d.time).toBeGreaterThanOrEqual(now - 366 * 86400);
    for (const p of y.hashrates) {
      expect(p.timestamp % 86400).toBe(0);
      expect(p.avgHashrate).toBeGreaterThan(5e20);
      expect(p.avgHashrate).toBeLessThan(2e21);
    }
  });

  it('GET /api/v1/difficulty-adjustment: 12 fields, ms vs s units', async () => {
    const da = await getJson('/api/v1/difficulty-adjustment');
    expect(Object.keys(da).sort()).toEqual(
      [
        'progressPercent',
        'difficultyChange',
        'estimatedRetargetDate',
        'remainingBlocks',
        'remainingTime',
        'previousRetarget',
        'previousTime',
        'nextRetargetHeight',
        'timeAvg',
        'adjustedTimeAvg',
        'timeOffset',
        'expectedBlocks',
      ].sort(),
    );
    const tip = server.chain.tipHeight;
    expect(da.estimatedRetargetDate).toBeGreaterThan(1e12); // Unix ms
    expect(da.previousTime).toBeLessThan(1e10); // Unix s
    expect(da.previousTime).toBe(server.chain.timeOf(tip - (tip % BLOCKS_PER_EPOCH)));
    expect(da.remainingBlocks).toBe(BLOCKS_PER_EPOCH - (tip % BLOCKS_PER_EPOCH));
    expect(da.nextRetargetHeight % BLOCKS_PER_EPOCH).toBe(0);
    expect(da.remainingTime).toBe(da.remainingBlocks * da.adjustedTimeAvg);
    expect(da.estimatedRetargetDate).toBe(Math.floor(server.nowS()) * 1000 + da.remainingTime);
    expect(da.timeAvg).toBeGreaterThan(400_000); // ms per block
    expect(da.timeAvg).toBeLessThan(800_000);
    expect(da.difficultyChange).toBeGreaterThanOrEqual(-75);
    expect(da.difficultyChange).toBeLessThanOrEqual(300);
    expect(Number.isInteger(da.expectedBlocks)).toBe(false);
    expect(da.timeOffset).toBe(0);
  });

  it('GET /api/v1/mining/difficulty-adjustments/{period}: tuples newest first', async () => {
    const rows = await getJson<[number, number, number, number][]>('/api/v1/mining/difficulty-adjustments/1y');
    expect(rows.length).toBeGreaterThanOrEqual(24);
    for (let i = 0; i < rows.length; i++) {
      const [time, height, difficulty, ratio] = rows[i]!;
      expect(time).toBeLessThan(1e10);
      expect(height % BLOCKS_PER_EPOCH).toBe(0);
      expect(difficulty).toBeGreaterThan(1e14);
      expect(ratio).toBeGreaterThanOrEqual(0.25);
      expect(ratio).toBeLessThanOrEqual(4);
      if (i > 0) expect(height).toBeLessThan(rows[i - 1]![1]);
    }
  });

  it('GET /api/v1/mining/reward-stats/{n}: totals are strings of digits', async () => {
    const s = await getJson('/api/v1/mining/reward-stats/144');
    expect(Object.keys(s)).toEqual(['startBlock', 'endBlock', 'totalReward', 'totalFee', 'totalTx']);
    expect(s.totalReward).toMatch(/^\d+$/);
    expect(s.totalFee).toMatch(/^\d+$/);
    expect(s.totalTx).toMatch(/^\d+$/);
    expect(s.endBlock).toBe(server.chain.tipHeight);
    expect(s.startBlock).toBe(server.chain.tipHeight - 143);
    let subsidy = 0;
    for (let h = s.startBlock; h <= s.endBlock; h++) subsidy += subsidySats(h);
    expect(BigInt(s.totalReward) - BigInt(s.totalFee)).toBe(BigInt(subsidy));
    const bad = await get('/api/v1/mining/reward-stats/abc');
    expect(bad.status).toBe(500);
  });

  it('GET /api/v1/mining/blocks/rewards|fees/{period}: bucket size grows with the period', async () => {
    const perBlock = await getJson('/api/v1/mining/blocks/rewards/24h');
    expect(perBlock.length).toBeGreaterThan(100);
    expect(perBlock.length).toBeLessThan(200);
    for (let i = 1; i < perBlock.length; i++) expect(perBlock[i].avgHeight).toBe(perBlock[i - 1].avgHeight + 1);
    const row = perBlock.at(-1);
    expect(Object.keys(row)).toEqual(['avgHeight', 'timestamp', 'avgRewards', 'USD']);
    expect(row.avgRewards).toBeGreaterThan(312_500_000);
    expect(row.USD).toBeGreaterThan(50_000);

    const fees1w = await getJson('/api/v1/mining/blocks/fees/1w');
    expect(Object.keys(fees1w[0])).toEqual(['avgHeight', 'timestamp', 'avgFees', 'USD']);
    expect(fees1w.length).toBeGreaterThan(500); // 5-minute buckets: mostly one block each
    const y = await getJson('/api/v1/mining/blocks/fees/1y');
    expect(y.length).toBeGreaterThan(1000); // 8 h buckets
    expect(y.length).toBeLessThan(1200);
    const all = await getJson('/api/v1/mining/blocks/rewards/all');
    expect(all[0].avgRewards).toBe(5_000_000_000);
    expect(all.length).toBeGreaterThan(6000); // one per day with blocks
    expect(all.length).toBeLessThan(6600);
    for (let i = 1; i < all.length; i++) expect(all[i].timestamp).toBeGreaterThan(all[i - 1].timestamp);
  });

  it('GET /api/v1/prices and /api/v1/historical-price', async () => {
    const p = await getJson('/api/v1/prices');
    expect(Object.keys(p)).toEqual(['time', 'USD', 'EUR', 'GBP', 'CAD', 'CHF', 'AUD', 'JPY']);
    expect(p.USD).toBeGreaterThan(90_000);
    expect(p.USD).toBeLessThan(110_000);
    expect(p.time).toBeLessThan(1e10);

    const one = await getJson('/api/v1/historical-price?currency=EUR&timestamp=1500000000');
    expect(one.prices).toHaveLength(1);
    expect(Object.keys(one.prices[0])).toEqual(['time', 'EUR', 'USD']);
    expect(one.prices[0].time).toBeLessThanOrEqual(1500000000);
    expect(1500000000 - one.prices[0].time).toBeLessThan(86400);
    expect(Object.keys(one.exchangeRates)).toEqual(['USDEUR', 'USDGBP', 'USDCAD', 'USDCHF', 'USDAUD', 'USDJPY']);

    const early = await getJson('/api/v1/historical-price?currency=EUR&timestamp=1240000000');
    expect(early.prices).toEqual([{ time: 1279497600, EUR: 0, USD: 0 }]);

    const series = await getJson('/api/v1/historical-price?currency=JPY');
    expect(series.prices.length).toBeGreaterThan(5000);
    expect(series.prices[0].time).toBeGreaterThan(series.prices[1].time); // newest first
    expect(series.prices.at(-1).time).toBe(1279497600);

    const unknown = await get('/api/v1/historical-price?currency=XYZ');
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toBe('');
  });

  it('GET /api/v1/blocks[/{height}]: 15 blocks newest first with extras', async () => {
    const tip = server.chain.tipHeight;
    const blocks = await getJson('/api/v1/blocks');
    expect(blocks).toHaveLength(15);
    expect(blocks[0].height).toBe(tip);
    blocks.forEach((b: any, i: number) => {
      expect(b.height).toBe(tip - i);
      expect(b.id).toMatch(/^[0-9a-f]{64}$/);
      expect(b.extras.reward).toBe(subsidySats(b.height) + b.extras.totalFees);
      expect(b.extras.pool).toEqual({
        id: expect.any(Number),
        name: expect.any(String),
        slug: expect.any(String),
        minerNames: null,
      });
      expect(typeof b.extras.medianFee).toBe('number');
      expect(b.extras.header).toHaveLength(160);
      if (i > 0) expect(blocks[i - 1].previousblockhash).toBe(b.id);
    });
    const old = await getJson('/api/v1/blocks/730000');
    expect(old.map((b: any) => b.height)).toEqual(Array.from({ length: 15 }, (_, i) => 730000 - i));
    expect(old[0].extras.reward).toBe(625_000_000 + old[0].extras.totalFees);
  });

  it('404 text for anything else; HEAD works; ETag revalidation gives 304', async () => {
    const res = await get('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    await res.text();
    const post = await get('/api/v1/prices', { method: 'POST' });
    expect(post.status).toBe(404);
    await post.text();

    const first = await get('/api/v1/mining/hashrate/1m');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const expires = Date.parse(first.headers.get('expires')!);
    expect(expires - Date.now()).toBeGreaterThan(100_000);
    expect(expires - Date.now()).toBeLessThan(310_000);
    await first.text();
    const again = await get('/api/v1/mining/hashrate/1m', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);

    const prices = await get('/api/v1/prices');
    expect(Date.parse(prices.headers.get('expires')!) - Date.now()).toBeGreaterThan(3000_000);
    await prices.text();

    const head = await get('/api/blocks/tip/height', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('logs requests so tests can wait on them', async () => {
    const since = server.requests.length;
    void get('/api/v1/prices?probe=1').then((r) => r.text());
    const entry = await server.waitForRequest((r) => r.path === '/api/v1/prices?probe=1', 10_000, { since });
    expect(entry).toMatchObject({ method: 'GET', status: 200, fault: null, route: 'prices' });
    expect(entry.seq).toBeGreaterThanOrEqual(since);
    await expect(server.waitForRequest((r) => r.path === '/never', 50, { since })).rejects.toThrow(
      /no matching request/,
    );
  });
});

describe('faults', () => {
  const PATH = '/api/v1/mining/hashrate/1w';

  it('http500 / http503 / http429 with Retry-After', async () => {
    server.setFault('http500', { count: 1 });
    const a = await get(PATH);
    expect(a.status).toBe(500);
    await a.text();

    server.setFault('http503', { retryAfterS: 11, count: 1 });
    const b = await get(PATH);
    expect(b.status).toBe(503);
    expect(b.headers.get('retry-after')).toBe('11');
    await b.text();

    server.setFault('http429', { retryAfterS: 7, count: 1 });
    const c = await get(PATH);
    expect(c.status).toBe(429);
    expect(c.headers.get('retry-after')).toBe('7');
    await c.text();

    // count exhausted: back to normal
    const d = await get(PATH);
    expect(d.status).toBe(200);
    await d.json();
    expect(server.faults).toHaveLength(0);
  });

  it('only faults matching paths (substring or RegExp)', async () => {
    server.setFault('http500', { paths: '/prices' });
    expect((await get('/api/v1/prices')).status).toBe(500);
    expect((await get('/api/blocks/tip/height')).status).toBe(200);
    server.setFault('http503', { paths: /tip\/height$/ });
    expect((await get('/api/blocks/tip/height')).status).toBe(503);
    expect((await get('/api/v1/prices')).status).toBe(200);
    server.clearFault();
    expect((await get('/api/blocks/tip/height')).status).toBe(200);
  });

  it('timeout: accepts and never sends headers', async () => {
    server.setFault('timeout', { count: 1 });
    const since = server.requests.length;
    const ac = new AbortController();
    let settled = false;
    const pending = get(PATH, { signal: ac.signal }).then(
      () => (settled = true),
      () => (settled = true),
    );
    const entry = await server.waitForRequest((r) => r.path === PATH, 10_000, { since });
    expect(entry).toMatchObject({ status: 0, fault: 'timeout' });
    // the server has the request and has decided never to answer; one more round trip proves it idles
    const ok = await get('/api/blocks/tip/height');
    expect(ok.status).toBe(200);
    await ok.text();
    expect(settled).toBe(false);
    ac.abort();
    await pending;
  });

  it('slowBody: headers arrive, the body stalls', async () => {
    server.setFault('slowBody', { count: 1 });
    const ac = new AbortController();
    const res = await get(PATH, { signal: ac.signal });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
    let done = false;
    const body = res.text().then(
      () => (done = true),
      () => (done = true),
    );
    const ok = await get('/api/blocks/tip/height');
    await ok.text();
    expect(done).toBe(false);
    ac.abort();
    await body;
  });

  it('reset: the connection dies without a response', async () => {
    server.setFault('reset', { count: 1 });
    await expect(get(PATH)).rejects.toThrow();
  });

  it('truncated: Content-Length larger than the body, then the connection ends', async () => {
    server.setFault('truncated', { count: 1 });
    const res = await get(PATH);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('malformed: 200 with a non-JSON body', async () => {
    server.setFault('malformed', { count: 1 });
    const res = await get(PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('empty: 200 with an empty body', async () => {
    server.setFault('empty', { count: 1 });
    const res = await get(PATH);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('absurd: shape-correct JSON with absurd values', async () => {
    server.setFault('absurd', { count: 5 });
    const h = await getJson('/api/v1/mining/hashrate/1m');
    expect(Object.keys(h)).toEqual(['hashrates', 'difficulty', 'currentHashrate', 'currentDifficulty']);
    expect(h.currentHashrate).toBeLessThan(0);
    expect(h.currentDifficulty).toBe(0);
    expect(h.hashrates.some((p: any) => p.avgHashrate < 0)).toBe(true);
    const ts = h.hashrates.map((p: any) => p.timestamp);
    expect(ts[0]).toBeGreaterThan(ts[1]); // out of order
    const p = await getJson('/api/v1/prices');
    expect(p.USD).toBe(-5);
    const da = await getJson('/api/v1/difficulty-adjustment');
    expect(da.remainingBlocks).toBeLessThan(0);
    const blocks = await getJson('/api/v1/blocks');
    expect(blocks).toHaveLength(15);
    expect(blocks[0].height).toBeLessThan(blocks[1].height);
    expect(blocks[0].difficulty).toBe(0);
    const rs = await getJson('/api/v1/mining/reward-stats/144');
    expect(rs.startBlock).toBeGreaterThan(rs.endBlock);
    expect(server.faults).toHaveLength(0);
  });

  it('control routes are never faulted', async () => {
    server.setFault('http500');
    const res = await get('/__control/state');
    expect(res.status).toBe(200);
    const state = (await res.json()) as any;
    expect(state.faults).toEqual([{ fault: 'http500', paths: null, retryAfterS: 5, remaining: null }]);
    server.clearFault();
  });
});

describe('control API (for another process)', () => {
  it('sets and clears faults, mines blocks and lists requests', async () => {
    const post = (path: string, body: unknown): Promise<Response> =>
      get(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const r1 = await post('/__control/fault', {
      fault: 'http429',
      paths: '/difficulty-adjustment',
      retryAfterS: 3,
      count: 2,
    });
    expect(r1.status).toBe(200);
    await r1.text();
    const a = await get('/api/v1/difficulty-adjustment');
    expect(a.status).toBe(429);
    expect(a.headers.get('retry-after')).toBe('3');
    await a.text();

    const r2 = await post('/__control/fault', { fault: 'http500', pathsRegex: '^/api/v1/prices$' });
    await r2.text();
    expect((await get('/api/v1/prices')).status).toBe(500);
    expect((await post('/__control/fault', { fault: 'bogus' })).status).toBe(400);
    expect((await post('/__control/clear', {})).status).toBe(200);
    expect((await get('/api/v1/prices')).status).toBe(200);

    const before = server.chain.tipHeight;
    const m = await post('/__control/mine', { n: 3 });
    expect(await m.json()).toMatchObject({ ok: true, tipHeight: before + 3 });
    expect(Number(await (await get('/api/blocks/tip/height')).text())).toBe(before + 3);

    const list = (await (await get(`/__control/requests?since=0`)).json()) as any[];
    expect(list.length).toBe(server.requests.length);
    expect(list.some((r) => r.path === '/api/v1/difficulty-adjustment' && r.status === 429)).toBe(true);
    expect(list.some((r) => r.path.startsWith('/__control'))).toBe(false);
  });
});

describe('mining', () => {
  it('mineBlocks moves the tip and retargets at the 2016 boundary', async () => {
    const s = await startReplayServer({ chain: generateChain({ seed: 5 }) });
    try {
      const tip0 = s.chain.tipHeight;
      const toBoundary = BLOCKS_PER_EPOCH - (tip0 % BLOCKS_PER_EPOCH);
      const before = (await (await fetch(`${s.url}/api/v1/mining/difficulty-adjustments/all`)).json()) as number[][];

      s.mineBlocks(toBoundary - 1);
      const last = (await (await fetch(`${s.url}/api/v1/difficulty-adjustment`)).json()) as any;
      expect(last.remainingBlocks).toBe(1);
      expect(last.progressPercent).toBeCloseTo((2015 / 2016) * 100, 8);

      const r = s.mineBlocks(1);
      expect(r.tipHeight % BLOCKS_PER_EPOCH).toBe(0);
      expect(Number(await (await fetch(`${s.url}/api/blocks/tip/height`)).text())).toBe(tip0 + toBoundary);
      const after = (await (await fetch(`${s.url}/api/v1/mining/difficulty-adjustments/all`)).json()) as number[][];
      expect(after.length).toBe(before.length + 1);
      expect(after[0]![1]).toBe(r.tipHeight);
      expect(after[0]![3]).toBeGreaterThanOrEqual(0.25);
      expect(after[0]![3]).toBeLessThanOrEqual(4);
      const da = (await (await fetch(`${s.url}/api/v1/difficulty-adjustment`)).json()) as any;
      expect(da.remainingBlocks).toBe(2016);
      expect(da.progressPercent).toBe(0);
      expect(da.previousTime).toBe(r.tipTimeS);
      expect(da.previousRetarget).toBeCloseTo((after[0]![3]! - 1) * 100, 2);
      const hr = (await (await fetch(`${s.url}/api/v1/mining/hashrate/1w`)).json()) as any;
      expect(hr.difficulty.at(-1).height).toBe(r.tipHeight);
      expect(hr.currentDifficulty).toBe(after[0]![2]);
      // the memoized chain is untouched
      expect(generateChain({ seed: 5 }).tipHeight).toBe(tip0);
    } finally {
      await s.close();
    }
  });

  it('live mode: new blocks appear over time', async () => {
    const s = await startReplayServer({ chain: generateChain({ seed: 9 }), live: true, liveSpeed: 20_000 });
    try {
      const tip0 = s.chain.tipHeight;
      const deadline = Date.now() + 20_000;
      let tip = tip0;
      while (tip <= tip0 && Date.now() < deadline) {
        tip = Number(await (await fetch(`${s.url}/api/blocks/tip/height`)).text());
        if (tip <= tip0) await new Promise((r) => setImmediate(r));
      }
      expect(tip).toBeGreaterThan(tip0);
      expect(s.nowS()).toBeGreaterThanOrEqual(s.chain.tipTimeS);
    } finally {
      await s.close();
    }
  });
});

describe('close()', () => {
  it('terminates even with hung timeout and slowBody connections', async () => {
    const s = await startReplayServer({ chain: generateChain() });
    s.addFault('timeout', { paths: '/prices' });
    s.addFault('slowBody', { paths: '/hashrate' });
    const hung = fetch(`${s.url}/api/v1/prices`).then(
      () => 'resolved',
      () => 'rejected',
    );
    const slow = await fetch(`${s.url}/api/v1/mining/hashrate/1y`);
    const slowBody = slow.text().then(
      () => 'resolved',
      () => 'rejected',
    );
    await s.waitForRequest((r) => r.fault === 'timeout');
    await s.close();
    expect(await hung).toBe('rejected');
    expect(await slowBody).toBe('rejected');
    await expect(fetch(`${s.url}/api/blocks/tip/height`)).rejects.toThrow();
    await expect(s.waitForRequest(() => false)).rejects.toThrow(/closed/);
  });
});
