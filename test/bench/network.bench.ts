// Network cost in steady state, per hour, against the replay server: our polling (tip first, HTTP cache),
// our push mode (websocket + refetch of what a block changes + a 30-minute safety poll), and the naive
// design (every endpoint every minute, in every window). One simulated hour = 6 blocks, one every 10 min;
// the schedule runs on a simulated clock so the hour takes seconds. Then five real windows (activations of
// the built extension against a vscode stand-in, sharing one global storage) show how many of them fetch,
// and how long a pushed block takes to reach every window's status bar.
// Run: node out/bench/network.bench.js (after `node esbuild.js --production --tests`).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fetchSnapshot, GLANCE_PATHS } from '../../src/core/fetchSnapshot';
import type { NetworkSnapshot } from '../../src/core/model';
import { fetchParts, mergeParts, planPush, type PushMessage } from '../../src/core/push';
import { HttpClient } from '../../src/net/httpClient';
import { PushClient } from '../../src/net/pushClient';
import { startReplayServer, type ReplayServer } from '../server/replayServer';
import { createContext, createVscodeStub, installVscodeStub } from '../support/vscodeStub';

const HOUR_S = 3600;
const BLOCK_EVERY_S = 600;
const NO_PROXY = { proxyUrl: '', strictSsl: true, noProxy: [] };

interface Cost {
  requests: number;
  bytes: number;
  wsBytes?: number;
}

function meteredClient(server: ReplayServer, now: () => number, cost: Cost): HttpClient {
  return new HttpClient({
    baseUrl: server.url,
    userAgent: 'bench',
    proxy: NO_PROXY,
    now,
    onExchange: (x) => {
      if (x.cached) return;
      cost.requests++;
      cost.bytes += x.bytes;
    },
  });
}

/** Our polling: the scheduler's 5-minute interval, tip-first, HTTP cache honoured. */
async function oursPolling(): Promise<Cost> {
  const server = await startReplayServer();
  const cost: Cost = { requests: 0, bytes: 0 };
  let simS = server.nowS();
  const client = meteredClient(server, () => simS * 1000, cost);
  let previous: NetworkSnapshot | null = (await fetchSnapshot(client, 'bench', () => simS * 1000)).snapshot;
  Object.assign(cost, { requests: 0, bytes: 0 }); // steady state: the start-up fetch is not counted
  const start = simS;
  for (let t = 300; t <= HOUR_S; t += 300) {
    simS = start + t;
    if (t % BLOCK_EVERY_S === 0) server.mineBlocks(1, { intervalS: 1 });
    previous = (await fetchSnapshot(client, 'bench', () => simS * 1000, previous)).snapshot;
  }
  await client.close();
  await server.close();
  return cost;
}

/** The naive design: all six endpoints every minute, no cache, no tip check. */
async function naivePolling(): Promise<Cost> {
  const server = await startReplayServer();
  const cost: Cost = { requests: 0, bytes: 0 };
  const client = meteredClient(server, () => 0, cost);
  for (let t = 60; t <= HOUR_S; t += 60) {
    if (t % BLOCK_EVERY_S === 0) server.mineBlocks(1, { intervalS: 1 });
    client.clearCache();
    await Promise.all(Object.values(GLANCE_PATHS).map((p) => client.getText(p)));
  }
  await client.close();
  await server.close();
  return cost;
}

/**
 * Push: each block arrives over the websocket; what it changes is refetched (the reward sums and the
 * current hash-rate estimate, so every status-bar figure is current as of the tip); a safety poll every 30 min.
 */
async function oursPush(): Promise<
  Cost & { blockLatencyMs: number[]; estimateLatencyMs: number[]; blockRequests: number }
> {
  const server = await startReplayServer({ conversionsIntervalMs: 0 } as never);
  const cost: Cost = { requests: 0, bytes: 0 };
  let simS = server.nowS();
  const client = meteredClient(server, () => simS * 1000, cost);
  let snapshot: NetworkSnapshot = (await fetchSnapshot(client, 'bench', () => simS * 1000)).snapshot;
  let onBlock: ((m: PushMessage) => void) | null = null;
  const push = new PushClient({
    baseUrl: server.url,
    userAgent: 'bench',
    onMessage: (m) => onBlock?.(m),
  });
  push.start();
  await new Promise<void>((resolve) => (onBlock = () => resolve()));
  Object.assign(cost, { requests: 0, bytes: 0 });
  const wsStart = server.webSocketBytes;
  const latencies: number[] = [];
  // Mined → the refetched 1008-block estimate merged: when every status-bar figure is current.
  const estimateLatencies: number[] = [];
  let blockRequests = 0;
  const start = simS;
  for (let t = 300; t <= HOUR_S; t += 300) {
    simS = start + t;
    if (t % BLOCK_EVERY_S === 0) {
      const tip = snapshot.tipHeight + 1;
      const arrived = new Promise<PushMessage>((resolve) => {
        onBlock = (m) => {
          if (m.blocks.some((b) => b.height === tip)) resolve(m);
        };
      });
      const mined = performance.now();
      server.mineBlocks(1, { intervalS: 1 });
      const message = await arrived;
      const plan = planPush(snapshot, message, simS * 1000);
      if (plan.snapshot) snapshot = plan.snapshot;
      latencies.push(performance.now() - mined);
      const before = cost.requests;
      const { parts } = await fetchParts(client, plan.refetch);
      blockRequests += cost.requests - before;
      snapshot = mergeParts(snapshot, parts, simS * 1000).snapshot;
      if (parts.hashrateNow ?? parts.hashrate) estimateLatencies.push(performance.now() - mined);
    }
    if (t % 1800 === 0) snapshot = (await fetchSnapshot(client, 'bench', () => simS * 1000, snapshot)).snapshot;
  }
  push.stop();
  cost.wsBytes = server.webSocketBytes - wsStart;
  await client.close();
  await server.close();
  return { ...cost, blockLatencyMs: latencies, estimateLatencyMs: estimateLatencies, blockRequests };
}

