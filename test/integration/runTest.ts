/**
 * Runs test/integration/*.suite.ts inside a real extension host.
 *
 * Routes (INTEGRATION_ROUTE=auto|electron|companion, default auto):
 *   - electron: @vscode/test-electron's runTests: downloads VS Code (cached in
 *     .vscode-test) and runs the suite in its extension host against the source
 *     tree (extensionDevelopmentPath = the repo, built dist/). Needs the
 *     network and a display ($DISPLAY). UI questions are skipped there.
 *   - companion: the packaged .vsix in code-server (scripts/e2e/setup.sh), plus a
 *     companion test extension that runs the suite in the extension host and
 *     POSTs its report; Chromium shows the workbench and the harness answers
 *     the suite's questions about the status bar (askHarness).
 * auto = electron when VS Code's update server answers within 4 s and a display
 * is present, else companion (CI is offline: companion).
 *
 * Either way: a replay server on a random port is the mempool; the output ends
 * with `N passed, N failed`; skipped tests count as neither (and are listed);
 * an empty or crashed suite fails.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  buildCompanionVsix,
  e2ePaths,
  openWorkbench,
  QUIET_SETTINGS,
  startCodeServer,
  startResultServer,
  waitForStatusItem,
  type HarnessQuestion,
  type SuiteReportLike,
} from '../e2e/harness';
import { startReplay } from '../e2e/replay';

const EXT_ID = 'mining-economics.mining-economics';
const ITEM_ID = `${EXT_ID}.miningEconomics.status`;
const SUITES = ['extension.suite.ts'];

function repoRoot(): string {
  return e2ePaths().repoRoot;
}

function reachable(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) > 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function chooseRoute(): Promise<'electron' | 'companion'> {
  const wanted = process.env.INTEGRATION_ROUTE ?? 'auto';
  if (wanted === 'electron' || wanted === 'companion') return wanted;
  if (!process.env.DISPLAY) {
    console.log('integration route: companion (no $DISPLAY for a desktop VS Code)');
    return 'companion';
  }
  if (await reachable('https://update.code.visualstudio.com/api/releases/stable', 4_000)) {
    console.log('integration route: @vscode/test-electron (VS Code can be downloaded)');
    return 'electron';
  }
  console.log('integration route: companion (VS Code cannot be downloaded from here)');
  return 'companion';
}

function print(report: SuiteReportLike, where: string): number {
  for (const t of report.tests) {
    const tag = t.skipped ? 'SKIP' : t.ok ? 'PASS' : 'FAIL';
    console.log(
      `${tag} [integration] ${t.name} (${(t.durationMs / 1000).toFixed(1)} s)${t.error ? `\n    ${t.error.replace(/\n/g, '\n    ')}` : ''}`,
    );
  }
  if (report.fatal) console.log(`FATAL ${report.fatal}`);
  const failed = report.failed + (report.tests.length === 0 ? 1 : 0);
  console.log(
    `integration suite (${where}): ${report.passed} passed, ${failed} failed, ${report.skipped} skipped, ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  console.log(`${report.passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

async function companionRoute(): Promise<number> {
  const root = repoRoot();
  const vsix =
    process.env.E2E_VSIX ??
    fs
      .readdirSync(root)
      .filter((f) => /^mining-economics-.+\.vsix$/.test(f))
      .map((f) => path.join(root, f))[0];
  if (!vsix) throw new Error('no mining-economics-<version>.vsix at the repo root: run npm run package');
  const replay = await startReplay();
  let page: Page | undefined;
  let pageReady!: (p: Page) => void;
  const pagePromise = new Promise<Page>((r) => (pageReady = r));
  const onAsk = async (q: HarnessQuestion): Promise<unknown> => {
    const p = page ?? (await pagePromise);
    if (q.kind === 'waitStatusItem') {
      const re = new RegExp(String(q.pattern));
      const side = typeof q.side === 'string' ? q.side : undefined;
      // By id prefix: the item may be recreated under a derived id (e.g. per alignment).
      return waitForStatusItem(p, `${ITEM_ID}*`, (v) => re.test(v.text) && (!side || v.side === side), {
        timeoutMs: typeof q.timeoutMs === 'number' ? q.timeoutMs : 60_000,
        what: `status item matching /${re.source}/${side ? ` on the ${side}` : ''}`,
      });
    }
    throw new Error(`unknown question ${q.kind}`);
  };
  const results = await startResultServer(onAsk);
  const companion = buildCompanionVsix({
    suiteFile: path.join(root, 'test', 'integration', SUITES[0]!),
    extensionDependencies: [EXT_ID],
    name: 'integration-companion',
  });
  const ws = path.join(e2ePaths().cacheDir, 'workspaces', 'integration');
  fs.rmSync(ws, { recursive: true, force: true });
  fs.mkdirSync(ws, { recursive: true });
  const server = await startCodeServer({
    vsixPath: vsix,
    extraVsixPaths: [companion],
    userSettings: { 'miningEconomics.mempoolUrl': replay.url, 'e2eCompanion.reportUrl': results.url },
    workspaceDir: ws,
    theme: 'Default Dark Modern',
  }).catch(async (e: unknown) => {
    await replay.stop();
    await results.close();
    throw e;
  });
  let wb: Awaited<ReturnType<typeof openWorkbench>> | undefined;
  try {
    wb = await openWorkbench(server.url, { theme: 'dark' });
    page = wb.page;
    pageReady(wb.page);
    const report = await results.waitForReport(600_000);
    const code = print(report, 'companion extension in code-server');
    if (code) {
      const dir = e2ePaths().artifactsDir;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'integration.code-server.log'), `${server.logs()}\n${server.vscodeLogs()}`);
      fs.writeFileSync(path.join(dir, 'integration.browser-console.log'), wb.consoleLogs());
      await wb.page.screenshot({ path: path.join(dir, 'integration-failure.png') }).catch(() => undefined);
    }
    return code;
  } finally {
    await wb?.close();
    await server.stop();
    await results.close();
    await replay.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

async function electronRoute(): Promise<number> {
  const root = repoRoot();
  const work = path.join(root, '.cache', 'integration');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'user-data', 'User'), { recursive: true });
  fs.mkdirSync(path.join(work, 'workspace'), { recursive: true });
  // The suite bundle: esbuild is a devDependency; `vscode` is provided by the extension host.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const index = path.join(work, 'index.js');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'test', 'integration', 'electronMain.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    outfile: index,
    logLevel: 'warning',
  });
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js')))
    throw new Error('dist/extension.js missing: run node esbuild.js');
  const replay = await startReplay();
  const reportFile = path.join(work, 'report.json');
  fs.writeFileSync(
    path.join(work, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, 'miningEconomics.mempoolUrl': replay.url }, null, 2),
  );
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runTests } = require('@vscode/test-electron') as typeof import('@vscode/test-electron');
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: index,
      extensionTestsEnv: { E2E_INTEGRATION_REPORT: reportFile },
      launchArgs: [
        path.join(work, 'workspace'),
        '--user-data-dir',
        path.join(work, 'user-data'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    }).catch((e: unknown) => console.log(`runTests: ${e instanceof Error ? e.message : String(e)}`));
  } finally {
    await replay.stop();
  }
  if (!fs.existsSync(reportFile)) {
    console.log('the suite wrote no report (VS Code did not start or crashed)');
    console.log('0 passed, 1 failed');
    return 1;
  }
  return print(JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SuiteReportLike, '@vscode/test-electron');
}

async function main(): Promise<number> {
  const route = await chooseRoute();
  return route === 'electron' ? electronRoute() : companionRoute();
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.log(`integration runner failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
