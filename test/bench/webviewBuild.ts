// The webview's four scripts built as they ship (minified IIFEs, CSS beside them), for the panel bench and its
// bare-uPlot capture build: one list of entries and options, so the two cannot drift apart.

import * as esbuild from 'esbuild';
import { ROOT } from '../browser/harness';

export const WEBVIEW_ENTRIES = {
  webview: 'src/webview/main.ts',
  'webview-pnl': 'src/webview/pnl/main.ts',
  'webview-extras': 'src/webview/extras/main.ts',
  'webview-power': 'src/webview/power/main.ts',
} as const;

/** Builds every webview script into `outdir`; `plugins` lets the capture build swap a module. */
export async function buildWebviewBundles(outdir: string, plugins: esbuild.Plugin[] = []): Promise<void> {
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: WEBVIEW_ENTRIES,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    loader: { '.css': 'css' },
    outdir,
    logLevel: 'warning',
    plugins,
  });
}
