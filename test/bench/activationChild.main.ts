// One fresh process = one sample: time require() of the built host bundle and activate() with the
// vscode stand-in, and report whether activation pulled in the lazy bundles. The parent (activation.bench.ts)
// spawns many of these and takes medians.
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { createContext, createVscodeStub, installVscodeStub } from '../support/vscodeStub';
import { makeSnapshot } from '../unit/helpers/snapshot';

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
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(path.join(dist, 'extension.js')) as { activate(context: unknown): void };
// The naive design: load the HTTP stack (and the panel) up front.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (eager) for (const bundle of ['net.js', 'panel.js']) require(path.join(dist, bundle));
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
const loaded = Object.keys(require.cache).map((f) => path.basename(f));
process.stdout.write(
  `${JSON.stringify({
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    netLoadedDuringActivate: !eager && loaded.includes('net.js'),
    statusItems: record.statusItems.length,
    commands: record.commands.size,
  })}\n`,
);
for (const d of context.subscriptions) d.dispose();
process.exit(0);
