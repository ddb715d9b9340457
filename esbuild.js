// Builds every bundle. Host bundles are CommonJS for Node with `vscode` external; modules the first paint
// does not need (undici + HTTP client, the panel host) are separate bundles required lazily at first use.
// The webview scripts are browser IIFEs. Test tools (replay server, e2e driver) go to out/.
//   node esbuild.js [--production] [--watch] [--metafile]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const exists = (p) => fs.existsSync(path.join(__dirname, p));

/** Lazy bundles are loaded with require('./net.js') / require('./panel.js'): keep those calls as they are. */
const lazyBundles = ['./net.js', './panel.js'];

const host = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', ...lazyBundles],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { ...host, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { ...host, entryPoints: { net: 'src/net/index.ts' }, outdir: 'dist' },
  { ...host, entryPoints: { panel: 'src/vscode/panel/index.ts' }, outdir: 'dist' },
];
if (exists('src/webview/main.ts')) {
  builds.push({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // The charts (webview.js + .css, budget 100 KB) and the miner's P&L section (webview-pnl.js + .css), which
    // the charts script loads after its first paint.
    entryPoints: { webview: 'src/webview/main.ts', ...(exists('src/webview/pnl/main.ts') ? { 'webview-pnl': 'src/webview/pnl/main.ts' } : {}) },
    outdir: 'dist',
    minify: production,
    sourcemap: production ? false : 'inline',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    loader: { '.css': 'css' },
  });
}
// Test tooling, bundled so plain `node` (and a Node 24 harness) can run it without a TS loader.
const testEntries = {};
if (exists('test/server/cli.ts')) testEntries['replay-server'] = 'test/server/cli.ts';
for (const dir of ['test/e2e', 'test/bench', 'test/integration', 'test/browser']) {
  if (!exists(dir)) continue;
  for (const file of fs.readdirSync(path.join(__dirname, dir))) {
    if (/\.(e2e|bench|suite|main|browser)\.ts$/.test(file)) testEntries[`${path.basename(dir)}/${file.replace(/\.ts$/, '')}`] = `${dir}/${file}`;
  }
}
// `--tests` builds them next to a production build too (the benchmarks measure production bundles).
if (Object.keys(testEntries).length > 0 && (!production || process.argv.includes('--tests'))) {
  builds.push({ ...host, entryPoints: testEntries, outdir: 'out', external: ['vscode', 'playwright-core', 'echarts', 'esbuild', ...lazyBundles], minify: false, sourcemap: 'inline' });
}

async function main() {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching…');
    return;
  }
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
