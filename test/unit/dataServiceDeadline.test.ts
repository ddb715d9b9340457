// A refresh the scheduler abandons at its deadline (a server that never answers) must end as a failure
// people can see — the reason in the state, an error in the log — not as a spinner that never stops.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DataService } from '../../src/vscode/dataService';
import { startReplayServer } from '../server/replayServer';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('DataService run deadline', () => {
  it('reports an abandoned refresh as a failure in the state and the log', async () => {
    const server = await startReplayServer({ conversionsIntervalMs: 0 });
    closers.push(() => server.close());
    // The tip height never answers: the first refresh hangs until the scheduler gives up on it.
    server.setFault('timeout', { paths: '/api/blocks/tip/height' });
    const settings = { ...DEFAULT_SETTINGS, mempoolUrl: server.url, livePush: false };
    const config = { settings, proxy: () => ({ proxyUrl: '', strictSsl: true, noProxy: [] }) };
    const errors: string[] = [];
    const log = { info() {}, warn() {}, error: (m: string) => errors.push(m), debug() {}, trace() {} };
    const store = { load: () => null, save: async () => undefined };
    const data = new DataService({
      config: config as never,
      store: store as never,
      log: log as never,
      userAgent: 'test',
      sharedDir: null,
      ownerId: 'a',
      runTimeoutMs: 1_000,
    });
    closers.push(() => data.dispose());
    data.start();
    await waitFor(() => data.state.current.error !== null);
    expect(data.state.current.error?.message).toBe('the refresh did not finish within 1 s');
    expect(data.state.current.refreshing).toBe(false);
    expect(errors).toEqual([
      `Refresh from ${server.host}:${server.port} abandoned: the refresh did not finish within 1 s`,
    ]);
  });
});
