// The composition root, run against the vscode stand-in and a real replay server: activation registers
// what package.json promises, the status bar shows the served numbers, failures keep them and say why.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplayServer, type ReplayServer } from '../server/replayServer';
import { createContext } from '../support/vscodeStub';
import { stub } from '../support/vscodeModule';

// The lazy bundles are separate files in production; in tests the sources stand in for them.
vi.mock('../../src/vscode/lazyModules', async () => {
  const net = await import('../../src/net/httpClient');
  return { loadNet: () => net, loadPanel: () => ({ showPanel: vi.fn(), revivePanel: vi.fn() }) };
});

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

async function waitFor(condition: () => boolean, what: string | (() => string), timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('activate()', () => {
  it('registers commands, the status item and the serializer, then shows live numbers', async () => {
    stub.record.config['miningEconomics.mempoolUrl'] = server.url;
    const { activate } = await import('../../src/extension');
    const context = createContext('/tmp');
    activate(context as never);
    expect([...stub.record.commands.keys()].sort()).toEqual(['miningEconomics.refresh', 'miningEconomics.show', 'miningEconomics.showLog']);
    expect(stub.record.serializers).toEqual(['miningEconomics.panel']);
    const item = stub.record.statusItems[0]!;
    expect(item).toMatchObject({ id: 'miningEconomics.status', name: 'Mining Economics', command: 'miningEconomics.show', visible: true });

    await waitFor(() => item.text.includes('EH/s'), () => `live numbers (item: ${item.text}; log: ${stub.record.logLines.join(' | ')})`);
    expect(item.text).toMatch(/^\$\(pulse\) \d{3}\.\d EH\/s [\u2007]*[↑↓→]\d+\.\d% · [\u2007]*\$\d+\.\d\d\/PH\/day$/);
    const tooltip = (item.tooltip as { value: string; isTrusted: unknown }).value;
    expect(tooltip).toContain(`Source: ${server.url.replace('http://', '').replace(/\./g, '\\.')}`);
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
    expect((item.tooltip as { value: string }).value).toMatch(/\*\*Stale\*\* — Showing the last good data from just now\. Last refresh failed: .*HTTP 500/);
    expect(stub.record.messages).toEqual([]); // no popup for network trouble
    server.clearFault();
    for (const d of context.subscriptions) d.dispose();
  });
});
