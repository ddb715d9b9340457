// One fresh process = one sample: time require() of the built host bundle and activate() with the
// vscode stand-in, and report whether activation pulled in the lazy bundles. The parent (activation.bench.ts)
// spawns many of these and takes medians.
import { performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import * as path from 'node:path';
import { createContext, createVscodeStub, installVscodeStub } from '../support/vscodeStub';
import { makeSnapshot } from '../unit/helpers/snapshot';
import { LAZY_HOST_BUNDLES } from './hostBundles';

const dist = path.resolve(process.argv[2] ?? 'dist');
const eager = process.argv.includes('--eager');
// Every start after the first paints the snapshot cached by the previous session: figures, hover and all.
const cached = process.argv.includes('--cached');
// An unreachable source: activation must not wait for the network either way.
const { vscode, record } = createVscodeStub({ 'miningEconomics.mempoolUrl': 'http://127.0.0.1:9' });
installVscodeStub(vscode);

const context = createContext(path.dirname(dist)); // the test's own setup (a temp folder): not timed
if (cached)
  void context.globalState.update(
    'miningEconomics.lastSnapshot',
    makeSnapshot({ sourceHost: '127.0.0.1:9', fetchedAtMs: Date.now() - 120_000 }),
  );
// The setup's garbage is the harness's, not the extension's: collect it (the parent passes --expose-gc) so a
// collection it made due does not land on the clock below by chance. Collections the extension's own
// allocations cause still count, and are reported.
(globalThis as { gc?: () => void }).gc?.();
const gcPauses: PerformanceEntry[] = [];
const gcObserver = new PerformanceObserver((list) => gcPauses.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });
let paintedAt = 0;
// The item is made on the turn after activate(): note each time its text is set, from its creation on.
type CreateItem = (...args: unknown[]) => { text: string };
const stubWindow = (vscode as { window: { createStatusBarItem: CreateItem } }).window;
const createStatusBarItem = stubWindow.createStatusBarItem.bind(stubWindow);
stubWindow.createStatusBarItem = (...args) => {
  const created = createStatusBarItem(...args);
  let text = created.text;
  Object.defineProperty(created, 'text', {
    get: () => text,
    set: (value: string) => {
      text = value;
      paintedAt = performance.now();
    },
  });
  return created;
};
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(path.join(dist, 'extension.js')) as { activate(context: unknown): void };
// The naive design: load the HTTP stack, the sources, the panel and the node features up front.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (eager) for (const bundle of LAZY_HOST_BUNDLES) require(path.join(dist, bundle));
// Queued before activate()'s own: marks when the next turn's work starts (the loop's own start-up is not ours).
// As in any extension host, Node's immediate queue is thus already in use when activate() queues its work.
let nextTurnAt = 0;
setImmediate(() => (nextTurnAt = performance.now()));
const t1 = performance.now();
const cpu0 = process.cpuUsage();
extension.activate(context);
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
const loaded = Object.keys(require.cache).map((f) => path.basename(f));
// activate() leaves the status item and its first render (and the start of the refresh) to the next turn, before
// any timer: VS Code sends a status item to the window on a timer, so what the item holds then is the window's
// first frame. The first paint's cost: activate() plus that turn's work until the item's text was last set.
setImmediate(() => {
  const firstPaintText = record.statusItems[0]?.text ?? '';
  const firstPaintMs = t2 - t1 + Math.max(0, paintedAt - nextTurnAt);
  // GC entries arrive asynchronously: give them a timer's turn.
  setTimeout(() => {
    gcPauses.push(...gcObserver.takeRecords());
    gcObserver.disconnect();
    const within = (from: number, to: number) =>
      gcPauses.filter((e) => e.startTime >= from && e.startTime < to).reduce((sum, e) => sum + e.duration, 0);
    process.stdout.write(
      `${JSON.stringify({
        requireMs: t1 - t0,
        activateMs: t2 - t1,
        activateCpuMs: (cpu.user + cpu.system) / 1000,
        gcInActivateMs: within(t1, t2),
        firstPaintMs,
        firstPaintText,
        lazyLoadedDuringActivate: eager ? [] : LAZY_HOST_BUNDLES.filter((b) => loaded.includes(b)),
        statusItems: record.statusItems.length,
        commands: record.commands.size,
      })}\n`,
    );
    for (const d of context.subscriptions) d.dispose();
    process.exit(0);
  }, 0);
});
