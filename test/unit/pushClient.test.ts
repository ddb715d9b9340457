// PushClient against the replay server's websocket (undici's real WebSocket over 127.0.0.1): subscribe,
// initial data, a mined block pushed through to the snapshot, refused upgrades, drops, silence, a proxy.
// Every wait is on a condition with a generous timeout; reconnect delays are made small through the policy.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchSnapshot } from '../../src/core/fetchSnapshot';
import type { NetworkSnapshot } from '../../src/core/model';
import { fetchParts, mergeParts, planPush, refetchPaths, type PushMessage } from '../../src/core/push';
import { createDispatcher, HttpClient } from '../../src/net/httpClient';
import { PushClient, pushUrlFor, type PushClientOptions, type PushStatus } from '../../src/net/pushClient';
import { startReplayServer, type ReplayServer } from '../server/replayServer';

const NO_PROXY = { proxyUrl: '', strictSsl: true, noProxy: [] };
const WAIT = { timeout: 20_000, interval: 20 };
const FAST = { initialDelayMs: 20, maxDelayMs: 200, unavailableAfterFailures: 3, stableAfterMs: 60_000 };

let server: ReplayServer;
const clients: PushClient[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startReplayServer({ conversionsIntervalMs: 0 });
});
afterAll(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  server.clearFault();
  await vi.waitFor(() => expect(server.webSockets).toHaveLength(0), WAIT);
});

function client(overrides: Partial<PushClientOptions> = {}) {
  const messages: PushMessage[] = [];
  const statuses: { status: PushStatus; detail: string }[] = [];
  const c = new PushClient({
    baseUrl: server.url,
    userAgent: 'mining-economics-test/1.0',
    policy: FAST,
    random: () => 0.5,
    onMessage: (m) => messages.push(m),
    onStatus: (status, detail) => statuses.push({ status, detail }),
    ...overrides,
  });
  clients.push(c);
  return { c, messages, statuses, seen: (s: PushStatus) => statuses.filter((x) => x.status === s).length };
}

const upgrades = (): number => server.requests.filter((r) => r.path === '/api/v1/ws').length;

describe('pushUrlFor', () => {
  it('maps http(s) to ws(s) and keeps a path prefix', () => {
    expect(pushUrlFor('https://mempool.space')).toBe('wss://mempool.space/api/v1/ws');
    expect(pushUrlFor('http://umbrel.local:3006/')).toBe('ws://umbrel.local:3006/api/v1/ws');
    expect(pushUrlFor('https://example.org/mempool')).toBe('wss://example.org/mempool/api/v1/ws');
    expect(() => pushUrlFor('ftp://example.org')).toThrow(/not an http\(s\) URL/);
  });

  it('reports an unusable URL as unavailable instead of throwing', () => {
    const { c, statuses } = client({ baseUrl: 'not a url' });
    c.start();
    expect(statuses).toEqual([{ status: 'unavailable', detail: expect.stringMatching(/^websocket URL: /) }]);
  });
});

