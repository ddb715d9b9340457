// The webview's four scripts built as they ship (minified IIFEs, CSS beside them), for the panel bench and its
// bare-uPlot capture build: the entries, options and uPlot alias are esbuild.js's own, so the bench cannot drift
// from what ships. The charts script carries the page's uPlot; the scripts loaded after its first paint use that
// one (src/webview/common/pageUplot.ts).

import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { ROOT } from '../browser/harness';

interface ShippedWebview {
  readonly chartsEntry: Record<string, string>;
  readonly laterEntries: Record<string, string>;
  readonly laterAlias: Record<string, string>;
  readonly laterPlugins: esbuild.Plugin[];
  readonly webviewOptions: esbuild.BuildOptions;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const shipped = require(path.join(ROOT, 'esbuild.js')) as ShippedWebview;

/**
 * Builds every webview script into `outdir` as a production build does; `plugins` lets the capture build swap
 * a module of the charts script (the later scripts reach uPlot through it, so they draw with whatever it swapped in).
 */
export async function buildWebviewBundles(outdir: string, plugins: esbuild.Plugin[] = []): Promise<void> {
  const options: esbuild.BuildOptions = {
    ...shipped.webviewOptions,
    absWorkingDir: ROOT,
    minify: true,
    sourcemap: false,
    metafile: false,
    logLevel: 'warning',
    outdir,
  };
  await Promise.all([
    esbuild.build({ ...options, entryPoints: shipped.chartsEntry, plugins }),
    esbuild.build({
      ...options,
      entryPoints: shipped.laterEntries,
      alias: shipped.laterAlias,
      plugins: shipped.laterPlugins,
    }),
  ]);
}
