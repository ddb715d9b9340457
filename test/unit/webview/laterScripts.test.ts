// The scripts inserted after the charts' first paint draw with the charts script's uPlot and chart card, taken
// from the page bridge (src/webview/common/pageUplot.ts, common/chart/pageTrendChart.ts). esbuild.js redirects
// their imports; a redirect that stops matching would quietly bundle a second, cold copy. Built here with
// esbuild.js's own options.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

interface ShippedWebview {
  readonly chartsEntry: Record<string, string>;
  readonly laterEntries: Record<string, string>;
  readonly laterAlias: Record<string, string>;
  readonly laterPlugins: Plugin[];
  readonly webviewOptions: BuildOptions;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const shipped = require(path.join(ROOT, 'esbuild.js')) as ShippedWebview;

/** The source files each output of a webview build was made from, relative to the repository. */
async function inputs(entryPoints: Record<string, string>, later: boolean): Promise<Map<string, string[]>> {
  const result = await build({
    ...shipped.webviewOptions,
    absWorkingDir: ROOT,
    entryPoints,
    ...(later ? { alias: shipped.laterAlias, plugins: shipped.laterPlugins } : {}),
    minify: false,
    sourcemap: false,
    metafile: true,
    write: false,
    outdir: path.join(ROOT, 'out', 'later-scripts-test'),
    logLevel: 'silent',
  });
  const byOutput = new Map<string, string[]>();
  for (const [file, output] of Object.entries(result.metafile!.outputs))
    if (file.endsWith('.js')) byOutput.set(path.basename(file, '.js'), Object.keys(output.inputs));
  return byOutput;
}

describe('the scripts loaded after the charts', () => {
  it("use the charts script's uPlot and chart card, which the charts script itself bundles", async () => {
    const later = await inputs(shipped.laterEntries, true);
    expect([...later.keys()].sort()).toEqual(Object.keys(shipped.laterEntries).sort());
    for (const [name, files] of later) {
      expect(
        files.filter((f) => f.includes('node_modules/uplot')),
        name,
      ).toEqual([]);
      expect(
        files.filter((f) => f.endsWith('common/chart/trendChart.ts')),
        name,
      ).toEqual([]);
    }
    // The power section does draw charts: through the bridge's chart card.
    expect(later.get('webview-power')).toContain('src/webview/common/chart/pageTrendChart.ts');
    const charts = (await inputs(shipped.chartsEntry, false)).get('webview')!;
    expect(charts).toContain('src/webview/common/chart/trendChart.ts');
    expect(charts.some((f) => f.includes('node_modules/uplot'))).toBe(true);
  });
});
