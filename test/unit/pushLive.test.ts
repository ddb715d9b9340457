// "Live" means live: after a pushed block every figure the status bar shows is current as of the new tip,
// at no more than two small requests per block, and a burst of blocks does not become a request storm.
// Against the replay server (mempool-shaped), over the real HTTP client and websocket client.
import { afterEach, describe, expect, it } from 'vitest';
import { fetchSnapshot } from '../../src/core/fetchSnapshot';
import { PushApplier } from '../../src/core/glance/pushApplier';
import type { NetworkSnapshot } from '../../src/core/model';
import { parseHashrateHistory } from '../../src/core/parse';
import { fetchParts, mergeParts, parsePushMessage, planPush, type PushMessage } from '../../src/core/push';
import { HttpClient } from '../../src/net/httpClient';
import { PushClient } from '../../src/net/pushClient';
import { startReplayServer, type ReplayServer } from '../server/replayServer';

const NO_PROXY = { proxyUrl: '', strictSsl: true, noProxy: [] };
const closers: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setUp(): Promise<{ server: ReplayServer; client: HttpClient; snapshot: NetworkSnapshot }> {
  const server = await startReplayServer({ conversionsIntervalMs: 0 });
  closers.push(() => server.close());
  const client = new HttpClient({
    baseUrl: server.url,
    userAgent: 'test',
    proxy: NO_PROXY,
    now: () => server.nowS() * 1000,
  });
  closers.push(() => client.close());
  const { snapshot } = await fetchSnapshot(client, 'replay', () => server.nowS() * 1000);
  return { server, client, snapshot };
}

/** What the server itself says now (read outside the counted window, with plain fetch). */
async function serverJson(server: ReplayServer, path: string): Promise<unknown> {
  const response = await fetch(server.url + path);
  return (await response.json()) as unknown;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('a pushed block', () => {
  it('brings the new 1008-block estimate at once, with at most two GETs', async () => {
    const { server, client, snapshot } = await setUp();
    const { tipHeight } = server.mineBlocks(1);
    // The block and its da exactly as the websocket carries them (an /api/v1/blocks entry + the 12 fields).
    const [block] = (await serverJson(server, `/api/v1/blocks/${tipHeight}`)) as unknown[];
    const da = await serverJson(server, '/api/v1/difficulty-adjustment');
    const message = parsePushMessage({ block, da });
    expect(message.rejected).toEqual([]);

    const before = server.requests.length;
    const plan = planPush(snapshot, message, server.nowS() * 1000);
    const { parts, errors } = await fetchParts(client, plan.refetch);
    expect(errors).toEqual([]);
    const next = mergeParts(plan.snapshot!, parts, server.nowS() * 1000).snapshot;
    const gets = server.requests.slice(before).filter((r) => r.method === 'GET');

    const expected = parseHashrateHistory(await serverJson(server, '/api/v1/mining/hashrate/3d'));
    // The block moved the estimate (otherwise this test could not fail).
    expect(expected.currentHashrateHps).not.toBe(snapshot.hashrate.currentHashrateHps);
    expect(next.tipHeight).toBe(tipHeight);
    expect(next.hashrate.currentHashrateHps).toBe(expected.currentHashrateHps);
    expect(next.hashrate.currentDifficulty).toBe(expected.currentDifficulty);
    expect(next.rewardStats.endBlock).toBe(tipHeight);
    // The month of daily points is kept (the safety poll renews it), not replaced by three days.
    expect(next.hashrate.daily).toBe(snapshot.hashrate.daily);
    expect(gets.length).toBeLessThanOrEqual(2);
  });
});

describe('PushApplier over the websocket', () => {
  async function live() {
    const { server, client, snapshot } = await setUp();
    let current: NetworkSnapshot | null = snapshot;
    const accepted: { tipHeight: number; settled: boolean }[] = [];
    const warnings: string[] = [];
    const applier = new PushApplier({
      current: () => current,
      accept: (s, settled) => {
        current = s;
        accepted.push({ tipHeight: s.tipHeight, settled });
      },
      transport: () => client,
      now: () => server.nowS() * 1000,
      warn: (m) => warnings.push(m),
    });
    const handled: Promise<void>[] = [];
    let connected = false;
    const push = new PushClient({
      baseUrl: server.url,
      userAgent: 'test',
      onMessage: (m: PushMessage) => {
        connected = true;
        handled.push(applier.handle(m));
      },
    });
    push.start();
    closers.push(() => push.stop());
    await waitFor(() => connected);
    await Promise.all(handled);
    return { server, applier, accepted, warnings, handled, current: () => current! };
  }

  it('updates the estimate within the push handling (≤ 2 GETs) and persists once', async () => {
    const { server, applier, accepted, handled, current } = await live();
    accepted.length = 0;
    const before = server.requests.length;
    const { tipHeight } = server.mineBlocks(1);
    await waitFor(() => current().tipHeight === tipHeight && current().rewardStats.endBlock === tipHeight);
    await Promise.all(handled);
    await applier.idle();
    const gets = server.requests.slice(before).filter((r) => r.method === 'GET');
    const expected = parseHashrateHistory(await serverJson(server, '/api/v1/mining/hashrate/3d'));
    expect(current().hashrate.currentHashrateHps).toBe(expected.currentHashrateHps);
    expect(gets.map((r) => r.path).sort()).toEqual(['/api/v1/mining/hashrate/3d', '/api/v1/mining/reward-stats/144']);
    expect(accepted.filter((a) => a.settled)).toHaveLength(1);
  });

  it('coalesces a burst of 32 blocks: one refetch in flight, one follow-up', async () => {
    const { server, applier, accepted, warnings, handled, current } = await live();
    accepted.length = 0;
    const before = server.requests.length;
    const { tipHeight } = server.mineBlocks(32);
    await waitFor(() => current().tipHeight === tipHeight);
    await Promise.all(handled);
    await applier.idle();
    const gets = server.requests.slice(before).filter((r) => r.method === 'GET');
    // Per refetch at most: reward sums, estimate, adjustment (no da for the tip in an early message),
    // latest blocks (a hole) — and there are at most two refetches (the first and one follow-up).
    expect(gets.length).toBeLessThanOrEqual(8);
    expect(accepted.filter((a) => a.settled).length).toBeLessThanOrEqual(2);
    expect(current().rewardStats.endBlock).toBe(tipHeight);
    const expected = parseHashrateHistory(await serverJson(server, '/api/v1/mining/hashrate/3d'));
    expect(current().hashrate.currentHashrateHps).toBe(expected.currentHashrateHps);
    expect(warnings).toEqual([]);
  });

  it('turns a throwing view into a warning, never a rejection', async () => {
    const warnings: string[] = [];
    const applier = new PushApplier({
      current: () => {
        throw new Error('view broke');
      },
      accept: () => undefined,
      transport: () => {
        throw new Error('unused');
      },
      now: () => 0,
      warn: (m) => warnings.push(m),
    });
    await expect(
      applier.handle({ blocks: [], adjustment: null, prices: null, rejected: ['x: bad'] }),
    ).resolves.toBeUndefined();
    expect(warnings).toEqual([
      'Ignored part of a websocket message: x: bad',
      'Could not apply a websocket message: view broke',
    ]);
  });
});
