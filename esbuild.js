// Builds every bundle. Host bundles are CommonJS for Node with `vscode` external; modules the first paint
// does not need (undici + HTTP client, the glance sources, the panel host, the node features) are separate bundles required lazily at first use.
// The webview scripts are browser IIFEs. Test tools (replay server, benchmarks, browser and e2e drivers) go to
// out/, and only with --tests: the everyday build and watch do not pay for them.
//   node esbuild.js [--production] [--tests] [--watch]
// --watch prints what the problem matcher of .vscode/tasks.json reads (the format of the common `$esbuild-watch`
// matcher): `[watch] build started` / `[watch] build finished` around each rebuild, and each error as
// `✘ [ERROR] text` then `    file:line:column:`.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const exists = (p) => fs.existsSync(path.join(__dirname, p));

/**
 * The host bundles the extension require()s at first use (`require('./net.js')`…), built beside extension.js:
 * those require calls are left as they are. One list for the builds, the externals and the tests.
 */
const lazyHostEntries = {
  net: 'src/net/index.ts',
  sources: 'src/vscode/sources/index.ts',
  panel: 'src/vscode/panel/index.ts',
  node: 'src/vscode/node/index.ts',
};
const lazyBundles = Object.keys(lazyHostEntries).map((name) => `./${name}.js`);

/**
 * `import * as vscode from 'vscode'` of an external module compiles to a copy of its every property (esbuild's
 * __toESM), once per importing file: 14 copies of VS Code's whole API at each start. This resolves each such
 * module to one ES module of the bundle (`export * from 'vscode'`), copied once; every file shares it.
 */
function oneNamespacePerExternal(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')).join('|')})$`);
  return {
    name: 'one-namespace-per-external',
    setup(build) {
      build.onResolve({ filter }, (args) =>
        args.namespace === 'external-namespace'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'external-namespace' },
      );
      build.onLoad({ filter: /.*/, namespace: 'external-namespace' }, (args) => ({
        contents: `export * from ${JSON.stringify(args.path)};`,
        loader: 'js',
      }));
    },
  };
}

const host = {
  plugins: [oneNamespacePerExternal(['vscode', 'node:fs', 'node:path', 'node:os', 'node:crypto', 'node:fs/promises'])],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', ...lazyBundles],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  metafile: true,
  // In watch mode the problem-matcher plugin below does the reporting.
  logLevel: watch ? 'silent' : 'warning',
  legalComments: 'none',
};

const builds = [
  { ...host, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  ...Object.entries(lazyHostEntries).map(([name, entry]) => ({
    ...host,
    entryPoints: { [name]: entry },
    outdir: 'dist',
  })),
];
/** The webview's scripts: the charts (webview.js + .css, budget 100 KB), with the page's one uPlot… */
const chartsEntry = { webview: 'src/webview/main.ts' };
/**
 * …and the scripts the charts script inserts after its first paint: the miner's P&L section, the charts'
 * secondary parts (adjustments table, table view, PNG export), loaded on use, and the power & pools section.
 * They draw with the charts script's uPlot (src/webview/common/pageUplot.ts), not a copy of their own.
 */
const laterEntries = {
  'webview-pnl': 'src/webview/pnl/main.ts',
  'webview-extras': 'src/webview/extras/main.ts',
  'webview-power': 'src/webview/power/main.ts',
};
const laterAlias = { uplot: './src/webview/common/pageUplot.ts' };
/** …and the charts script's chart card: their imports of it are redirected to the bridge's (pageTrendChart.ts). */
const pageTrendChart = path.join(__dirname, 'src/webview/common/chart/pageTrendChart.ts');
const trendChartModule = path.join(__dirname, 'src/webview/common/chart/trendChart');
const laterPlugins = [
  {
    name: 'page-trend-chart',
    setup(build) {
      build.onResolve({ filter: /\/trendChart$/ }, (args) =>
        args.importer !== pageTrendChart && path.resolve(args.resolveDir, args.path) === trendChartModule
          ? { path: pageTrendChart }
          : undefined,
      );
    },
  },
];
const webview = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  outdir: 'dist',
  minify: production,
  sourcemap: production ? false : 'inline',
  metafile: true,
  logLevel: host.logLevel,
  legalComments: 'none',
  // Text as UTF-8 (the page declares it), not \u escapes: translated strings' "…", "·", "−" cost 2–3 bytes, not 6.
  charset: 'utf8',
  loader: { '.css': 'css' },
};
builds.push(
  { ...webview, entryPoints: chartsEntry },
  { ...webview, entryPoints: laterEntries, alias: laterAlias, plugins: laterPlugins },
);
// Test tooling (--tests), bundled so plain `node` (and a Node 24 harness) can run it without a TS loader; next to a
// production build too, since the benchmarks measure production bundles.
if (tests) {
  const testEntries = {};
  if (exists('test/server/cli.ts')) testEntries['replay-server'] = 'test/server/cli.ts';
  if (exists('test/server/bitcoind/cli.ts')) testEntries['bitcoind-server'] = 'test/server/bitcoind/cli.ts';
  for (const dir of ['test/e2e', 'test/bench', 'test/integration', 'test/browser']) {
    if (!exists(dir)) continue;
    for (const file of fs.readdirSync(path.join(__dirname, dir))) {
      if (/\.(e2e|browser|bench|suite|main)\.ts$/.test(file)) {
        testEntries[`${path.basename(dir)}/${file.replace(/\.ts$/, '')}`] = `${dir}/${file}`;
      }
    }
  }
  if (Object.keys(testEntries).length > 0) {
    builds.push({
      ...host,
      entryPoints: testEntries,
      outdir: 'out',
      // Test tools use default imports of Node modules (`import http from 'node:http'`), which the shared
      // namespace (no `default`) would not give; their start-up time is nobody's.
      plugins: [],
      external: ['vscode', 'playwright-core', 'echarts', 'esbuild', ...lazyBundles],
      minify: false,
      sourcemap: 'inline',
    });
  }
}

