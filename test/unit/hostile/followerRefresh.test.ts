// Issue 11 #13: a window that follows another's lease still fetches when a person clicks Refresh — once at a
// time, and not again while the server's Retry-After runs. Real HTTP against the replay server.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigService } from '../../../src/vscode/config';
import { DataService } from '../../../src/vscode/dataService';
import { SnapshotStore } from '../../../src/vscode/store';
import { startReplayServer, type ReplayServer } from '../../server/replayServer';
import { stub } from '../../support/vscodeModule';
import { createMemento, resetRecord } from '../../support/vscodeStub';

// The lazy network bundle is a separate file in production; in tests the sources stand in for it.
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

const open: { dispose(): void }[] = [];
afterEach(() => {
  server.clearFault();
  for (const d of open.splice(0)) d.dispose();
});

/** A window that was never given the lease: no scheduler, so refreshNow() is the follower's own fetch. */
function follower(): DataService {
  resetRecord(stub.record);
  stub.record.config['miningEconomics.mempoolUrl'] = server.url;
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn(), trace: vi.fn() };
  const config = new ConfigService(log as never);
  const data = new DataService({
    config,
    store: new SnapshotStore(createMemento() as never),
    log: log as never,
    userAgent: 't',
    sharedDir: null,
    ownerId: 'f',
  });
  open.push(data, config);
  return data;
}

const tipRequests = (from: number) =>
  server.requests.slice(from).filter((r) => r.path === '/api/blocks/tip/height').length;

describe('a follower window refreshing by hand', () => {
  it('joins a refresh already running instead of starting another', async () => {
    const data = follower();
    const mark = server.requests.length;
    const first = data.refreshNow();
    const second = data.refreshNow();
    const results = await Promise.all([first, second]);
    expect(results[0]).toMatchObject({ kind: 'ran', outcome: { ok: true } });
    expect(results[1]).toBe(results[0]);
    expect(tipRequests(mark)).toBe(1);
    // Done: the next click fetches again.
    await data.refreshNow();
    expect(tipRequests(mark)).toBe(2);
  });

  it('waits out the Retry-After a server gave it', async () => {
    const data = follower();
    server.setFault('http429', { retryAfterS: 600 });
    const before = Date.now();
    const first = await data.refreshNow();
    expect(first).toMatchObject({ kind: 'ran', outcome: { ok: false, retryAfterMs: 600_000 } });
    server.clearFault();
    const mark = server.requests.length;
    const second = await data.refreshNow();
    expect(second.kind).toBe('deferred');
    const untilMs = second.kind === 'deferred' ? second.untilMs : 0;
    expect(untilMs).toBeGreaterThanOrEqual(before + 600_000);
    expect(untilMs).toBeLessThanOrEqual(Date.now() + 600_000);
    expect(server.requests.length).toBe(mark);
  });
});
