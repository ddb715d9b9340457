/**
 * Investigation: VS Code's own extension-test route in code-server.
 *
 * code-server's CLI rejects --extensionDevelopmentPath/--extensionTestsPath,
 * but the browser workbench reads them from the page URL, as VS Code's web
 * integration tests do:
 *   ?folder=/abs/ws&payload=[["extensionDevelopmentPath","vscode-remote://HOST:PORT/abs/ext"],
 *                            ["extensionTestsPath","vscode-remote://HOST:PORT/abs/tests/index.js"]]
 * The tests module exports `run(): Promise<void>`; when it settles the
 * workbench calls window.codeAutomationExit(code) (exposed by openWorkbench).
 *
 * Run:
 *   node_modules/.bin/esbuild test/e2e/payload-route.e2e.ts --bundle --platform=node \
 *     --external:playwright-core --outfile=.cache/e2e/payload-route.js && node .cache/e2e/payload-route.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2ePaths, extensionTestsUrl, installedExtensionDir, openWorkbench, screenshot, startCodeServer, waitForStatusBarItem, type CodeServerHandle, type WorkbenchHandle } from './harness';
import { buildProbeVsix, PROBE_ITEM_DOM_ID } from './probe-fixture';

const TESTS_INDEX_JS = `
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
exports.run = async function run() {
  const out = path.join(__dirname, 'result.json');
  const ext = vscode.extensions.getExtension('probe.probe');
  // onStartupFinished may not have fired yet when tests start: activate explicitly.
  if (ext) await ext.activate();
  const commands = await vscode.commands.getCommands(true);
  const result = {
    hasCommand: commands.includes('probe.hello'),
    extensionPath: ext && ext.extensionPath,
    isActive: !!(ext && ext.isActive),
  };
  fs.writeFileSync(out, JSON.stringify(result));
  console.log('[payload-tests] ' + JSON.stringify(result));
  if (!result.hasCommand) throw new Error('probe.hello missing');
};
`;

async function main(): Promise<number> {
  const paths = e2ePaths();
  const probe = buildProbeVsix();
  const testsDir = path.join(paths.cacheDir, 'payload-tests');
  fs.rmSync(testsDir, { recursive: true, force: true });
  fs.mkdirSync(testsDir, { recursive: true });
  fs.writeFileSync(path.join(testsDir, 'index.js'), TESTS_INDEX_JS);
  const resultFile = path.join(testsDir, 'result.json');
  const ws = path.join(paths.cacheDir, 'payload-workspace');
  fs.rmSync(ws, { recursive: true, force: true });
  fs.mkdirSync(ws, { recursive: true });

  let server: CodeServerHandle | undefined;
  let wb: WorkbenchHandle | undefined;
  let ok = false;
  try {
    server = await startCodeServer({ vsixPath: probe.vsix, userSettings: {}, extensionTests: process.env.E2E_NO_SMOKE_DRIVER !== '1' });
    // Either the copy --install-extension unpacked from the .vsix (tests the packaged
    // artifact; default) or the source folder (E2E_DEV_PATH=source).
    const devPath = process.env.E2E_DEV_PATH === 'source' ? probe.dir : installedExtensionDir(server, 'probe.probe');
    const url = extensionTestsUrl(server, { extensionDevelopmentPath: devPath, extensionTestsPath: path.join(testsDir, 'index.js'), folder: ws });
    console.log(`opening ${url}`);
    const t0 = Date.now();
    wb = await openWorkbench(url);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      wb.automationExit,
      new Promise<string>((r) => (timer = setTimeout(() => r('no codeAutomationExit within 120 s (payload ignored?)'), 120_000))),
    ]);
    clearTimeout(timer);
    console.log(`codeAutomationExit: ${code} after ${Date.now() - t0} ms`);
    console.log(`result.json: ${fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'utf8') : '(none)'}`);
    await screenshot(wb.page, 'payload-route').catch(() => undefined);
    // After run() settles the extension host exits, so the probe's item is gone.
    const item = await waitForStatusBarItem(wb.page, PROBE_ITEM_DOM_ID, undefined, 3_000).catch((e: Error) => e.message.split(';')[0]);
    console.log(`status item afterwards: ${JSON.stringify(item)}`);
    ok = code === 0;
  } catch (e) {
    console.error((e as Error).stack);
    if (server) console.error(server.logs().slice(-5000));
    if (wb) console.error(wb.consoleLogs().slice(-5000));
  } finally {
    if (server && process.env.E2E_DUMP_LOGS === '1') console.error(server.vscodeLogs().slice(-30_000));
    await wb?.close();
    await server?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  return ok ? 0 : 1;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
