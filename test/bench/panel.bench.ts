// Trend-panel benchmark, in headless Chromium (Debian's, through playwright-core):
//  1. bundle size: the webview built as shipped (minified JS + CSS): the charts' first-paint bundle (budget
//     100 KB) and, reported beside it, the two scripts loaded after the charts' first paint: the P&L section's
//     and the extras (key figures' contents, tables, PNG export, hover notes; src/webview/common/extras.ts);
//  2. time from the 'history' message to all three charts drawn, ALL range (≈ 6,500 daily points per
//     series since 2009), median of 11 fresh page loads — and the same after a range switch;
//  2b. the power & pools section (src/webview/power, loaded after the charts' first paint): time from its two
//     messages to its three charts drawn, ALL range, on the same pages; the whole panel = trends + power;
//  3. the same three charts drawn with Apache ECharts (a bench-only page, same message, same validation and
//     transforms), and the ratio;
//  4. the same series drawn with bare uPlot (barePage.ts) in the same run: a capture build of the webview
//     (uPlot aliased to uplotCapture.ts) records every plot the panel makes — all sections, whatever they
//     draw — and bare uPlot redraws those plots from their data alone. Ratio ours / bare, target ≤ 1.5×.
// Every timed window starts on a settled page (./settle.ts), ours, bare uPlot's and ECharts' alike.
// Run: node esbuild.js --tests && node out/bench/panel.bench.js   (BENCH_RUNS=N to change the 11)
// The last line printed is the figures as JSON. --strict exits 1 when a target is missed.

import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { buildFixtures } from '../browser/data';
import { FakeHost, launchBrowser, ROOT, startPageServer } from '../browser/harness';
import { themeCss } from '../browser/themes';
import type { HostMessage } from '../../src/shared/protocol';
import type { BarePlotSpec } from './barePage';
import { powerMessages } from '../browser/powerData';
import { buildWebviewBundles } from './webviewBuild';
import { buildCaptureWebview, buildPage, capturePlots, timeBare } from './bareUplot';
import { settle } from './settle';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 11));
const TARGETS = { drawMs: 40, bundleBytes: 100 * 1024, ratio: 10, overBare: 1.5 };
const OUT = path.join(ROOT, 'out', 'bench', 'panel');
const DRAWN_EVENT = 'mining-economics:drawn';
const POWER_DRAWN_EVENT = 'mining-economics:power-drawn';

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, d = 1): number => Number(x.toFixed(d));

interface BundleSize {
  jsBytes: number;
  cssBytes: number;
  gzipBytes: number;
}

/** The webview exactly as esbuild.js --production builds it (iife, es2022, minified, no source map). */
async function buildWebview(): Promise<{
  charts: BundleSize;
  pnl: BundleSize;
  extras: BundleSize;
  power: BundleSize;
}> {
  const dir = path.join(OUT, 'webview');
  await buildWebviewBundles(dir);
  const size = (name: string): BundleSize => {
    const js = fs.readFileSync(path.join(dir, `${name}.js`));
    const css = fs.readFileSync(path.join(dir, `${name}.css`));
    return {
      jsBytes: js.length,
      cssBytes: css.length,
      gzipBytes: zlib.gzipSync(js).length + zlib.gzipSync(css).length,
    };
  };
  return {
    charts: size('webview'),
    pnl: size('webview-pnl'),
    extras: size('webview-extras'),
    power: size('webview-power'),
  };
}

/**
 * The power & pools section on a page whose trends have drawn: waits for its script (inserted after the
 * charts' first paint), then times its messages from dispatch to its charts drawn.
 */
async function timePower(page: Page, messages: readonly HostMessage[]): Promise<number> {
  await page.waitForSelector('#section-power:not([hidden]) #power-title', { state: 'attached' });
  await settle(page);
  return page.evaluate(
    ({ json, event }) =>
      new Promise<number>((resolve) => {
        const list = JSON.parse(json) as unknown[];
        window.addEventListener(event, () => resolve(performance.now() - started), { once: true });
        const started = performance.now();
        for (const data of list) window.dispatchEvent(new MessageEvent('message', { data }));
      }),
    { json: JSON.stringify(messages), event: POWER_DRAWN_EVENT },
  );
}

async function buildEChartsPage(): Promise<{ js: string; bytes: number }> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['test/bench/echartsPage.ts'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const js = result.outputFiles[0]!.text;
  return { js, bytes: Buffer.byteLength(js) };
}

const STATE_KEY = 'mining-economics:webview-state';

