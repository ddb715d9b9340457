// Memory: heap after 10,000 simulated refresh cycles vs after 100. Each cycle is what a refresh does in the
// host — fetch (tip-first), parse, validate, update the state, compute the figures, render the status text
// and the hover — against an in-process transport that serves the replay server's responses (no sockets,
// so 10,000 cycles take seconds). A block arrives every other cycle so both refresh paths run.
// The responses of 200 successive chain states are rendered up front and replayed in a loop, so the
// measurement sees our code's memory, not the generator's.
// Run: node --expose-gc out/bench/memory.bench.js
import { fetchSnapshot } from '../../src/core/fetchSnapshot';
import { computeGlanceFigures } from '../../src/core/views/glanceFigures';
import { hoverMarkdown } from '../../src/core/views/hoverMarkdown';
import { StateHolder } from '../../src/core/glance/state';
import { statusText } from '../../src/core/views/statusText';
import { TransportError, type Transport } from '../../src/core/transport';
import { generateChain } from '../server/chain';
import { respond } from '../server/responses';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}

const PATHS = [
  '/api/blocks/tip/height',
  '/api/v1/mining/hashrate/1m',
  '/api/v1/difficulty-adjustment',
  '/api/v1/mining/reward-stats/144',
  '/api/v1/prices',
  '/api/v1/blocks',
];
const STATES = 200;
const chain = generateChain().fork();
let nowS = chain.tipTimeS + 60;
const recorded: Map<string, string>[] = [];
for (let i = 0; i < STATES; i++) {
  chain.mine(1, { firstTimeS: chain.tipTimeS + 600 });
  const bodies = new Map<string, string>();
  for (const path of PATHS) {
    const r = respond(chain, { url: path }, chain.tipTimeS + 60);
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
    bodies.set(path, r.body);
  }
  recorded.push(bodies);
}
let current = recorded[0]!;
const transport: Transport = {
  getText: async (path) => {
    const body = current.get(path);
    if (body === undefined) throw new TransportError('http', `${path}: not recorded`);
    return body;
  },
};

const state = new StateHolder();
let rendered = 0;
state.subscribe((s) => {
  if (!s.snapshot) return;
  const nowMs = nowS * 1000;
  const f = computeGlanceFigures(s.snapshot, 'USD', nowMs);
  rendered += statusText(f, 'hashrateAndHashprice', '', true, nowMs).length;
  rendered += hoverMarkdown({
    figures: f,
    sourceHost: 'replay',
    fetchedAtMs: s.snapshot.fetchedAtMs,
    nowMs,
    error: null,
    fromCache: false,
    formatDate: (ms) => new Date(ms).toISOString(),
    commands: { show: 'a', refresh: 'b', showLog: 'c' },
  }).length;
});

async function cycles(n: number, startIndex: number): Promise<void> {
  for (let i = startIndex; i < startIndex + n; i++) {
    nowS += 300;
    // A new block every other cycle; going round the recorded states the tip steps back once per lap,
    // which the tip-first path treats like any other change.
    current = recorded[Math.floor(i / 2) % STATES]!;
    const { snapshot } = await fetchSnapshot(transport, 'replay', () => nowS * 1000, state.current.snapshot);
    state.succeeded(snapshot);
  }
}

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  await cycles(100, 0);
  const after100 = heapMb();
  await cycles(9_900, 100);
  const after10k = heapMb();
  const growthPercent = ((after10k - after100) / after100) * 100;
  const result = {
    bench: 'memory',
    node: process.version,
    cycles: 10_000,
    heapAfter100Mb: +after100.toFixed(2),
    heapAfter10000Mb: +after10k.toFixed(2),
    growthPercent: +growthPercent.toFixed(1),
    seconds: +((Date.now() - t0) / 1000).toFixed(1),
    target: 'growth within noise (< 10 %)',
  };
  console.log(
    `memory: heap ${result.heapAfter100Mb} MB after 100 refresh cycles, ${result.heapAfter10000Mb} MB after 10,000 (${result.growthPercent >= 0 ? '+' : ''}${result.growthPercent} %), ${result.seconds} s; rendered ${rendered} characters`,
  );
  console.log(JSON.stringify(result));
  process.exitCode = Math.abs(growthPercent) < 10 ? 0 : 1;
}

void main();
