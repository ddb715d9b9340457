/**
 * Proves the e2e harness end to end with a throwaway probe extension:
 *   - the status bar item appears with DOM id probe.probe.probe.status,
 *   - its hover tooltip is readable,
 *   - an F1 command changes it,
 *   - a screenshot is saved (artifacts/e2e/probe-*.png),
 *   - a companion test extension runs a suite inside the real extension host
 *     and reports to the harness over HTTP.
 *
 * Run (after `bash scripts/e2e/setup.sh`):
 *   npx esbuild test/e2e/probe.e2e.ts --bundle --platform=node --external:playwright-core --outfile=/tmp/probe.js && node /tmp/probe.js
 * (from the repo root, so that playwright-core resolves from node_modules:
 *  use --outfile=.cache/e2e/probe.js, or NODE_PATH=node_modules).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildCompanionVsix,
  e2ePaths,
  findWebviewFrame,
  formatReport,
  hoverStatusBarItem,
  openWorkbench,
  runCommand,
  screenshot,
  startCodeServer,
  startResultServer,
  waitForStatusBarItem,
  type CodeServerHandle,
  type ResultServer,
  type WorkbenchHandle,
} from './harness';
import { buildProbeVsix, PROBE_EXTENSION_ID, PROBE_ITEM_DOM_ID } from './probe-fixture';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function main(): Promise<number> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail = '') => {
    checks.push({ name, ok, detail });
    console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  };
  const timings: Record<string, number> = {};
  const t = Date.now();
  const paths = e2ePaths();

  const probe = buildProbeVsix();
  const companionVsix = buildCompanionVsix({
    suiteFile: path.join(paths.repoRoot, 'test', 'e2e', 'companion', 'probe.suite.ts'),
    extensionDependencies: [PROBE_EXTENSION_ID],
  });
  timings.packageMs = Date.now() - t;

  // Inside the (git-ignored) cache, so an interrupted run leaves nothing in /tmp.
  const workspaceDir = path.join(paths.cacheDir, 'probe-workspace');
  fs.rmSync(workspaceDir, { recursive: true, force: true });
  fs.mkdirSync(workspaceDir, { recursive: true });
  fs.writeFileSync(path.join(workspaceDir, 'hello.txt'), 'hello\n');

  let results: ResultServer | undefined;
  let server: CodeServerHandle | undefined;
  let wb: WorkbenchHandle | undefined;
  try {
    results = await startResultServer();
    server = await startCodeServer({
      vsixPath: probe.vsix,
      extraVsixPaths: [companionVsix],
      userSettings: { 'e2eCompanion.reportUrl': results.url },
      workspaceDir,
      theme: 'Default Dark Modern',
    });
    timings.installExtensionsMs = server.timings.installMs;
    timings.codeServerStartMs = server.timings.startMs;
    console.log(`code-server up at ${server.url} (pid ${server.pid})`);

    wb = await openWorkbench(server.url, { theme: 'dark' });
    timings.workbenchReadyMs = wb.readyMs;
    const { page } = wb;

    const t1 = Date.now();
    const item = await waitForStatusBarItem(page, PROBE_ITEM_DOM_ID, (s) => s.text === 'PROBE 42');
    timings.statusItemVisibleMs = Date.now() - t1;
    check('status bar item has DOM id probe.probe.probe.status and text "PROBE 42"', item.text === 'PROBE 42', JSON.stringify(item));

    const tip = await hoverStatusBarItem(page, PROBE_ITEM_DOM_ID);
    check('hover tooltip is readable', tip.text === 'probe tooltip', JSON.stringify(tip.text));
    console.log(`screenshot: ${await screenshot(page, 'probe-hover')}`);

    const report = await results.waitForReport(120_000);
    console.log(formatReport(report));
    check('companion suite ran in the extension host and reported over HTTP', report.failed === 0 && report.passed >= 3, `${report.passed} passed, ${report.failed} failed`);

    const t2 = Date.now();
    await runCommand(page, 'Probe: Hello');
    const after = await waitForStatusBarItem(page, PROBE_ITEM_DOM_ID, (s) => s.text === 'PROBE hello', 20_000);
    timings.commandMs = Date.now() - t2;
    check('F1 "Probe: Hello" changes the text', after.text === 'PROBE hello', JSON.stringify(after));
    const tip2 = await hoverStatusBarItem(page, PROBE_ITEM_DOM_ID);
    check('tooltip updated after the command', tip2.text === 'probe tooltip after hello', JSON.stringify(tip2.text));
    console.log(`screenshot: ${await screenshot(page, 'probe-after-command')}`);

    const t3 = Date.now();
    await runCommand(page, 'Probe: Open Webview');
    const frame = await findWebviewFrame(page, '#probe-webview');
    await frame.locator('#probe-js', { hasText: 'js ran' }).waitFor({ timeout: 20_000 });
    timings.webviewMs = Date.now() - t3;
    const heading = await frame.locator('#probe-webview').innerText();
    check('webview frame is reachable and its script ran', heading === 'PROBE WEBVIEW', JSON.stringify(heading));
    console.log(`screenshot: ${await screenshot(page, 'probe-webview')}`);
  } catch (e) {
    check('no unexpected error', false, (e as Error).stack ?? String(e));
    if (wb) await screenshot(wb.page, 'probe-failure').catch(() => undefined);
    if (server) console.error(`--- code-server output ---\n${server.logs()}\n--- vscode logs ---\n${server.vscodeLogs().slice(-20_000)}`);
    if (wb) console.error(`--- browser console ---\n${wb.consoleLogs().slice(-10_000)}`);
  } finally {
    // Keep the logs as artifacts (CI uploads artifacts/e2e).
    const logDir = path.join(paths.artifactsDir);
    fs.mkdirSync(logDir, { recursive: true });
    if (server) fs.writeFileSync(path.join(logDir, 'probe-code-server.log'), `${server.logs()}\n${server.vscodeLogs()}`);
    if (wb) fs.writeFileSync(path.join(logDir, 'probe-browser-console.log'), wb.consoleLogs());
    await wb?.close();
    await server?.stop();
    await results?.close();
    fs.rmSync(workspaceDir, { recursive: true, force: true });
  }
  if (server) check('stop() left no code-server process behind', true, 'verified by stop()');

  console.log(`timings (ms): ${JSON.stringify(timings)}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
