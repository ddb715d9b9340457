/**
 * What every end-to-end suite shares: launching a fresh code-server with the packaged .vsix and Chromium on it,
 * the replay server per scenario, reading the status item and its hover, opening the panel, checking charts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { type ExpectedGlance } from './expected';
import {
  HOVER_SELECTOR,
  e2ePaths,
  findWebviewFrame,
  hoverStatusBarItem,
  installedExtensionDir,
  normalizeText,
  openWorkbench,
  runCommand,
  screenshotRegion,
  startCodeServer,
  waitForStatusItem,
  waitUntil,
  type CodeServerHandle,
  type StatusItemView,
  type WorkbenchHandle,
} from './harness';
import { startReplay, type ReplayProcess } from './replay';
import type { Scenario } from './scenario';

export const EXTENSION_ID = 'mining-economics.mining-economics';
export const ITEM_ID = `${EXTENSION_ID}.miningEconomics.status`;
export const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' } as const;
export type Theme = keyof typeof THEMES;

export const CMD_SHOW = 'Bitcoin: Show Mining Economics';
export const CMD_REFRESH = 'Bitcoin: Refresh Mining Data';

/** The .vsix under test: E2E_VSIX, or the one `npm run package` left at the repo root. */
export function findVsix(): string {
  if (process.env.E2E_VSIX) return path.resolve(process.env.E2E_VSIX);
  const root = e2ePaths().repoRoot;
  const hits = fs.readdirSync(root).filter((f) => /^mining-economics-.+\.vsix$/.test(f));
  if (hits.length !== 1)
    throw new Error(
      `expected exactly one mining-economics-<version>.vsix in ${root} (run npm run package), found: ${hits.join(', ') || 'none'}`,
    );
  return path.join(root, hits[0]!);
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Log files of our output channel ("Mining Economics") under the instance's logs dir. */
export function extensionLog(server: CodeServerHandle): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Mining Economics\.log$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  try {
    walk(path.join(server.userDataDir, 'logs'));
  } catch {
    /* not there yet */
  }
  return out.join('\n');
}

export const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'g')) ?? []).length;

export interface Session {
  server: CodeServerHandle;
  wb: WorkbenchHandle;
  page: Page;
  /** The scenario's workspace folder (removed at cleanup). */
  workspaceDir: string;
}

