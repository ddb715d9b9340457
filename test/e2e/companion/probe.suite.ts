/**
 * Companion suite for the throwaway probe extension (test/e2e/probe.e2e.ts):
 * runs inside the real extension host of code-server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describe, it, waitFor } from './runner';

describe('probe extension (in the extension host)', () => {
  it('is installed and active', async () => {
    const ext = vscode.extensions.getExtension('probe.probe');
    assert.ok(ext, 'probe.probe is installed');
    await waitFor(() => ext.isActive, { what: 'probe.probe active', timeoutMs: 15_000 });
  });

  it('registers the probe.hello command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('probe.hello'), 'probe.hello is registered');
  });

  it('can read the workspace state the harness set up', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'one workspace folder is open');
  });
});
