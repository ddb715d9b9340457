/**
 * Generates the throwaway probe extension used to prove the e2e harness
 * (.cache/e2e/probe-ext, git-ignored) and packages it into a .vsix.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2ePaths, packageVsix } from './harness';

export const PROBE_EXTENSION_ID = 'probe.probe';
export const PROBE_ITEM_DOM_ID = 'probe.probe.probe.status';

const PACKAGE_JSON = {
  name: 'probe',
  displayName: 'Probe',
  description: 'Throwaway extension that proves the e2e harness.',
  publisher: 'probe',
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onStartupFinished'],
  contributes: {
    commands: [
      { command: 'probe.hello', title: 'Hello', category: 'Probe' },
      { command: 'probe.webview', title: 'Open Webview', category: 'Probe' },
    ],
  },
};

const EXTENSION_JS = `
const vscode = require('vscode');
exports.activate = function activate(context) {
  const item = vscode.window.createStatusBarItem('probe.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Probe';
  item.text = 'PROBE 42';
  item.tooltip = 'probe tooltip';
  item.show();
  context.subscriptions.push(
    item,
    vscode.commands.registerCommand('probe.hello', () => {
      item.text = 'PROBE hello';
      item.tooltip = 'probe tooltip after hello';
    }),
    vscode.commands.registerCommand('probe.webview', () => {
      const panel = vscode.window.createWebviewPanel('probe.webview', 'Probe Webview', vscode.ViewColumn.One, { enableScripts: true });
      panel.webview.html = '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'; script-src ' + panel.webview.cspSource + ' \\'unsafe-inline\\'; style-src \\'unsafe-inline\\';"></head>'
        + '<body><h1 id="probe-webview" style="color: var(--vscode-foreground)">PROBE WEBVIEW</h1><p id="probe-js">no js</p>'
        + '<script>document.getElementById("probe-js").textContent = "js ran";</script></body></html>';
    }),
  );
};
exports.deactivate = function deactivate() {};
`;

/** Writes the probe extension sources into `dir` (default .cache/e2e/probe-ext) and returns the packaged .vsix path. */
export function buildProbeVsix(dir = path.join(e2ePaths().cacheDir, 'probe-ext')): { dir: string; vsix: string } {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(PACKAGE_JSON, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), EXTENSION_JS);
  fs.writeFileSync(path.join(dir, 'README.md'), '# probe\n\nThrowaway extension for the e2e harness.\n');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  const vsix = packageVsix(dir, path.join(dir, '..', 'probe-0.0.1.vsix'));
  return { dir, vsix };
}