/**
 * One report for all the bundles: `started` when the first of them starts rebuilding, then every error (each once,
 * though a shared file breaks several bundles) and `finished` when the last one is done. A matcher that saw
 * `finished` after the first bundle would let F5 launch before the others are written.
 */
function problemMatcherPlugin() {
  const all = new Set(); // one id per bundle (setup runs once per esbuild.context)
  const building = new Set();
  let messages = new Map();
  const start = (id) => {
    if (building.size === 0) {
      messages = new Map();
      console.log('[watch] build started');
    }
    building.add(id);
  };
  return {
    /** Marks every bundle as building before the first watch() so the initial build reports once. */
    startAll() {
      for (const id of all) start(id);
    },
    plugin: {
      name: 'problem-matcher',
      setup(build) {
        const id = all.size;
        all.add(id);
        build.onStart(() => {
          if (!building.has(id)) start(id);
        });
        build.onEnd((result) => {
          for (const [kind, list] of [
            ['✘ [ERROR]', result.errors],
            ['▲ [WARNING]', result.warnings],
          ]) {
            for (const { text, location } of list) {
              const where = location ? `${location.file}:${location.line}:${location.column}:` : '';
              messages.set(`${kind}\n${where}\n${text}`, { kind, text, where });
            }
          }
          building.delete(id);
          if (building.size > 0) return;
          for (const { kind, text, where } of messages.values()) {
            console.error(`${kind} ${text}`);
            if (where) console.error(`    ${where}`);
          }
          console.log('[watch] build finished');
        });
      },
    },
  };
}

async function main() {
  if (watch) {
    const matcher = problemMatcherPlugin();
    const contexts = await Promise.all(
      builds.map((options) => esbuild.context({ ...options, plugins: [...(options.plugins ?? []), matcher.plugin] })),
    );
    matcher.startAll();
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  const sizes = {};
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) sizes[file] = info.bytes;
    }
  }
  fs.writeFileSync(path.join(__dirname, 'dist', 'meta.json'), JSON.stringify(results.map((r) => r.metafile)));
  console.log(
    `[esbuild] ${production ? 'production' : 'development'} build: ` +
      Object.entries(sizes)
        .map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KB`)
        .join(', '),
  );
}

// The panel bench builds the webview exactly as shipped, and the tests check the lazy bundles, from these.
module.exports = { lazyHostEntries, chartsEntry, laterEntries, laterAlias, laterPlugins, webviewOptions: webview };

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
