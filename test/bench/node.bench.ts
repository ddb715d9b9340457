// Reading the glance from a Bitcoin Core node (the Core-shaped test node, in process): HTTP requests, RPC
// calls, bytes and time to first figures at start (getblockchaininfo, one batch with 144 getblockstats,
// one batch of headers), then per new block (one getblockstats) and per poll without a block (one
// getbestblockhash). Prices are manual: only the node is measured.
// Run: node out/bench/node.bench.js (after `node esbuild.js --production --tests`).
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { NodeGlance, type NodeRpc } from '../../src/core/sources/bitcoind/glance';
import { JsonRpcClient } from '../../src/net/jsonRpc';
import { startBitcoindServer } from '../server/bitcoind/server';

interface Cost {
  requests: number;
  calls: number;
  bytes: number;
}

async function main(): Promise<void> {
  const server = await startBitcoindServer({});
  const cost: Cost = { requests: 0, calls: 0, bytes: 0 };
  const client = new JsonRpcClient({
    url: server.url,
    auth: { kind: 'cookie', cookiePath: server.cookiePath! },
    readFile: (p) => readFile(p, 'utf8'),
    onExchange: (x) => {
      cost.requests++;
      cost.calls += x.methods.length;
      cost.bytes += x.bytes;
    },
  });
  const rpc: NodeRpc = { call: (c) => client.call(c), batch: (c) => client.batch(c) };
  const glance = new NodeGlance({
    rpc,
    sourceHost: 'bench',
    nodeUrl: server.url,
    now: () => Date.now(),
    prices: () => Promise.resolve({ prices: { timeS: 0, perBtc: { USD: 50_000 } }, label: 'manual', note: null }),
  });
  const rows: string[][] = [];
  const measure = async (label: string, before?: () => void): Promise<void> => {
    before?.();
    Object.assign(cost, { requests: 0, calls: 0, bytes: 0 });
    const t0 = performance.now();
    const s = await glance.snapshot(null);
    const ms = performance.now() - t0;
    rows.push([
      label,
      String(s.tipHeight),
      String(cost.requests),
      String(cost.calls),
      `${(cost.bytes / 1024).toFixed(1)} KiB`,
      `${ms.toFixed(0)} ms`,
    ]);
  };
  await measure('start (first figures)');
  await measure('poll, no new block');
  for (let i = 1; i <= 3; i++) await measure(`new block ${i}`, () => server.mine(1));
  await measure('2 blocks at once', () => server.mine(2));
  await measure('poll, no new block');

  const head = ['', 'tip', 'HTTP requests', 'RPC calls', 'received', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('Bitcoin Core source (test node, in process): cost of the glance');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`getblockstats cached: ${glance.cachedStats}`);
  await client.close();
  await server.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
