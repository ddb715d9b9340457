// Shared by the page tests and the benchmark: serves the panel page exactly as the host renders it
// (renderPanelHtml: same CSP, same nonce rule) from a local origin, launches Debian's Chromium through
// playwright-core, and stands in for VS Code: a fake acquireVsCodeApi whose postMessage reaches a FakeHost
// here, and host messages delivered as window 'message' events, as VS Code delivers them.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { validateWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/shared/protocol';
import { renderPanelHtml } from '../../src/vscode/panel/html';
import { themeCss, THEMES, type TestTheme } from './themes';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
];

/** The repository root (this file is bundled to out/{browser,bench}/*.js). */
export const ROOT = path.resolve(__dirname, '..', '..');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface PageServer {
  readonly origin: string;
  /** URL of the panel page in a theme. */
  panelUrl(theme: TestTheme): string;
  /** Adds a route serving a fixed body (the benchmark's ECharts page). */
  route(pathname: string, type: string, body: string | Buffer): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Serves /panel?theme=… (the host's HTML, with the theme's body class and a theme stylesheet, as VS Code
 * would set them) and /assets/* from `assetsDir` (the built webview.js / webview.css, webview-pnl.js / .css and webview-extras.js).
 */
export async function startPageServer(assetsDir: string): Promise<PageServer> {
  const routes = new Map<string, { type: string; body: string | Buffer }>();
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/panel') {
      const theme = (url.searchParams.get('theme') ?? 'dark') as TestTheme;
      if (!(theme in THEMES)) return send(400, 'text/plain', 'unknown theme');
      const html = renderPanelHtml({
        cspSource: origin,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: `${origin}/assets/webview.js`,
        styleUri: `${origin}/assets/webview.css`,
        // The P&L script and its stylesheet, when built next to the charts (as esbuild.js does).
        ...(fs.existsSync(path.join(assetsDir, 'webview-pnl.js'))
          ? { pnlScriptUri: `${origin}/assets/webview-pnl.js`, pnlStyleUri: `${origin}/assets/webview-pnl.css` }
          : {}),
        // The power & pools section's script and stylesheet, when built.
        ...(fs.existsSync(path.join(assetsDir, 'webview-power.js'))
          ? { powerScriptUri: `${origin}/assets/webview-power.js`, powerStyleUri: `${origin}/assets/webview-power.css` }
          : {}),
        // The trends section's secondary parts (key figures, tables, PNG export) and their stylesheet.
        ...(fs.existsSync(path.join(assetsDir, 'webview-extras.js'))
          ? {
              extrasScriptUri: `${origin}/assets/webview-extras.js`,
              extrasStyleUri: `${origin}/assets/webview-extras.css`,
            }
          : {}),
      })
        .replace(
          '<body>',
          `<body class="${THEMES[theme].bodyClass}" data-vscode-theme-kind="${THEMES[theme].bodyClass}">`,
        )
        .replace('</head>', `<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n</head>`);
      return send(200, 'text/html; charset=utf-8', html);
    }
    const themeMatch = /^\/theme\/([a-z-]+)\.css$/.exec(url.pathname);
    if (themeMatch && themeMatch[1]! in THEMES) return send(200, TYPES['.css']!, themeCss(themeMatch[1] as TestTheme));
    if (url.pathname.startsWith('/assets/')) {
      const file = path.join(assetsDir, path.basename(url.pathname));
      if (fs.existsSync(file))
        return send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
    }
    // Chromium asks for a favicon; a webview never does.
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    const fixed = routes.get(url.pathname);
    if (fixed) return send(200, fixed.type, fixed.body);
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    panelUrl: (theme) => `${origin}/panel?theme=${theme}`,
    route: (pathname, type, body) => routes.set(pathname, { type, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Installed before any page script: the VS Code webview API, with state kept in sessionStorage. */
function fakeVsCodeApi(): void {
  const KEY = 'mining-economics:webview-state';
  const w = window as unknown as Record<string, unknown>;
  w.acquireVsCodeApi = () => ({
    postMessage: (message: unknown) => void (w.__meToHost as (json: string) => Promise<void>)(JSON.stringify(message)),
    getState: () => {
      const s = sessionStorage.getItem(KEY);
      return s === null ? undefined : (JSON.parse(s) as unknown);
    },
    setState: (state: unknown) => sessionStorage.setItem(KEY, JSON.stringify(state)),
  });
  const violations: string[] = [];
  w.__cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (e) =>
    violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
  );
}

/** The extension host's side of the conversation, for one page. */
export class FakeHost {
  readonly received: WebviewMessage[] = [];
  readonly invalid: string[] = [];
  readonly consoleErrors: string[] = [];
  private waiters: { pred: (m: WebviewMessage) => boolean; resolve: (m: WebviewMessage) => void }[] = [];
  /** Called for every valid message (tests answer 'ready' and 'selectRange' here). */
  onMessage: (message: WebviewMessage, host: FakeHost) => void | Promise<void> = () => undefined;

  constructor(readonly page: Page) {}

  static async attach(page: Page): Promise<FakeHost> {
    const host = new FakeHost(page);
    await page.exposeBinding('__meToHost', (_source, json: string) => host.receive(JSON.parse(json) as unknown));
    await page.addInitScript(fakeVsCodeApi);
    page.on('console', (m) => {
      if (m.type() === 'error') host.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => host.consoleErrors.push(`pageerror: ${e.message}`));
    return host;
  }

  private receive(raw: unknown): void {
    // The host validates every message from the webview with the shared protocol: so does the fake.
    const result = validateWebviewMessage(raw);
    if (!result.ok) {
      this.invalid.push(result.error);
      return;
    }
    this.received.push(result.value);
    for (const w of this.waiters.slice()) {
      if (w.pred(result.value)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(result.value);
      }
    }
    void this.onMessage(result.value, this);
  }

  /** Resolves with the first message (already received from index `since`, or future) matching pred. */
  waitFor<T extends WebviewMessage['type']>(
    type: T,
    pred: (m: Extract<WebviewMessage, { type: T }>) => boolean = () => true,
    opts: { since?: number; timeoutMs?: number } = {},
  ): Promise<Extract<WebviewMessage, { type: T }>> {
    const match = (m: WebviewMessage): m is Extract<WebviewMessage, { type: T }> =>
      m.type === type && pred(m as Extract<WebviewMessage, { type: T }>);
    const existing = this.received.slice(opts.since ?? 0).find(match);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no '${type}' message within ${opts.timeoutMs ?? 30_000} ms`)),
        opts.timeoutMs ?? 30_000,
      );
      this.waiters.push({
        pred: match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<WebviewMessage, { type: T }>);
        },
      });
    });
  }

  /** Delivers a message the way VS Code does: a 'message' event on the webview's window. */
  post(message: HostMessage | Record<string, unknown>): Promise<void> {
    return this.page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []);
  }
}

/** Applies a theme at run time the way VS Code does: body class + variables on <html> (CSSOM). */
export function applyTheme(page: Page, theme: TestTheme): Promise<void> {
  return page.evaluate(({ bodyClass, vars }) => {
    document.body.className = bodyClass;
    document.body.dataset.vscodeThemeKind = bodyClass;
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
  }, THEMES[theme]);
}

/** Waits until every chart has drawn a dataset after generation `after` (the webview counts generations). */
export async function waitForDrawn(page: Page, after: number, timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => Number(document.body.dataset.drawn ?? '0') > n && Number(document.body.dataset.drawn),
    after,
    {
      timeout: timeoutMs,
    },
  );
  return Number(await handle.jsonValue());
}

export function drawnGeneration(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.body.dataset.drawn ?? '0'));
}
