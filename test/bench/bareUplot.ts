// The bare-uPlot baseline of panel.bench.ts: a capture build of the webview that records every plot the
// panel makes (uplotCapture.ts stands in for 'uplot'), the plots read back as specs, and their timing when
// barePage.ts redraws them with bare uPlot.

import * as esbuild from 'esbuild';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../browser/harness';
import type { BarePlotSpec } from './barePage';
import { settle } from './settle';
import { buildWebviewBundles } from './webviewBuild';

/** The webview as shipped, but with every `import 'uplot'` going through uplotCapture.ts (recording plots). */
export async function buildCaptureWebview(outDir: string): Promise<string> {
  const dir = path.join(outDir, 'webview-capture');
  const shim = path.join(ROOT, 'test/bench/uplotCapture.ts');
  await buildWebviewBundles(dir, [
    {
      name: 'capture-uplot',
      setup(build) {
        build.onResolve({ filter: /^uplot$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
      },
    },
  ]);
  return dir;
}

export async function buildPage(entry: string): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

/** The plots on the page now (uplotCapture's record, destroyed ones left out), as bare uPlot specs. */
export function capturePlots(page: Page): Promise<BarePlotSpec[]> {
  return page.evaluate(() => {
    type U = import('uplot');
    const plots = (window as unknown as { __uplots: U[] }).__uplots.filter((u) => u.root.isConnected);
    return plots.map((u) => ({
      width: u.width,
      height: u.height,
      scales: Object.entries(u.scales).map(([key, s]) => ({
        key,
        distr: s.distr ?? 1,
        log: s.log ?? 10,
        time: s.time === true,
      })),
      axes: u.axes.map((a) => ({ scale: a.scale ?? 'y', side: a.side ?? 3 })),
      series: u.series.slice(1).map((s, i) => {
        const stroke = typeof s.stroke === 'function' ? s.stroke(u, i + 1) : s.stroke;
        return { scale: s.scale ?? 'y', stroke: typeof stroke === 'string' ? stroke : '#888', width: s.width ?? 1 };
      }),
      data: u.data.map((column) => Array.from(column as ArrayLike<number | null | undefined>, (v) => v ?? null)),
    }));
  });
}

/** Bare uPlot's time for the specs; `premade`: its plots made empty before the clock (see barePage.ts). */
export async function timeBare(page: Page, url: string, specsJson: string, premade = false): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => typeof (window as unknown as { __renderBare?: unknown }).__renderBare === 'function',
  );
  await settle(page);
  return page.evaluate(
    ({ json, premade }) => {
      // Parsed before the clock starts: the bare time is uPlot's alone.
      const specs = JSON.parse(json) as unknown;
      return (window as unknown as { __renderBare: (s: unknown, p: boolean) => Promise<number> }).__renderBare(
        specs,
        premade,
      );
    },
    { json: specsJson, premade },
  );
}
