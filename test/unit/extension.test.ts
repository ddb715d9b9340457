// The composition root, run against the vscode stand-in and a real replay server: activation registers
// what package.json promises, the status bar shows the served numbers, failures keep them and say why.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplayServer, type ReplayServer } from '../server/replayServer';
import * as fs from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchSnapshot } from '../../src/core/fetchSnapshot';
import { encodeSharedGlance } from '../../src/core/lease';
import type { NetworkSnapshot } from '../../src/core/model';
import { createContext } from '../support/vscodeStub';
import { stub } from '../support/vscodeModule';

// The lazy network bundle is a separate file in production; in tests the sources stand in for it.
let server: ReplayServer;
beforeAll(async () => {
  // A chain whose tip is now: a source whose tip is days old is (rightly) shown as stale.
  server = await startReplayServer({ endTimeS: Math.floor(Date.now() / 1000) });
  const net = await import('../../src/net/index');
  const client = new net.HttpClient({
    baseUrl: server.url,
    userAgent: 't',
    proxy: { proxyUrl: '', strictSsl: true, noProxy: [] },
  });
  oldSnapshot = (await fetchSnapshot(client, 'x', () => Date.now())).snapshot;
  await client.close();
});
afterAll(async () => {
  await server.close();
});

let oldSnapshot: NetworkSnapshot;
/** A complete snapshot of the served chain, stamped as fetched at `fetchedAtMs`. */
function makeSnapshotFrom(_server: ReplayServer, fetchedAtMs: number): NetworkSnapshot {
  return { ...oldSnapshot, fetchedAtMs, chainDataAtMs: fetchedAtMs, sourceHost: _server.url.replace('http://', '') };
}

