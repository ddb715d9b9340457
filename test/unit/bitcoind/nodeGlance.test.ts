// The glance read from the Core-shaped test node: figures checked against values computed here from the
// node's own RPC answers (raw JSON, not our parsers), the request budget (4 HTTP requests and one
// 144-getblockstats batch at start, one getblockstats per new block, one getbestblockhash when nothing
// happened), and every node state as a message with the last snapshot kept by the caller.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeGlance, NodeSyncingError, type NodeRpc } from '../../../src/core/sources/bitcoind/glance';
import type { NodePrices } from '../../../src/core/sources/bitcoind/snapshot';
import { computeGlanceFigures } from '../../../src/core/views/glanceFigures';
import { JsonRpcClient, type BitcoindAuth } from '../../../src/net/jsonRpc';
import { startBitcoindServer, type BitcoindServer } from '../../server/bitcoind/server';

let server: BitcoindServer;
const clients: JsonRpcClient[] = [];
const PRICES: NodePrices = { prices: { timeS: 1_700_000_000, perBtc: { USD: 50_000 } }, label: 'manual', note: null };

beforeAll(async () => {
  server = await startBitcoindServer({ users: [{ user: 'alice', password: 'wonderland-42' }] });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});
beforeEach(() => {
  server.setWarmingUp(null);
  server.setSynced();
  server.clearBusy();
  server.restoreMethods();
});

function client(auth: BitcoindAuth = { kind: 'cookie', cookiePath: server.cookiePath! }, url = server.url) {
  const c = new JsonRpcClient({ url, auth, readFile: (p) => readFile(p, 'utf8'), callTimeoutMs: 20_000 });
  clients.push(c);
  return c;
}

function glance(
  c: JsonRpcClient = client(),
  nowMs = () => (server.node.timeOf(server.node.tipHeight) + 600) * 1000,
): NodeGlance {
  const rpc: NodeRpc = { call: (x) => c.call(x), batch: (x) => c.batch(x) };
  return new NodeGlance({
    rpc,
    sourceHost: 'bitcoind@test',
    nodeUrl: server.url,
    now: nowMs,
    prices: () => Promise.resolve(PRICES),
  });
}

/** A raw JSON-RPC call with the cookie, answered by the node: the test's own reading, not our client's. */
async function raw(method: string, params: unknown[] = []): Promise<unknown> {
  const cookie = (await readFile(server.cookiePath!, 'utf8')).trim();
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(cookie).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '1.0', id: 1, method, params }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

const since = (n: number) => server.requests.slice(n);

