/**
 * End-to-end: Bitcoin Core as the glance source. The packaged .vsix in a real VS Code (code-server) with
 * `miningEconomics.source: bitcoind`, against the Core-shaped test node (test/server/bitcoind, a separate
 * process on a random port, bundled here with esbuild). What the status bar and hover must show is computed
 * here from the node's own RPC answers (raw JSON-RPC, never src/) with expected.ts' independent formatting.
 * Then the node's states, steered through its control API: warming up (−28), initial block download, a
 * rejected cookie (401, then a new cookie re-read without help), and a stopped node (unreachable) — each a
 * message in the hover with the last figures kept and marked stale.
 *
 * Run: bash scripts/e2e/run.sh test/e2e/node.e2e.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectedGlance, type Served } from './expected';
import { e2ePaths, runCommand, waitForStatusItem, waitUntil } from './harness';
import { httpRequest } from './replay';
import { runScenarios, type Scenario } from './scenario';
import {
  ITEM_ID,
  CMD_REFRESH,
  assert,
  assertHoverHas,
  hoverShot,
  hoverText,
  isWarning,
  launch,
  waitForFresh,
} from './workbench';

const PRICE_USD = 50_000;

// ------------------------------------------------------------------ the test node as a process

interface NodeProcess {
  url: string;
  port: number;
  cookiePath: string;
  rpc<T>(method: string, params?: unknown[]): Promise<T>;
  mode(body: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

function nodeBundle(): string {
  const { repoRoot, cacheDir } = e2ePaths();
  const out = path.join(cacheDir, 'bundles', 'bitcoind-server.js');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(repoRoot, 'test', 'server', 'bitcoind', 'cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
  });
  return out;
}

async function startNode(s: Scenario, script: string): Promise<NodeProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-bitcoind-'));
  const child: ChildProcess = spawn(process.execPath, [script, '--end', 'now', '--datadir', dataDir], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let exited: string | undefined;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-20_000)));
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* gone */
    }
  };
  process.on('exit', () => kill('SIGKILL'));
  await waitUntil(() => /BITCOIND_COOKIE=(\S+)/.test(out) || undefined, {
    timeoutMs: 60_000,
    intervalMs: 50,
    what: 'BITCOIND_URL and BITCOIND_COOKIE from the test node',
    failIf: () => (exited ? `test node ${exited}: ${err}` : undefined),
  });
  const url = /BITCOIND_URL=(\S+)/.exec(out)![1]!;
  const cookiePath = /BITCOIND_COOKIE=(\S+)/.exec(out)![1]!;
  let stopped = false;
  const node: NodeProcess = {
    url,
    port: Number(new URL(url).port),
    cookiePath,
    async rpc<T>(method: string, params: unknown[] = []): Promise<T> {
      const cookie = fs.readFileSync(cookiePath, 'utf8').trim();
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(cookie).toString('base64')}` },
        body: JSON.stringify({ jsonrpc: '1.0', id: 1, method, params }),
      });
      const json = (await res.json()) as { result: T; error: unknown };
      if (json.error) throw new Error(`${method}: ${JSON.stringify(json.error)}`);
      return json.result;
    },
    async mode(body) {
      const r = await httpRequest(`${url}/__control/mode`, { method: 'POST', body });
      assert(r.status === 200, `node control: HTTP ${r.status} ${r.body}`);
    },
    async stop() {
      if (stopped || exited) return;
      stopped = true;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(t);
    },
  };
  s.defer(() => node.stop());
  s.defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return node;
}

// ------------------------------------------------------------------ the oracle, from the node's answers

/**
 * The node's answers shaped as expected.ts' `Served`, so its independent formulas and formatting apply:
 * hash rate getnetworkhashps(1008), difficulty, the fee total of the newest 144 blocks (getblockstats), the
 * trend from 14 windows of getnetworkhashps(144) a day apart, the manual price.
 */
async function servedByNode(node: NodeProcess): Promise<Served> {
  const info = await node.rpc<{ blocks: number; difficulty: number; time: number }>('getblockchaininfo');
  const tip = info.blocks;
  const currentHashrate = await node.rpc<number>('getnetworkhashps', [1008, tip]);
  let totalFee = 0;
  for (let h = tip - 143; h <= tip; h++)
    totalFee += (await node.rpc<{ totalfee: number }>('getblockstats', [h, ['totalfee']])).totalfee;
  const hashrates: { timestamp: number; avgHashrate: number }[] = [];
  for (let k = 13; k >= 0; k--)
    hashrates.push({
      timestamp: info.time - k * 86_400,
      avgHashrate: await node.rpc<number>('getnetworkhashps', [144, tip - 144 * k]),
    });
  return {
    tip,
    hashrate: { currentHashrate, currentDifficulty: info.difficulty, hashrates, difficulty: [] },
    // Only the hover's difficulty rows read these; this suite checks the node's own figures.
    adjustment: {
      progressPercent: 0,
      difficultyChange: 0,
      estimatedRetargetDate: 0,
      remainingBlocks: 0,
      previousRetarget: 0,
      previousTime: 0,
      nextRetargetHeight: 0,
      timeAvg: 0,
    },
    rewardStats: { startBlock: tip - 143, endBlock: tip, totalReward: '0', totalFee: String(totalFee) },
    prices: { USD: PRICE_USD },
  };
}

// ------------------------------------------------------------------ scenario

async function waitHover(page: import('playwright-core').Page, parts: string[], what: string) {
  let last = '';
  await waitUntil(
    async () => {
      await page.mouse.move(400, 300);
      last = await hoverText(page);
      return parts.every((p) => last.includes(p)) || undefined;
    },
    { timeoutMs: 90_000, intervalMs: 1_000, what: `${what} (hover: ${last.slice(0, 600)})` },
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n    last hover: ${last.slice(0, 1200)}`);
  });
  return last;
}