async function waitFor(condition: () => boolean, what: string | (() => string), timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('activate()', () => {
  it('registers commands, the status item and the serializer, then shows live numbers', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate, whenStarted } = await import('../../src/extension');
    const context = createContext('/tmp');
    activate(context as never);
    expect([...stub.record.commands.keys()].sort()).toEqual([
      'miningEconomics.copySnapshot',
      'miningEconomics.insertSnapshot',
      'miningEconomics.refresh',
      'miningEconomics.setNodePassword',
      'miningEconomics.show',
      'miningEconomics.showLog',
    ]);
    expect(stub.record.serializers).toEqual(['miningEconomics.panel']);
    // activate() reads no settings: the item they place is made on the next turn (the first paint).
    expect(stub.record.statusItems).toEqual([]);
    await whenStarted();
    const item = stub.record.statusItems[0]!;
    expect(item).toMatchObject({
      id: 'miningEconomics.status',
      name: 'Mining Economics',
      command: 'miningEconomics.show',
      visible: true,
    });

    await waitFor(
      () => item.text.includes('EH/s'),
      () => `live numbers (item: ${item.text}; log: ${stub.record.logLines.join(' | ')})`,
    );
    expect(item.text).toMatch(/^\$\(pulse\) \d{3}\.\d EH\/s [\u2007]*[↑↓→]\d+\.\d% · [\u2007]*\$\d+\.\d\d\/PH\/day$/);
    // The hover is built on the turn after the text (its dates must not delay the first paint).
    await waitFor(
      () => (item.tooltip as { value?: string } | undefined)?.value?.includes('Source:') === true,
      'the hover',
    );
    const tooltip = (item.tooltip as { value: string; isTrusted: unknown }).value;
    expect(tooltip).toContain(`Source: ${server.url.replace('http://', '').replace(/[.:]/g, '\\$&')}`);
    expect((item.tooltip as { isTrusted: unknown }).isTrusted).toEqual({
      enabledCommands: ['miningEconomics.show', 'miningEconomics.refresh', 'miningEconomics.showLog'],
    });
    expect(context.globalState.keys()).toContain('miningEconomics.lastSnapshot');

    // The server fails: the numbers stay, the item turns stale and the hover says why.
    const before = item.text;
    server.setFault('http500');
    await stub.record.commands.get('miningEconomics.refresh')!();
    await waitFor(() => item.text.endsWith('$(warning)'), 'the stale marker');
    expect(item.text.replace(' $(warning)', '')).toBe(before);
    expect((item.backgroundColor as { id: string }).id).toBe('statusBarItem.warningBackground');
    await waitFor(() => /\*\*Stale\*\*/.test((item.tooltip as { value: string }).value), 'the stale hover');
    expect((item.tooltip as { value: string }).value).toMatch(
      /\*\*Stale\*\* — Showing the last good data from just now\. Last refresh failed: .*HTTP 500/,
    );
    expect(stub.record.messages).toEqual([]); // no popup for network trouble
    server.clearFault();
    for (const d of context.subscriptions) d.dispose();
  });

  it('does no I/O in activate(): the shared folder and the network start on the next turn, which tests can await', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate, whenStarted } = await import('../../src/extension');
    const context = createContext('/tmp');
    const calls: string[] = [];
    const spies = (['mkdir', 'readFile', 'stat', 'readdir', 'writeFile'] as const).map((name) => {
      const original = fs.promises[name] as (...args: unknown[]) => unknown;
      return vi.spyOn(fs.promises, name).mockImplementation(((...args: unknown[]) => {
        calls.push(`${name} ${String(args[0])}`);
        return original.apply(fs.promises, args);
      }) as never);
    });
    const requestsBefore = server.requests.length;
    try {
      activate(context as never);
      expect(calls).toEqual([]);
      expect(stub.record.commands.size).toBe(6); // …but the commands are there at once
      await whenStarted();
      expect(calls).toContain(`mkdir ${join(context.globalStorageUri.fsPath, 'shared')}`);
      // The whole first fetch, so none of its requests arrives during the next test.
      const item = stub.record.statusItems.at(-1)!;
      await waitFor(() => server.requests.length > requestsBefore && item.text.includes('EH/s'), 'the first fetch');
    } finally {
      for (const spy of spies) spy.mockRestore();
      for (const d of context.subscriptions) d.dispose();
    }
  });

  it('paints the snapshot an earlier session cached, marked as cached, before this session does any I/O or timer', async () => {
    // An unreachable source: whatever the item shows can only come from the cache.
    stub.record.config['miningEconomics.mempoolUrl'] = 'http://127.0.0.1:9';
    const { activate, whenStarted } = await import('../../src/extension');
    const context = createContext('/tmp');
    const cached = { ...makeSnapshotFrom(server, Date.now() - 2 * 3600_000), sourceHost: '127.0.0.1:9' };
    await context.globalState.update('miningEconomics.lastSnapshot', cached);
    try {
      activate(context as never);
      await whenStarted();
      const item = stub.record.statusItems.at(-1)!;
      // The deferred work has run, and nothing else: VS Code's status item timer, which sends the item to the
      // window, has not fired yet, so this is the window's first frame.
      await whenStarted();
      expect(item.text).toMatch(
        /^\$\(pulse\) \d{3}\.\d EH\/s [\u2007]*[↑↓→]\d+\.\d% · [\u2007]*\$\d+\.\d\d\/PH\/day \$\(history\)$/,
      );
      const hover = () => (item.tooltip as { value?: string } | undefined)?.value ?? '';
      await waitFor(
        () => hover().includes('Cached from an earlier session (2 h ago)'),
        () => `the age (${hover()})`,
      );
    } finally {
      for (const d of context.subscriptions) d.dispose();
    }
  });

  it('a new block pushed over the websocket reaches the status bar without a poll', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate, whenStarted } = await import('../../src/extension');
    const context = createContext('/tmp');
    activate(context as never);
    await whenStarted();
    const item = stub.record.statusItems.at(-1)!;
    const hover = () => (item.tooltip as { value?: string } | undefined)?.value ?? '';
    await waitFor(
      () => /Last block [\d,]+/.test(hover()) && server.webSockets.length > 0,
      'live numbers and an open websocket',
    );
    const tip = server.chain.tipHeight;
    expect(hover()).toContain(`Last block ${tip.toLocaleString('en-US')}`);
    const mark = server.requests.length;
    const since = (path: string) => server.requests.slice(mark).filter((r) => r.path === path).length;
    server.mineBlocks(1);
    await waitFor(
      () => hover().includes(`Last block ${(tip + 1).toLocaleString('en-US')}`),
      () => `the pushed block (hover: ${hover().slice(-300)})`,
    );
    // Only what a block changes is refetched: reward stats and the current estimate once. No full poll: a
    // poll always asks for the tip height and the prices first, a block never does.
    await waitFor(
      () => since('/api/v1/mining/reward-stats/144') === 1 && since('/api/v1/mining/hashrate/3d') === 1,
      'the reward-stats and hash-rate refetch',
    );
    expect(since('/api/blocks/tip/height')).toBe(0);
    expect(since('/api/v1/prices')).toBe(0);
    expect(since('/api/v1/mining/hashrate/1m')).toBe(0);
    for (const d of context.subscriptions) d.dispose();
  });

  it.each([
    ['3 h', 3 * 3600_000],
    // A window reload: the previous session's window wrote it moments ago, then closed.
    ['just now', 3_000],
  ])(
    'a snapshot another session left in shared storage (%s) shows as cached, not live, and does not delay the fetch',
    async (age, ageMs) => {
      stub.record.config['miningEconomics.mempoolUrl'] = server.url;
      const { activate, whenStarted } = await import('../../src/extension');
      const context = createContext('/tmp');
      const old = makeSnapshotFrom(server, Date.now() - ageMs);
      mkdirSync(join(context.globalStorageUri.fsPath, 'shared'), { recursive: true });
      writeFileSync(
        join(context.globalStorageUri.fsPath, 'shared', 'snapshot.json'),
        encodeSharedGlance({
          writerId: 'an-earlier-session',
          epoch: 7,
          writtenAtMs: old.fetchedAtMs,
          snapshot: old,
          error: null,
        }),
      );
      server.setFault('timeout', { paths: '/api/v1/mining/hashrate/1m' });
      const before = server.requests.length;
      try {
        activate(context as never);
        await whenStarted();
        const item = stub.record.statusItems.at(-1)!;
        const hover = () => (item.tooltip as { value?: string } | undefined)?.value ?? '';
        const ageText = age === 'just now' ? 'just now' : `${age} ago`;
        await waitFor(
          () => hover().includes(`Cached from an earlier session (${ageText})`),
          () => `the cached marker (item: ${item.text})`,
        );
        expect(item.text).toMatch(/\$\(history\)$/);
        // The fetch starts right away instead of waiting out an interval after the old snapshot.
        await waitFor(
          () => server.requests.slice(before).some((r) => r.path === '/api/v1/mining/hashrate/1m'),
          'the first fetch',
        );
        // Its other requests went out in parallel with the stalled one: let them all arrive before the window
        // closes, or a busy machine delivers them during the next test, which counts full fetches.
        const rest = [
          '/api/blocks/tip/height',
          '/api/v1/difficulty-adjustment',
          '/api/v1/mining/reward-stats/144',
          '/api/v1/prices',
          '/api/v1/blocks',
        ];
        await waitFor(
          () => rest.every((path) => server.requests.slice(before).some((r) => r.path === path)),
          'the rest of the first fetch',
        );
      } finally {
        server.clearFault();
        for (const d of context.subscriptions) d.dispose();
      }
    },
  );

  it('a lease left with an expiry far in the future (clock corrected backwards, damaged file) does not stop this window fetching', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate, whenStarted } = await import('../../src/extension');
    const context = createContext('/tmp');
    const shared = join(context.globalStorageUri.fsPath, 'shared');
    mkdirSync(shared, { recursive: true });
    writeFileSync(
      join(shared, 'lease.json'),
      JSON.stringify({ ownerId: 'a-window-a-day-ahead', epoch: 3, expiresAtMs: Date.now() + 86_400_000 }),
    );
    try {
      activate(context as never);
      await whenStarted();
      const item = stub.record.statusItems.at(-1)!;
      await waitFor(
        () => item.text.includes('EH/s'),
        () => `live numbers (log: ${stub.record.logLines.slice(-5).join(' | ')})`,
      );
      expect(stub.record.logLines).toContain('info This window now fetches for all windows (lease epoch 4).');
    } finally {
      for (const d of context.subscriptions) d.dispose();
    }
  });

  it('an unusable shared folder (a file in its place) does not hold back the first fetch (issue 11 #11)', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate, whenStarted } = await import('../../src/extension');
    const context = createContext('/tmp');
    writeFileSync(join(context.globalStorageUri.fsPath, 'shared'), 'a file where the folder goes');
    const firstLine = stub.record.logLines.length;
    try {
      activate(context as never);
      await whenStarted();
      const item = stub.record.statusItems.at(-1)!;
      const lines = () => stub.record.logLines.slice(firstLine);
      // The lease gives up after two failed rounds a third of its TTL apart (40 s): the fetch must not wait for that.
      await waitFor(
        () => lines().some((l) => l.startsWith('info Refreshed from')),
        () => `the first fetch (log: ${lines().slice(-5).join(' | ')})`,
        25_000,
      );
      const refreshed = lines().findIndex((l) => l.startsWith('info Refreshed from'));
      expect(
        lines()
          .slice(0, refreshed)
          .filter((l) => l.includes('Lease round failed')),
      ).toEqual([]);
      expect(
        lines().some((l) =>
          /^warn Shared folder .* unusable \(.*(EEXIST|ENOTDIR).*\): this window fetches on its own\.$/.test(l),
        ),
      ).toBe(true);
      await waitFor(() => item.text.includes('EH/s'), 'live numbers');
    } finally {
      for (const d of context.subscriptions) d.dispose();
    }
  });

  it('two windows of one profile: one fetches, the other follows, and takes over when the first closes', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate, whenStarted } = await import('../../src/extension');
    const first = createContext('/tmp');
    const second = createContext('/tmp', first.globalStorageUri.fsPath);
    const fullFetches = () => server.requests.filter((r) => r.path === '/api/v1/mining/reward-stats/144').length;
    const before = fullFetches();
    const mark = server.requests.length;
    activate(first as never);
    await whenStarted();
    const itemA = stub.record.statusItems.at(-1)!;
    activate(second as never);
    await whenStarted();
    const itemB = stub.record.statusItems.at(-1)!;
    await waitFor(() => itemA.text.includes('EH/s') && itemB.text.includes('EH/s'), 'both windows to show numbers');
    expect(
      fullFetches(),
      `requests: ${server.requests
        .slice(mark)
        .map((r) => r.path)
        .join(', ')}`,
    ).toBe(before + 1);
    expect(itemB.text).toBe(itemA.text);

    // The fetching window closes (releasing the lease): the other one takes over and follows new blocks.
    const tip = server.chain.tipHeight;
    for (const d of first.subscriptions) d.dispose();
    const hoverB = () => (itemB.tooltip as { value?: string }).value ?? '';
    await waitFor(() => server.webSockets.length > 0, 'the new fetcher to open its websocket', 30_000);
    server.mineBlocks(1);
    await waitFor(
      () => hoverB().includes(`Last block ${(tip + 1).toLocaleString('en-US')}`),
      'the second window to show the new block',
      30_000,
    );
    for (const d of second.subscriptions) d.dispose();
  });
});