/** A fresh code-server (fresh user-data and extensions dirs) with the .vsix installed, and Chromium on it. */
export async function launch(
  s: Scenario,
  theme: Theme,
  settings: Record<string, unknown>,
  workspaceSettings?: Record<string, unknown>,
): Promise<Session> {
  const paths = e2ePaths();
  const slug = s.name.replace(/[^a-z0-9]+/gi, '-');
  const workspaceDir = path.join(paths.cacheDir, 'workspaces', slug);
  fs.rmSync(workspaceDir, { recursive: true, force: true });
  fs.mkdirSync(workspaceDir, { recursive: true });
  fs.writeFileSync(path.join(workspaceDir, 'notes.md'), '# Mining notes\n');
  if (workspaceSettings) {
    // What a cloned repository brings along: its own .vscode/settings.json.
    fs.mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings, null, 2));
  }
  s.defer(() => fs.rmSync(workspaceDir, { recursive: true, force: true }));
  const server = await startCodeServer({
    vsixPath: findVsix(),
    userSettings: settings,
    workspaceDir,
    theme: THEMES[theme],
  });
  s.defer(() => server.stop());
  const wb = await openWorkbench(server.url, { theme, viewport: { width: 1360, height: 860 } });
  s.defer(() => wb.close());
  s.page = wb.page;
  const saveLogs = () => {
    const dir = paths.artifactsDir;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${slug}.code-server.log`), `${server.logs()}\n${server.vscodeLogs()}`);
    fs.writeFileSync(path.join(dir, `${slug}.extension.log`), extensionLog(server));
    fs.writeFileSync(path.join(dir, `${slug}.browser-console.log`), wb.consoleLogs());
  };
  s.onFailure = () => {
    saveLogs();
    console.log(`    extension log (tail):\n      ${extensionLog(server).split('\n').slice(-15).join('\n      ')}`);
  };
  s.defer(saveLogs); // runs first at cleanup: logs are kept for every scenario
  return { server, wb, page: wb.page, workspaceDir };
}

export async function startReplayFor(s: Scenario, port = 0): Promise<ReplayProcess> {
  const replay = await startReplay({ port });
  s.defer(() => replay.stop());
  return replay;
}

export const isWarning = (v: StatusItemView) =>
  v.classes.some((c) => /warning/.test(c)) || v.codicons.includes('warning');
export const isFresh = (v: StatusItemView, exp: ExpectedGlance) =>
  v.text === exp.statusText &&
  v.codicons[0] === 'pulse' &&
  !v.codicons.includes('warning') &&
  !v.codicons.includes('history') &&
  !v.classes.some((c) => /warning/.test(c));

export function waitForFresh(page: Page, exp: ExpectedGlance, timeoutMs = 90_000): Promise<StatusItemView> {
  return waitForStatusItem(page, ITEM_ID, (v) => isFresh(v, exp), {
    timeoutMs,
    what: `status item showing "${exp.statusText}" (fresh)`,
  });
}

export async function hoverText(page: Page): Promise<string> {
  return normalizeText((await hoverStatusBarItem(page, ITEM_ID, 30_000)).text);
}

/** Screenshot of the status bar item and its open hover (for the README), artifacts/e2e/<name>.png. */
export async function hoverShot(page: Page, name: string): Promise<string> {
  const item = await page.locator(`[id="${ITEM_ID}"]`).first().boundingBox();
  const hover = await page.locator(HOVER_SELECTOR).filter({ hasText: /\S/ }).last().boundingBox();
  assert(item && hover, 'status item or hover not on screen for the screenshot');
  const x = Math.min(item.x, hover.x);
  const y = Math.min(item.y, hover.y);
  const right = Math.max(item.x + item.width, hover.x + hover.width);
  const bottom = Math.max(item.y + item.height, hover.y + hover.height);
  return screenshotRegion(page, name, { x, y, width: right - x, height: bottom - y }, 16);
}

export function assertHoverHas(text: string, parts: string[]): void {
  const missing = parts.filter((p) => !text.includes(p));
  assert(missing.length === 0, `hover lacks ${JSON.stringify(missing)}\n    hover text: ${text}`);
}

export async function reloadWorkbench(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'domcontentloaded', timeout: 90_000 });
  await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: 90_000 });
  await page.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout: 90_000 });
}

/** Canvas pixels: how many canvases exist and how many have visibly drawn content. */
export async function canvasStats(frame: Frame): Promise<{ total: number; nonBlank: number; fractions: number[] }> {
  return frame.evaluate(() => {
    const fractions: number[] = [];
    for (const c of Array.from(document.querySelectorAll('canvas'))) {
      const r = c.getBoundingClientRect();
      if (r.width < 40 || r.height < 30 || c.width === 0 || c.height === 0) continue;
      const ctx = c.getContext('2d');
      if (!ctx) continue;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let drawn = 0;
      let seen = 0;
      for (let i = 3; i < d.length; i += 4 * 5) {
        seen++;
        if (d[i]! > 0) drawn++;
      }
      fractions.push(seen ? drawn / seen : 0);
    }
    return {
      total: fractions.length,
      nonBlank: fractions.filter((f) => f > 0.002).length,
      fractions: fractions.map((f) => Math.round(f * 1000) / 1000),
    };
  });
}

/** F1 → Show: a "Mining Economics" editor tab; with the panel in the build, its webview draws non-blank charts. */
export async function openPanel(page: Page, theme: Theme, panelInBuild: boolean): Promise<string> {
  await runCommand(page, CMD_SHOW);
  await page
    .locator('.tabs-container .tab', { hasText: 'Mining Economics' })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  if (!panelInBuild) return 'tab opened (no webview bundle in this build: charts not checked)';
  return checkCharts(page, theme);
}

export async function checkCharts(page: Page, theme: Theme): Promise<string> {
  const frame = await findWebviewFrame(page, 'main#app', 60_000);
  await frame.locator('main#app:not([aria-busy])').waitFor({ state: 'attached', timeout: 60_000 });
  const bodyClass = await frame.evaluate(() => document.body.className);
  assert(bodyClass.includes(`vscode-${theme}`), `webview body class "${bodyClass}" is not vscode-${theme}`);
  let last: Awaited<ReturnType<typeof canvasStats>> | undefined;
  const stats = await waitUntil(
    async () => {
      last = await canvasStats(frame);
      return last.nonBlank >= 1 && last.nonBlank >= Math.min(2, last.total) ? last : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: 'non-blank charts in the panel' },
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last canvas stats ${JSON.stringify(last)}`);
  });
  // Let a final frame of animation/layout settle before a screenshot is taken by the step.
  await page.waitForTimeout(500);
  return `${stats.nonBlank} of ${stats.total} charts drawn (ink fractions ${stats.fractions.join(', ')})`;
}

export function panelInBuild(server: CodeServerHandle): boolean {
  const dir = installedExtensionDir(server, EXTENSION_ID);
  return fs.existsSync(path.join(dir, 'dist', 'panel.js')) && fs.existsSync(path.join(dir, 'dist', 'webview.js'));
}

export async function closeSideBar(page: Page): Promise<void> {
  await runCommand(page, 'View: Close Primary Side Bar', 10_000).catch(() => page.keyboard.press('Escape'));
}