const nodeScenario = {
  name: 'bitcoind source: status bar, hover and node states',
  async run(s: Scenario) {
    const node = await startNode(s, nodeBundle());
    const exp = expectedGlance(await servedByNode(node));
    const { page } = await launch(s, 'dark', {
      'miningEconomics.source': 'bitcoind',
      'miningEconomics.bitcoind.url': node.url,
      'miningEconomics.bitcoind.cookieFile': node.cookiePath,
      'miningEconomics.priceSource': 'manual',
      'miningEconomics.manualBtcPrice': PRICE_USD,
      // No mempool instance is needed, and none may be asked.
      'miningEconomics.mempoolUrl': 'http://127.0.0.1:9',
    });
    const stale = (what: string) =>
      waitForStatusItem(page, ITEM_ID, (v) => isWarning(v) && v.text.startsWith(exp.statusText), {
        timeoutMs: 90_000,
        what,
      });
    const refresh = () => runCommand(page, CMD_REFRESH);

    await s.step('status bar: hash rate and hashprice computed from the node’s answers', async () => {
      await waitForFresh(page, exp, 120_000);
    });

    await s.step('hover: the node’s figures, the node as the source and the manual price source', async () => {
      const text = await waitHover(page, ['Source:'], 'the hover');
      assertHoverHas(text, [
        `Hash rate (7-day estimate) ${exp.hashrate}`,
        `Hashprice ${exp.hashprice}`,
        `Difficulty ${exp.difficulty}`,
        `BTC price $50,000 USD`,
        `Source: bitcoind@127.0.0.1:${node.port} · prices: manual`,
      ]);
      await hoverShot(page, 'node-hover-dark');
    });

    await s.step('warming up (−28): the node’s init step in the hover, figures kept and marked stale', async () => {
      await node.mode({ warmingUp: 'Loading block index…' });
      await refresh();
      await stale('stale marker while warming up');
      await waitHover(page, ['Stale', 'is starting up', 'Loading block index'], 'the warming-up message');
      await node.mode({ warmingUp: null });
      await refresh();
      await waitForFresh(page, exp, 120_000);
    });

    await s.step('initial block download: "Node syncing 42%", no figure shown as current', async () => {
      await node.mode({ syncing: { progress: 0.42 } });
      await refresh();
      await stale('stale marker while syncing');
      await waitHover(page, ['Stale', 'Node syncing 42', 'still downloading the chain'], 'the IBD message');
      await node.mode({ syncing: null });
      await refresh();
      await waitForFresh(page, exp, 120_000);
    });

    await s.step('401: the node restarts with a new cookie and the file holds another: the path it tried', async () => {
      // A restart writes a new cookie; replacing the file's content afterwards leaves the extension with none
      // that works: 401, re-read, 401 again.
      const r = await httpRequest(`${node.url}/__control/rotate-cookie`, { method: 'POST', body: {} });
      assert(r.status === 200, `rotate-cookie: HTTP ${r.status}`);
      fs.writeFileSync(node.cookiePath, `__cookie__:${'0'.repeat(64)}`);
      await refresh();
      await stale('stale marker after a 401');
      await waitHover(page, ['HTTP 401', node.cookiePath], 'the 401 message');
      // The next restart writes a good cookie: re-read after the 401, without the user doing anything.
      const again = await httpRequest(`${node.url}/__control/rotate-cookie`, { method: 'POST', body: {} });
      assert(again.status === 200, `rotate-cookie: HTTP ${again.status}`);
      await refresh();
      await waitForFresh(page, exp, 120_000);
    });

    await s.step('node stopped: unreachable, "is bitcoind running with server=1", last figures stale', async () => {
      await node.stop();
      await refresh();
      await stale('stale marker with the node stopped');
      const text = await waitHover(page, ['Stale', 'not reachable', 'server=1'], 'the unreachable message');
      assertHoverHas(text, [`Hash rate (7-day estimate) ${exp.hashrate}`]);
      await hoverShot(page, 'node-unreachable-hover-dark');
    });
  },
};

async function main(): Promise<number> {
  return runScenarios([nodeScenario]);
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
