/**
 * Extension-host integration suite: API-level checks that run inside the real
 * extension host, next to the installed extension. Runs on either route of
 * test/integration/runTest.ts:
 *   - companion (code-server + Chromium, offline CI): a companion extension runs
 *     this suite and asks the harness what the status bar shows (askHarness);
 *   - @vscode/test-electron (where VS Code can be downloaded): tests that need
 *     to see the UI are reported as skipped, with the reason, never as passes.
 * Expects `miningEconomics.mempoolUrl` to point at a replay server.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import { after, askHarness, describe, it, waitFor } from '../e2e/companion/runner';

const EXT_ID = 'mining-economics.mining-economics';
const COMMANDS = [
  'miningEconomics.show',
  'miningEconomics.refresh',
  'miningEconomics.showLog',
  'miningEconomics.insertSnapshot',
  'miningEconomics.copySnapshot',
  'miningEconomics.setNodePassword',
];
const SECTION = 'miningEconomics';

interface ItemView {
  text: string;
  codicons: string[];
  side: string;
}

const config = () => vscode.workspace.getConfiguration(SECTION);
const set = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

/** The status bar item as the user sees it, once its text matches `pattern` (the harness waits). */
function itemWhen(pattern: RegExp, extra: { side?: string } = {}, timeoutMs = 60_000): Promise<ItemView> {
  return askHarness<ItemView>(
    { kind: 'waitStatusItem', pattern: pattern.source, ...extra, timeoutMs },
    timeoutMs + 10_000,
  );
}

function replayControl(action: string, body?: unknown): Promise<unknown> {
  const base = String(config().get('mempoolUrl'));
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      `${base}/__control/${action}`,
      {
        method: data ? 'POST' : 'GET',
        timeout: 10_000,
        headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
            : reject(new Error(`control ${action}: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('control request timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

const grouped = (n: number) => n.toLocaleString('en-US');

describe('Mining Economics in the extension host', () => {
  after(async () => {
    // Leave the user settings as they were.
    for (const key of ['statusBar.show', 'statusBar.template', 'statusBar.alignment']) await set(key, undefined);
  });

  it('is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('contributes its commands under the "Bitcoin" category and registers them', async () => {
    const pkg = vscode.extensions.getExtension(EXT_ID)!.packageJSON as {
      contributes: { commands: { command: string; category: string }[] };
    };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, [...COMMANDS].sort());
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'Bitcoin'));
    const registered = await vscode.commands.getCommands(true);
    for (const id of COMMANDS) assert.ok(registered.includes(id), `${id} is registered`);
  });

  it('activates on startup, so its webview serializer is registered before panels are revived', () => {
    const pkg = vscode.extensions.getExtension(EXT_ID)!.packageJSON as { activationEvents?: string[] };
    const events = pkg.activationEvents ?? [];
    assert.ok(
      events.includes('onStartupFinished') ||
        events.includes('*') ||
        events.includes('onWebviewPanel:miningEconomics.panel'),
      `activation events ${JSON.stringify(events)} would not register the serializer`,
    );
  });

  it('the status bar item shows live data from the configured server', async () => {
    const v = await itemWhen(/^\d[\d.]* [kMGTPEZ]H\/s( [↑↓→]\d+\.\d%)? · \$[\d,.]+\/PH\/day$/, {}, 90_000);
    assert.equal(v.codicons[0], 'pulse');
  });

  it('changing statusBar.show changes the item text', async () => {
    await set('statusBar.show', 'hashrate');
    await itemWhen(/^\d[\d.]* [kMGTPEZ]H\/s( [↑↓→]\d+\.\d%)?$/);
    await set('statusBar.show', 'hashpriceSats');
    await itemWhen(/^[\d,]+ sats\/PH\/day$/);
    await set('statusBar.show', undefined);
    await itemWhen(/\/PH\/day$/);
  }, 120_000);

  it('changing statusBar.alignment moves the item to the left and back', async () => {
    await set('statusBar.alignment', 'left');
    await itemWhen(/PH\/day/, { side: 'left' }, 30_000);
    await set('statusBar.alignment', undefined);
    await itemWhen(/PH\/day/, { side: 'right' }, 30_000);
  }, 90_000);

  it('the item updates when a block arrives and the refresh command runs', async () => {
    await set('statusBar.show', 'custom');
    await set('statusBar.template', '$(pulse) {height}');
    const before = (await replayControl('state')) as { tipHeight: number; requestCount: number };
    await itemWhen(new RegExp(`^${grouped(before.tipHeight)}$`));
    const mined = (await replayControl('mine', { n: 1 })) as { tipHeight: number };
    await vscode.commands.executeCommand('miningEconomics.refresh');
    await itemWhen(new RegExp(`^${grouped(mined.tipHeight)}$`));
    const afterState = (await replayControl('state')) as { requestCount: number };
    assert.ok(afterState.requestCount > before.requestCount, 'the refresh reached the configured server');
    await set('statusBar.show', undefined);
    await set('statusBar.template', undefined);
  }, 120_000);

  it('"Show Mining Economics" opens a webview tab of type miningEconomics.panel', async () => {
    await vscode.commands.executeCommand('miningEconomics.show');
    const tab = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('miningEconomics.panel')),
      { timeoutMs: 20_000, what: 'a webview tab with viewType miningEconomics.panel' },
    );
    assert.equal(tab.label, 'Mining Economics');
    await vscode.window.tabGroups.close(tab);
  }, 40_000);

  it('"Show Mining Economics Log" runs', async () => {
    await vscode.commands.executeCommand('miningEconomics.showLog');
  });
});