/** Times one 'history' message from dispatch (as VS Code delivers it) to the webview's all-drawn event. */
async function timeMessage(page: Page, message: HostMessage): Promise<number> {
  await settle(page);
  return page.evaluate(
    ({ json, event }) =>
      new Promise<number>((resolve) => {
        const data = JSON.parse(json) as unknown;
        window.addEventListener(event, () => resolve(performance.now() - started), { once: true });
        const started = performance.now();
        window.dispatchEvent(new MessageEvent('message', { data }));
      }),
    { json: JSON.stringify(message), event: DRAWN_EVENT },
  );
}

/** A fresh panel page whose restored state selects `range`, with status and key figures delivered. */
async function freshPanel(page: Page, url: string, range: string, prelude: readonly HostMessage[]): Promise<void> {
  await page.goto(url);
  await page.evaluate(({ key, range }) => sessionStorage.setItem(key, JSON.stringify({ v: 1, range })), {
    key: STATE_KEY,
    range,
  });
  await page.reload();
  await page.waitForFunction(
    (r) => document.querySelector(`.segment[data-range="${r}"]`)?.getAttribute('aria-checked') === 'true',
    range,
  );
  for (const m of prelude)
    await page.evaluate(
      (data) => window.dispatchEvent(new MessageEvent('message', { data })),
      m as unknown as Record<string, unknown>,
    );
}

/** First draw: the page opens on ALL and its data arrives (charts created from scratch). */
async function timeFirstDraw(
  page: Page,
  url: string,
  prelude: readonly HostMessage[],
  all: HostMessage,
): Promise<number> {
  await freshPanel(page, url, 'ALL', prelude);
  return timeMessage(page, all);
}

/** Switch: 1Y is drawn, the user picks ALL, its data arrives (charts rebuilt on log axes). */
async function timeSwitch(
  page: Page,
  url: string,
  prelude: readonly HostMessage[],
  oneYear: HostMessage,
  all: HostMessage,
): Promise<number> {
  await freshPanel(page, url, '1Y', prelude);
  await timeMessage(page, oneYear);
  await page.locator('.segment[data-range="ALL"]').click();
  return timeMessage(page, all);
}