describe('NodeGlance against the test node', () => {
  it('hash rate, difficulty, fees and hashprice equal what the node says, computed independently', async () => {
    const g = glance();
    const before = server.requests.length;
    const snapshot = await g.snapshot(null);
    const reqs = since(before);

    const info = (await raw('getblockchaininfo')) as { blocks: number; difficulty: number; time: number };
    const hps = (await raw('getnetworkhashps', [1008, info.blocks])) as number;
    let fees = 0;
    for (let h = info.blocks - 143; h <= info.blocks; h++)
      fees += ((await raw('getblockstats', [h, ['totalfee']])) as { totalfee: number }).totalfee;
    const meanFees = fees / 144;
    const next = info.blocks + 1;
    const subsidy = Math.floor((50 * 1e8) / 2 ** Math.floor(next / 210_000));
    // hashvalue: reward × (1 PH/s × 86 400 s) / (difficulty × 2³²) blocks per day, in BTC.
    const hashvalueBtc = ((subsidy + meanFees) * 1e15 * 86_400) / (info.difficulty * 2 ** 32) / 1e8;

    expect(snapshot.tipHeight).toBe(info.blocks);
    expect(snapshot.hashrate.currentHashrateHps).toBe(hps);
    expect(snapshot.hashrate.currentDifficulty).toBe(info.difficulty);
    expect(snapshot.latestBlocks[0]).toMatchObject({ height: info.blocks, timeS: info.time });
    const f = computeGlanceFigures(snapshot, 'USD', (info.time + 600) * 1000);
    expect(f.hashprice.meanFeesSats).toBeCloseTo(meanFees, 6);
    expect(f.hashprice.subsidySats).toBe(subsidy);
    expect(f.hashprice.hashvalueBtcPerPhDay).toBeCloseTo(hashvalueBtc, 12);
    expect(f.hashprice.hashpricePerPhDay!).toBeCloseTo(hashvalueBtc * 50_000, 6);
    expect(snapshot.priceSource).toBe('manual');
    // The trend has its 14 windows of 144 blocks.
    expect(snapshot.hashrate.daily).toHaveLength(14);
    expect(f.hashrateTrendPercent).not.toBeNull();

    // Request budget at start: getbestblockhash, getblockchaininfo, one batch (with 144 getblockstats), headers.
    expect(reqs).toHaveLength(4);
    expect(reqs.filter((r) => r.batch)).toHaveLength(2);
    expect(reqs[2]!.methods.filter((m) => m === 'getblockstats')).toHaveLength(144);
    expect(g.cachedStats).toBe(144);
  });

  it('same tip: one getbestblockhash; a new block: exactly one getblockstats', async () => {
    const g = glance();
    await g.snapshot(null);
    let n = server.requests.length;
    const again = await g.snapshot(null);
    expect(since(n).map((r) => r.methods)).toEqual([['getbestblockhash']]);
    expect(again.tipHeight).toBe(server.node.tipHeight);

    server.mine(1);
    n = server.requests.length;
    const next = await g.snapshot(null);
    expect(next.tipHeight).toBe(again.tipHeight + 1);
    const stats = since(n).flatMap((r) => r.methods.filter((m) => m === 'getblockstats'));
    expect(stats).toHaveLength(1);
    expect(since(n)).toHaveLength(4);
    expect(g.cachedStats).toBe(144);
  });

  it('the retarget estimate and the previous adjustment come from the node headers', async () => {
    const snapshot = await glance().snapshot(null);
    const tip = snapshot.tipHeight;
    const start = tip - (tip % 2016);
    const startHeader = (await raw('getblockheader', [await raw('getblockhash', [start])])) as {
      time: number;
      difficulty: number;
    };
    const prevHeader = (await raw('getblockheader', [await raw('getblockhash', [start - 1])])) as {
      difficulty: number;
    };
    expect(snapshot.adjustment.previousRetargetS).toBe(startHeader.time);
    expect(snapshot.adjustment.previousRetargetPercent).toBeCloseTo(
      (startHeader.difficulty / prevHeader.difficulty - 1) * 100,
      9,
    );
    expect(snapshot.adjustment.nextRetargetHeight).toBe(start + 2016);
    expect(snapshot.hashrate.difficulty).toEqual([
      expect.objectContaining({ height: start, timeS: startHeader.time, difficulty: startHeader.difficulty }),
    ]);
  });

  it('initial block download: a NodeSyncingError that leads with "Node syncing 42%"', async () => {
    server.setSyncing(0.42);
    const error = await glance()
      .snapshot(null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeSyncingError);
    expect((error as Error).message).toMatch(/^Node syncing 42\s?%/);
  });

  it('warming up (−28), busy (503), a missing method (−32601): the client’s messages', async () => {
    server.setWarmingUp('Loading block index…');
    await expect(glance().snapshot(null)).rejects.toMatchObject({ kind: 'warmingUp' });
    server.setWarmingUp(null);
    server.setBusy(1);
    await expect(glance().snapshot(null)).rejects.toMatchObject({ kind: 'busy' });
    server.removeMethods('getblockstats');
    await expect(glance().snapshot(null)).rejects.toMatchObject({ kind: 'methodNotFound' });
  });

  it('401 names the user; an unreachable node asks whether bitcoind runs with server=1', async () => {
    const bad = glance(client({ kind: 'password', user: 'alice', password: 'wrong-password' }));
    const e401 = (await bad.snapshot(null).catch((e: unknown) => e)) as Error;
    expect(e401.message).toMatch(/HTTP 401.*user "alice"/);
    expect(e401.message).not.toContain('wrong-password');
    const down = glance(client(undefined, 'http://127.0.0.1:1'));
    await expect(down.snapshot(null)).rejects.toThrow(/server=1/);
  });
});
