// Activation cost: median over fresh processes of require(dist/extension.js) and activate() with a vscode
// stand-in, against the naive design that loads undici and the panel eagerly. Run after a production build.
// activate() registers and returns; the first render runs on the next turn (before VS Code's status item
// timer sends anything to the window), so that turn is timed too and its first paint checked, not hidden.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { LAZY_HOST_BUNDLES } from './hostBundles';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const child = path.join(root, 'out/bench/activationChild.main.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);

interface Sample {
  requireMs: number;
  activateMs: number;
  activateCpuMs: number;
  gcInActivateMs: number;
  firstPaintMs: number;
  firstPaintText: string;
  lazyLoadedDuringActivate: string[];
  statusItems: number;
  commands: number;
}

function sample(eager: boolean, cached = false): Sample {
  const out = execFileSync(
    process.execPath,
    // --expose-gc: the child collects its own setup's garbage before the clock starts.
    ['--expose-gc', child, dist, ...(eager ? ['--eager'] : []), ...(cached ? ['--cached'] : [])],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (x: number) => +x.toFixed(2);

function measure(eager: boolean, cached = false) {
  sample(eager, cached); // warm the OS file cache
  const samples = Array.from({ length: RUNS }, () => sample(eager, cached));
  const med = (key: 'requireMs' | 'activateMs' | 'activateCpuMs' | 'gcInActivateMs' | 'firstPaintMs') =>
    round(median(samples.map((s) => s[key])));
  return {
    requireMs: med('requireMs'),
    activateMs: med('activateMs'),
    activateCpuMs: med('activateCpuMs'),
    gcInActivateMs: med('gcInActivateMs'),
    firstPaintMs: med('firstPaintMs'),
    lazyLoadedDuringActivate: [...new Set(samples.flatMap((s) => s.lazyLoadedDuringActivate))],
    firstPaints: new Set(samples.map((s) => s.firstPaintText)),
    registered: samples[0]!,
  };
}

/** activate() registers and returns; everything else starts on the next turn (issue: under 2 ms on the CI machine). */
const ACTIVATE_TARGET_MS = 2;
const loadBefore = loadavg()[0]!;
const lazy = measure(false);
const lazyCached = measure(false, true);
const eager = measure(true);
const loadAfter = loadavg()[0]!;
const size = (f: string) => statSync(path.join(dist, f)).size;
// The first paint must show what it showed when activate() rendered it itself: the cached figures marked as
// cached ($(history), never as current), and without a cache the loading text.
const paintsCached = [...lazyCached.firstPaints].every((t) => /EH\/s.*\$\(history\)$/.test(t));
const paintsLoading = [...lazy.firstPaints].every((t) => t === '$(sync~spin) Mining Economics');
const result = {
  bench: 'activation',
  runs: RUNS,
  node: process.version,
  // The machine is shared: wall-clock medians include waiting for a core when the load exceeds the cores.
  loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
  hostBundleBytes: size('extension.js'),
  lazyBundlesBytes: LAZY_HOST_BUNDLES.reduce((sum, f) => sum + size(f), 0),
  lazy: {
    requireMs: lazy.requireMs,
    activateMs: lazy.activateMs,
    activateCpuMs: lazy.activateCpuMs,
    gcInActivateMs: lazy.gcInActivateMs,
    firstPaintMs: lazy.firstPaintMs,
  },
  lazyWithCachedSnapshot: {
    activateMs: lazyCached.activateMs,
    activateCpuMs: lazyCached.activateCpuMs,
    gcInActivateMs: lazyCached.gcInActivateMs,
    firstPaintMs: lazyCached.firstPaintMs,
    firstPaint: [...lazyCached.firstPaints][0],
  },
  eager: { requireMs: eager.requireMs, activateMs: eager.activateMs },
  moduleLoadRatio: +(eager.requireMs / lazy.requireMs).toFixed(1),
  lazyLoadedDuringActivate: lazy.lazyLoadedDuringActivate,
  targets: { activateMs: ACTIVATE_TARGET_MS, requireMs: 15 },
};
console.log(
  `activation: module load ${result.lazy.requireMs} ms (eager design ${result.eager.requireMs} ms, ${result.moduleLoadRatio}× slower), activate() ${result.lazy.activateMs} ms (${result.lazyWithCachedSnapshot.activateMs} ms with a cached snapshot), first paint ${result.lazy.firstPaintMs} ms / ${result.lazyWithCachedSnapshot.firstPaintMs} ms (activate() and the next turn's work until the item's text is set); host bundle ${(result.hostBundleBytes / 1024).toFixed(1)} KB, lazy bundles ${(result.lazyBundlesBytes / 1024).toFixed(1)} KB; load average ${result.loadAverage1m.before} → ${result.loadAverage1m.after} on ${RUNS}-run medians`,
);
const activateOk = Math.max(result.lazy.activateMs, result.lazyWithCachedSnapshot.activateMs) < ACTIVATE_TARGET_MS;
const paintOk = paintsCached && paintsLoading;
const ok =
  activateOk &&
  paintOk &&
  result.lazy.requireMs < 15 &&
  result.lazyLoadedDuringActivate.length === 0 &&
  lazy.registered.statusItems === 1;
console.log(
  `targets: activate < ${ACTIVATE_TARGET_MS} ms ${activateOk ? 'met' : 'MISSED'}, module load < 15 ms ${result.lazy.requireMs < 15 ? 'met' : 'MISSED'}, no lazy bundle (network stack, sources, panel, node) during activation ${result.lazyLoadedDuringActivate.length ? `MISSED (${result.lazyLoadedDuringActivate.join(', ')})` : 'met'}, first paint shows the cached snapshot as cached ${paintOk ? 'met' : `MISSED (${[...lazyCached.firstPaints, ...lazy.firstPaints].join(' | ')})`}`,
);
console.log(JSON.stringify(result));
process.exitCode = ok ? 0 : 1;