async function timeECharts(page: Page, url: string, message: HostMessage): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => typeof (window as unknown as { __renderECharts?: unknown }).__renderECharts === 'function',
  );
  await settle(page);
  return page.evaluate((json) => {
    const data = JSON.parse(json) as unknown;
    return (window as unknown as { __renderECharts: (m: unknown) => number }).__renderECharts(data);
  }, JSON.stringify(message));
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0]!;
  fs.mkdirSync(OUT, { recursive: true });
  const { charts: bundle, pnl, extras, power } = await buildWebview();
  const echartsPage = await buildEChartsPage();
  const captureDir = await buildCaptureWebview(OUT);
  const bareJs = await buildPage('test/bench/barePage.ts');
  const fixtures = await buildFixtures('USD', ['3M', '1Y', 'ALL']);
  const all = fixtures.datasets.get('ALL')!;
  const oneYear = fixtures.datasets.get('1Y')!;
  const points = all.days.timeS.length;
  const prelude: HostMessage[] = [
    { type: 'status', status: fixtures.status },
    { type: 'figures', figures: fixtures.figures },
  ];
  const history = (d: typeof all): HostMessage => ({ type: 'history', dataset: d });
  const powerAll = await powerMessages(fixtures, 'ALL');

  const server = await startPageServer(path.join(OUT, 'webview'));
  server.route('/theme.css', 'text/css', themeCss('dark'));
  server.route('/echarts.js', 'text/javascript', echartsPage.js);
  // The ECharts page gets the same size of plot areas as the panel at 1280 px.
  server.route(
    '/echarts',
    'text/html; charset=utf-8',
    `<!DOCTYPE html><html><head><meta charset="UTF-8"><link rel="stylesheet" href="/theme.css"></head>
<body class="vscode-dark"><div id="chart-0" class="c" style="width:1230px;height:320px"></div>
<div id="chart-1" style="width:600px;height:260px"></div><div id="chart-2" style="width:600px;height:260px"></div>
<script src="/echarts.js"></script></body></html>`,
  );

  const captureServer = await startPageServer(captureDir);
  captureServer.route('/theme.css', 'text/css', themeCss('dark'));
  server.route('/bare.js', 'text/javascript', bareJs);
  server.route(
    '/bare',
    'text/html; charset=utf-8',
    `<!DOCTYPE html><html><head><meta charset="UTF-8"><link rel="stylesheet" href="/theme.css"></head>
<body class="vscode-dark"><div id="plots"></div><script src="/bare.js"></script></body></html>`,
  );

  let browser: Browser | undefined;
  let bareSpecs: BarePlotSpec[] | undefined;
  const bareFirst: number[] = [];
  const barePremade: number[] = [];
  const uplotFirst: number[] = [];
  const uplotSwitch: number[] = [];
  const echartsFirst: number[] = [];
  const powerFirst: number[] = [];
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await FakeHost.attach(page);
    // The plots the whole panel draws for ALL (trends, then power & pools), as bare-uPlot specs (capture
    // build; not timed).
    await timeFirstDraw(page, captureServer.panelUrl('dark'), prelude, history(all));
    await timePower(page, powerAll);
    bareSpecs = await capturePlots(page);
    const specsJson = JSON.stringify(bareSpecs);
    await timeBare(page, `${server.origin}/bare`, specsJson);
    // Warm-up (JIT, font cache) — not counted.
    await timeFirstDraw(page, server.panelUrl('dark'), prelude, history(all));
    await timePower(page, powerAll);
    await timeECharts(page, `${server.origin}/echarts`, history(all));
    for (let i = 0; i < RUNS; i++) {
      // Fresh page: charts created from scratch for ALL, then the power section's; then a switch from 1Y to
      // ALL on another page.
      uplotFirst.push(await timeFirstDraw(page, server.panelUrl('dark'), prelude, history(all)));
      powerFirst.push(await timePower(page, powerAll));
      uplotSwitch.push(await timeSwitch(page, server.panelUrl('dark'), prelude, history(oneYear), history(all)));
      echartsFirst.push(await timeECharts(page, `${server.origin}/echarts`, history(all)));
      bareFirst.push(await timeBare(page, `${server.origin}/bare`, specsJson));
      barePremade.push(await timeBare(page, `${server.origin}/bare`, specsJson, true));
    }
    await context.close();
  } finally {
    await browser?.close();
    await server.close();
    await captureServer.close();
  }

  const uplotMs = median(uplotFirst);
  const echartsMs = median(echartsFirst);
  const ratio = echartsMs / uplotMs;
  const specs = bareSpecs ?? [];
  const bareMs = median(bareFirst);
  const powerMs = median(powerFirst);
  const wholePanelMs = median(uplotFirst.map((t, i) => t + powerFirst[i]!));
  // The whole panel (every section) against bare uPlot drawing the same plots.
  const overBare = wholePanelMs / bareMs;
  // Each run draws ours and bare back to back: on a busy machine the median of the pairs' ratios is steadier.
  const pairedOverBare = median(uplotFirst.map((ms, i) => (ms + powerFirst[i]!) / bareFirst[i]!));
  // Information beside the target: bare uPlot with its plots made before the clock, as ours are at mount.
  const barePremadeMs = median(barePremade);
  const overBarePremade = wholePanelMs / barePremadeMs;
  const totalBytes = bundle.jsBytes + bundle.cssBytes;
  const result = {
    bench: 'panel',
    runs: RUNS,
    machine: { cpus: os.cpus().length, loadAverage1m: [round(loadBefore, 2), round(os.loadavg()[0]!, 2)] },
    allRangeDays: points,
    seriesPerRange: 8,
    uplot: {
      firstDrawMedianMs: round(uplotMs),
      firstDrawRunsMs: uplotFirst.map((x) => round(x)),
      switchDrawMedianMs: round(median(uplotSwitch)),
      switchDrawRunsMs: uplotSwitch.map((x) => round(x)),
    },
    power: {
      charts: 3,
      drawMedianMs: round(powerMs),
      drawRunsMs: powerFirst.map((x) => round(x)),
      poolWeeks: (powerAll[1] as Extract<HostMessage, { type: 'power/pools' }>).pools.data?.weeks.timeS.length ?? 0,
    },
    wholePanel: { charts: 6, drawMedianMs: round(wholePanelMs) },
    echarts: {
      firstDrawMedianMs: round(echartsMs),
      firstDrawRunsMs: echartsFirst.map((x) => round(x)),
      pageBytes: echartsPage.bytes,
    },
    ratio: round(ratio, 1),
    bareUplot: {
      plots: specs.length,
      series: specs.reduce((n, p) => n + p.series.length, 0),
      firstDrawMedianMs: round(bareMs),
      firstDrawRunsMs: bareFirst.map((x) => round(x)),
    },
    ratioOverBare: round(overBare, 2),
    bareUplotPremade: {
      firstDrawMedianMs: round(barePremadeMs),
      firstDrawRunsMs: barePremade.map((x) => round(x)),
      ratioOverIt: round(overBarePremade, 2),
    },
    pairedRatioOverBare: round(pairedOverBare, 2),
    bundle: {
      jsBytes: bundle.jsBytes,
      cssBytes: bundle.cssBytes,
      totalBytes,
      totalKB: round(totalBytes / 1024),
      gzipBytes: bundle.gzipBytes,
    },
    pnlBundle: {
      jsBytes: pnl.jsBytes,
      cssBytes: pnl.cssBytes,
      totalBytes: pnl.jsBytes + pnl.cssBytes,
      totalKB: round((pnl.jsBytes + pnl.cssBytes) / 1024),
      gzipBytes: pnl.gzipBytes,
    },
    extrasBundle: {
      jsBytes: extras.jsBytes,
      cssBytes: extras.cssBytes,
      totalBytes: extras.jsBytes + extras.cssBytes,
      totalKB: round((extras.jsBytes + extras.cssBytes) / 1024),
      gzipBytes: extras.gzipBytes,
    },
    powerBundle: {
      jsBytes: power.jsBytes,
      cssBytes: power.cssBytes,
      totalBytes: power.jsBytes + power.cssBytes,
      totalKB: round((power.jsBytes + power.cssBytes) / 1024),
      gzipBytes: power.gzipBytes,
    },
    targets: TARGETS,
    met: {
      draw: uplotMs < TARGETS.drawMs,
      bundle: totalBytes < TARGETS.bundleBytes,
      ratio: ratio >= TARGETS.ratio,
      overBare: overBare <= TARGETS.overBare,
    },
  };
  console.log(
    `ALL range: ${points} days × 8 series, 3 charts, median of ${RUNS} (${os.cpus().length} CPUs, load ${result.machine.loadAverage1m.join(' → ')})`,
  );
  console.log(
    `  uPlot panel   data message → all charts drawn: ${round(uplotMs)} ms (runs ${result.uplot.firstDrawRunsMs.join(', ')}) target < ${TARGETS.drawMs} ms`,
  );
  console.log(`  uPlot panel   after a range switch 1Y → ALL:   ${result.uplot.switchDrawMedianMs} ms`);
  console.log(
    `  Power & pools its messages → its 3 charts drawn: ${round(powerMs)} ms (runs ${result.power.drawRunsMs.join(', ')}); whole panel (6 charts): ${round(wholePanelMs)} ms`,
  );
  console.log(
    `  ECharts page  data message → all charts drawn: ${round(echartsMs)} ms (runs ${result.echarts.firstDrawRunsMs.join(', ')})`,
  );
  console.log(`  ratio ECharts / uPlot: ${round(ratio, 1)}× (target ≥ ${TARGETS.ratio}×)`);
  console.log(
    `  bare uPlot    the same ${result.bareUplot.series} series in ${specs.length} plots: ${round(bareMs)} ms (runs ${result.bareUplot.firstDrawRunsMs.join(', ')})`,
  );
  console.log(
    `  ratio whole panel / bare uPlot: ${round(overBare, 2)}× (median of the runs' ratios ${round(pairedOverBare, 2)}×; target ≤ ${TARGETS.overBare}×)`,
  );
  console.log(
    `  bare uPlot, its plots made before the clock (as ours are when the page mounts): ${round(barePremadeMs)} ms (runs ${result.bareUplotPremade.firstDrawRunsMs.join(', ')}); whole panel / it: ${round(overBarePremade, 2)}× (information: the target is against the line above)`,
  );
  console.log(
    `Webview first-paint bundle, the charts (minified): ${bundle.jsBytes} B JS + ${bundle.cssBytes} B CSS = ${round(totalBytes / 1024)} KB (target < 100 KB); gzip ${round(bundle.gzipBytes / 1024)} KB`,
  );
  console.log(
    `P&L bundle, loaded after the charts' first paint (minified): ${pnl.jsBytes} B JS + ${pnl.cssBytes} B CSS = ${round((pnl.jsBytes + pnl.cssBytes) / 1024)} KB; gzip ${round(pnl.gzipBytes / 1024)} KB`,
  );
  console.log(
    `Extras bundle (key figures, tables, PNG), loaded after the charts' first paint (minified): ${extras.jsBytes} B JS + ${extras.cssBytes} B CSS = ${round((extras.jsBytes + extras.cssBytes) / 1024)} KB; gzip ${round(extras.gzipBytes / 1024)} KB`,
  );
  console.log(
    `Power & pools bundle (drawing with the charts script's uPlot), loaded after the charts' first paint (minified): ${power.jsBytes} B JS + ${power.cssBytes} B CSS = ${round((power.jsBytes + power.cssBytes) / 1024)} KB; gzip ${round(power.gzipBytes / 1024)} KB`,
  );
  console.log(JSON.stringify(result));
  if (process.argv.includes('--strict') && !Object.values(result.met).every(Boolean)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
