// The webview's four scripts built as they ship (minified IIFEs, CSS beside them), for the panel bench and its
// bare-uPlot capture build: one list of entries and options, so the two cannot drift apart. As in esbuild.js,
// the charts script carries the page's uPlot and the scripts loaded after its first paint use that one
// (src/webview/common/pageUplot.ts).

import * as esbuild from 'esbuild';
import { ROOT } from '../browser/harness';

export const CHARTS_ENTRY = { webview: 'src/webview/main.ts' } as const;
export const LATER_ENTRIES = {
  'webview-pnl': 'src/webview/pnl/main.ts',
  'webview-extras': 'src/webview/extras/main.ts',
  'webview-power': 'src/webview/power/main.ts',
} as const;
export const WEBVIEW_ENTRIES = { ...CHARTS_ENTRY, ...LATER_ENTRIES } as const;
/** What esbuild.js gives the later scripts for 'uplot'. */
export const LATER_ALIAS = { uplot: './src/webview/common/pageUplot.ts' } as const;

/**
 * Builds every webview script into `outdir`; `plugins` lets the capture build swap a module of the charts
 * script (the later scripts reach uPlot through it, so they draw with whatever it swapped in).
 */
export async function buildWebviewBundles(outdir: string, plugins: esbuild.Plugin[] = []): Promise<void> {
  const options: esbuild.BuildOptions = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    loader: { '.css': 'css' },
    outdir,
    logLevel: 'warning',
  };
  await Promise.all([
    esbuild.build({ ...options, entryPoints: CHARTS_ENTRY, plugins }),
    esbuild.build({ ...options, entryPoints: LATER_ENTRIES, alias: LATER_ALIAS }),
  ]);
}