/** Five windows of one profile, running the built extension: how many fetch, and how fast a block shows. */
async function fiveWindows(): Promise<{ fetchingWindows: number; blockToAllStatusBarsMs: number }> {
  const server = await startReplayServer();
  const { vscode, record } = createVscodeStub({ 'miningEconomics.mempoolUrl': server.url });
  installVscodeStub(vscode);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.resolve(__dirname, '../../dist/extension.js')) as { activate(c: unknown): void };
  const storage = mkdtempSync(path.join(tmpdir(), 'bench-windows-'));
  const contexts = Array.from({ length: 5 }, () => createContext(path.resolve(__dirname, '../..'), storage));
  for (const c of contexts) extension.activate(c);
  // Each window makes its status item on the turn after activate().
  await waitFor(() => record.statusItems.length === 5, 30_000);
  const items = record.statusItems.slice(-5);
  const hover = (i: (typeof items)[number]) => (i.tooltip as { value?: string } | undefined)?.value ?? '';
  await waitFor(() => items.every((i) => i.text.includes('EH/s')) && server.webSockets.length > 0, 30_000);
  const fullFetches = server.requests.filter((r) => r.path === GLANCE_PATHS.rewardStats).length;
  const tip = server.chain.tipHeight + 1;
  const t0 = performance.now();
  server.mineBlocks(1, { intervalS: 1 });
  await waitFor(() => items.every((i) => hover(i).includes(`Last block ${tip.toLocaleString('en-US')}`)), 30_000);
  const blockToAllStatusBarsMs = performance.now() - t0;
  for (const c of contexts) for (const d of c.subscriptions) d.dispose();
  await server.close();
  return { fetchingWindows: fullFetches, blockToAllStatusBarsMs };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main(): Promise<void> {
  const polling = await oursPolling();
  const push = await oursPush();
  const naive = await naivePolling();
  const windows = await fiveWindows();
  const kb = (b: number) => +(b / 1024).toFixed(1);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const result = {
    bench: 'network',
    perHourOneWindow: {
      naive: { requests: naive.requests, kb: kb(naive.bytes) },
      oursPolling: { requests: polling.requests, kb: kb(polling.bytes) },
      oursPush: { requests: push.requests, kb: kb(push.bytes), websocketKb: kb(push.wsBytes ?? 0) },
    },
    // Requests a block itself causes in push mode; the rest of push.requests are the two safety polls.
    requestsPerBlockPush: +(push.blockRequests / 6).toFixed(2),
    fiveWindows: {
      fetchingWindows: windows.fetchingWindows,
      oursPushRequestsPerHour: push.requests * windows.fetchingWindows,
      naiveRequestsPerHour: naive.requests * 5,
    },
    ratios: {
      naiveVsPollingRequests: +(naive.requests / polling.requests).toFixed(1),
      naiveVsPushRequests: +(naive.requests / Math.max(1, push.requests)).toFixed(1),
      naiveVsPushBytes: +(naive.bytes / Math.max(1, push.bytes + (push.wsBytes ?? 0))).toFixed(1),
      fiveWindowsNaiveVsOurs: +((naive.requests * 5) / Math.max(1, push.requests * windows.fetchingWindows)).toFixed(1),
    },
    blockLatencyMs: {
      pushMedian: +median(push.blockLatencyMs).toFixed(1),
      estimateMax: +Math.max(0, ...push.estimateLatencyMs).toFixed(1),
      toAllFiveStatusBars: +windows.blockToAllStatusBarsMs.toFixed(0),
    },
  };
  console.log(
    `network per hour, one window: naive ${naive.requests} requests / ${kb(naive.bytes)} KB; polling ${polling.requests} / ${kb(polling.bytes)} KB; push ${push.requests} requests / ${kb(push.bytes)} KB + ${kb(push.wsBytes ?? 0)} KB websocket`,
  );
  console.log(
    `five windows: ${windows.fetchingWindows} fetches at start (naive: 5); a pushed block reached all five status bars in ${result.blockLatencyMs.toAllFiveStatusBars} ms (target < 2000 ms)`,
  );
  console.log(JSON.stringify(result));
  console.log(
    `push: ${result.requestsPerBlockPush} HTTP requests per block (target ≤ 2: reward sums + the current hash-rate estimate) plus ${push.requests - push.blockRequests} for the two half-hourly safety polls`,
  );
  const estimatesCurrent = push.estimateLatencyMs.length === 6 && result.blockLatencyMs.estimateMax < 2000;
  const ok =
    windows.fetchingWindows === 1 &&
    windows.blockToAllStatusBarsMs < 2000 &&
    result.requestsPerBlockPush <= 2 &&
    estimatesCurrent;
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