describe('PushClient', () => {
  it('subscribes with our User-Agent and receives blocks, da and conversions', async () => {
    const { c, messages, statuses } = client();
    c.start();
    await vi.waitFor(() => expect(messages.some((m) => m.prices !== null)).toBe(true), WAIT);
    await vi.waitFor(
      () => expect(messages.some((m) => m.blocks.length === 8 && m.adjustment !== null)).toBe(true),
      WAIT,
    );
    expect(statuses.map((s) => s.status)).toEqual(['connecting', 'open']);
    expect(c.status).toBe('open');
    const [info] = server.webSockets;
    expect(info).toMatchObject({ userAgent: 'mining-economics-test/1.0', wants: ['blocks', 'stats'] });
    const first = messages.find((m) => m.blocks.length > 0)!;
    expect(first.blocks[0]!.height).toBe(server.chain.tipHeight);
    expect(first.rejected).toEqual([]);
  });

  it('brings a mined block to the snapshot, then refetches only what the block changed', async () => {
    const http = new HttpClient({ baseUrl: server.url, userAgent: 'mining-economics-test/1.0', proxy: NO_PROXY });
    // The HTTP cache would answer reward-stats (2 min) and the hash rate (5 min) from before the block.
    const revalidating = { getText: (path: string) => http.getText(path), markStale: () => http.clearCache() };
    try {
      let snapshot: NetworkSnapshot = (await fetchSnapshot(http, '127.0.0.1', () => Date.now())).snapshot;
      const planned: string[][] = [];
      let shownAtMs = 0;
      const { c, messages } = client({
        onMessage: (m) => {
          messages.push(m);
          const plan = planPush(snapshot, m, Date.now());
          if (!plan.snapshot) return;
          snapshot = plan.snapshot;
          if (snapshot.tipHeight === server.chain.tipHeight && shownAtMs === 0) shownAtMs = Date.now();
          planned.push(refetchPaths(plan.refetch));
          void fetchParts(revalidating, plan.refetch).then(({ parts }) => {
            snapshot = mergeParts(snapshot, parts, Date.now()).snapshot;
          });
        },
      });
      c.start();
      await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
      const since = server.requests.length;
      const minedAtMs = Date.now();
      const { tipHeight } = server.mineBlocks(1);
      await vi.waitFor(() => expect(snapshot.tipHeight).toBe(tipHeight), WAIT);
      // How fast is the network benchmark's business (target < 2 s); here: it arrived by push, before any poll.
      expect(shownAtMs).toBeGreaterThanOrEqual(minedAtMs);
      expect(snapshot.latestBlocks[0]!.height).toBe(tipHeight);
      expect(snapshot.adjustment.nextRetargetHeight - snapshot.adjustment.remainingBlocks).toBe(tipHeight);
      expect(planned.at(-1)).toEqual(['/api/v1/mining/reward-stats/144', '/api/v1/mining/hashrate/3d']);
      await vi.waitFor(() => expect(snapshot.rewardStats.endBlock).toBe(tipHeight), WAIT);
      // Only the reward sums and the current estimate (the small 3-day route) went over HTTP — no tip,
      // blocks, prices, adjustment or month-long hash-rate series.
      expect(
        server.requests
          .slice(since)
          .map((r) => r.path)
          .sort(),
      ).toEqual(['/api/v1/mining/hashrate/3d', '/api/v1/mining/reward-stats/144']);
    } finally {
      await http.close();
    }
  });

  it('pushes one message per block for a burst, and prices when they change', async () => {
    const { c, messages } = client();
    c.start();
    await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
    const before = server.chain.tipHeight;
    const { tipHeight } = server.mineBlocks(3);
    await vi.waitFor(
      () =>
        expect(messages.flatMap((m) => (m.blocks.length === 1 ? [m.blocks[0]!.height] : []))).toEqual([
          before + 1,
          before + 2,
          tipHeight,
        ]),
      WAIT,
    );
    const count = messages.filter((m) => m.prices).length;
    server.pushConversions();
    await vi.waitFor(() => expect(messages.filter((m) => m.prices).length).toBe(count + 1), WAIT);
  });

  it('reports unavailable after repeated refused upgrades, and recovers when the server accepts again', async () => {
    server.setFault('http500', { paths: '/api/v1/ws' });
    const { c, statuses, seen } = client();
    c.start();
    await vi.waitFor(() => expect(seen('unavailable')).toBeGreaterThanOrEqual(1), WAIT);
    expect(upgrades()).toBeGreaterThanOrEqual(3);
    expect(statuses.slice(0, 4).map((s) => s.status)).toEqual(['connecting', 'closed', 'connecting', 'closed']);
    expect(statuses.find((s) => s.status === 'unavailable')!.detail).toMatch(
      /^3 failed attempts: could not connect: closed \(code 1006\); retrying in \d+ s$/,
    );
    expect(c.failureCount).toBeGreaterThanOrEqual(3);
    server.clearFault();
    await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
  });

  it('reconnects after the connection drops, and subscribes again', async () => {
    const { c, messages, seen } = client();
    c.start();
    await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
    const before = upgrades();
    const initial = messages.length;
    expect(server.dropWebSockets()).toBe(1);
    await vi.waitFor(() => expect(seen('closed')).toBe(1), WAIT);
    await vi.waitFor(() => expect(seen('open')).toBe(2), WAIT);
    expect(upgrades()).toBe(before + 1);
    expect(server.webSockets[0]!.wants).toEqual(['blocks', 'stats']);
    expect(messages.length).toBeGreaterThan(initial);
  });

  it('counts an upgrade that never completes as a failure', async () => {
    server.setFault('timeout', { paths: '/api/v1/ws', count: 1 });
    const { c, statuses } = client({ connectTimeoutMs: 300 });
    c.start();
    await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
    expect(statuses.map((s) => s.status)).toEqual(['connecting', 'closed', 'connecting', 'open']);
    expect(statuses[1]!.detail).toMatch(
      /^could not connect: the websocket upgrade did not complete in time; retrying in/,
    );
  });

  it('reconnects when nothing arrives for the idle timeout, and pings keep a quiet connection alive', async () => {
    const quiet = client({ idleTimeoutMs: 400, pingIntervalMs: 3_600_000 });
    quiet.c.start();
    await vi.waitFor(() => expect(quiet.seen('open')).toBe(2), WAIT);
    expect(quiet.statuses.find((s) => s.status === 'closed')!.detail).toMatch(/^no data for 0 s; retrying in/);
    quiet.c.stop();
    await vi.waitFor(() => expect(server.webSockets).toHaveLength(0), WAIT);

    const before = upgrades();
    const pinging = client({ idleTimeoutMs: 10_000, pingIntervalMs: 30 });
    pinging.c.start();
    await vi.waitFor(() => expect(server.webSockets[0]?.received ?? 0).toBeGreaterThanOrEqual(2 + 5), WAIT);
    expect(upgrades()).toBe(before + 1);
    expect(pinging.c.status).toBe('open');
  });

  it('passes rejected messages on with their reason and stays connected', async () => {
    server.setFault('malformed', { paths: '/api/v1/ws', count: 1 });
    const { c, messages } = client();
    c.start();
    await vi.waitFor(() => expect(messages.some((m) => m.rejected.length > 0)).toBe(true), WAIT);
    expect(messages.find((m) => m.rejected.length > 0)!.rejected).toEqual([
      'message is not JSON (starts with "<html><body>502 Bad Gateway</body></html")',
    ]);
    await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
  });

  it('stop() closes the socket and reports closed; a throwing host handler does not break anything', async () => {
    const { c, statuses } = client({
      onMessage: () => {
        throw new Error('host bug');
      },
    });
    c.start();
    await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
    c.stop();
    expect(statuses.at(-1)).toEqual({ status: 'closed', detail: 'stopped' });
    await vi.waitFor(() => expect(server.webSockets).toHaveLength(0), WAIT);
    c.start();
    expect(c.status).toBe('closed');
  });

  it('goes through the HTTP client dispatcher, so a configured proxy carries the upgrade', async () => {
    const proxy = await startConnectProxy();
    const dispatcher = createDispatcher({ proxy: { proxyUrl: proxy.url, strictSsl: true, noProxy: [] } });
    try {
      const { c } = client({ dispatcher });
      c.start();
      await vi.waitFor(() => expect(c.status).toBe('open'), WAIT);
      expect(proxy.targets).toContain(`127.0.0.1:${server.port}`);
    } finally {
      for (const x of clients.splice(0)) x.stop();
      await dispatcher.destroy().catch(() => undefined);
      await proxy.close();
    }
  });
});

/** A minimal HTTP CONNECT proxy that records the targets it tunnels to. */
async function startConnectProxy(): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  proxy.on('connect', (req, clientSocket: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    for (const s of [clientSocket, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}
