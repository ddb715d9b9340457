/**
 * The node in a real VS Code: the panel's history from the Core-shaped test node (progress, Cancel, the
 * node's own series), and the hover's second opinion flagging a node whose tip the test node holds back.
 * Both servers serve the same synthetic chain (same seed and end), so they agree until told otherwise.
 */
import { generateChain } from '../server/chain';
import { startBitcoindServer, type BitcoindServer } from '../server/bitcoind/server';
import { findWebviewFrame, waitUntil } from './harness';
import { runScenarios, type Scenario } from './scenario';
import { assert, closeSideBar, hoverText, launch, openPanel, panelInBuild, type Theme } from './workbench';
import { startReplay } from './replay';

const THEME: Theme = 'dark';

/** mempool (the replay server) and the node over one chain: same default seed, same end second. */
async function servers(s: Scenario): Promise<{ replayUrl: string; node: BitcoindServer; tip: number }> {
  const endS = Math.floor(Date.now() / 1000);
  const replay = await startReplay({ args: ['--end', String(endS)] });
  s.defer(() => replay.stop());
  const node = await startBitcoindServer({ chain: generateChain({ endTimeS: endS }).fork() });
  s.defer(() => node.close());
  return { replayUrl: replay.url, node, tip: node.node.tipHeight };
}

const panelScenario = {
  name: 'panel history from the node',
  async run(s: Scenario) {
    const { replayUrl, node } = await servers(s);
    const { page, server } = await launch(s, THEME, {
      'miningEconomics.mempoolUrl': replayUrl,
      'miningEconomics.source': 'bitcoind',
      'miningEconomics.bitcoind.url': node.url,
      'miningEconomics.bitcoind.cookieFile': node.cookiePath,
      'miningEconomics.secondOpinion': 'off',
    });
    if (!panelInBuild(server)) {
      await s.step('panel in the build', async () => assert(false, 'no webview bundle in this build'));
      return;
    }

    await s.step(
      'the 1Y charts are drawn from the node (getnetworkhashps batches), saying where fees stop',
      async () => {
        await page.mouse.move(400, 300);
        await closeSideBar(page);
        console.log(`    ${await openPanel(page, THEME, true)}`);
        const frame = await findWebviewFrame(page, 'main#app', 60_000);
        await waitUntil(
          async () =>
            ((await frame.locator('.notice').textContent()) ?? '').includes('ranges up to 91 days') || undefined,
          { timeoutMs: 120_000, intervalMs: 500, what: 'the node dataset note in the panel' },
        );
        const batches = node.requests.filter((r) => r.batch && r.methods.includes('getnetworkhashps'));
        assert(batches.length > 0, 'no getnetworkhashps batch reached the node');
        console.log(`    ${node.requests.length} requests to the node, ${batches.length} hash-rate batches`);
      },
    );

    await s.step('ALL fills progressively with a progress bar, and Cancel stops it keeping what came', async () => {
      const frame = await findWebviewFrame(page, 'main#app', 60_000);
      // A slow node: after its first batch of ALL's hash rates the node holds each next one until the test
      // lets it through, so the fill cannot finish before Cancel however fast this machine is.
      const hold = node.holdBatches('getnetworkhashps', 1);
      s.defer(() => hold.release());
      await frame.locator('.segment[data-range="ALL"]').click();
      await frame.locator('.notice progress').waitFor({ state: 'visible', timeout: 120_000 });
      const text = (await frame.locator('.notice').textContent()) ?? '';
      assert(/\d+ of \d+ heights from your node/.test(text), `progress text: "${text}"`);
      await frame.locator('.notice button', { hasText: 'Cancel' }).click();
      // The fill looks at Cancel after each batch: let one batch through at a time until it has stopped (the
      // click reaches the host in moments; a few batches at most).
      await waitUntil(
        async () => {
          if (((await frame.locator('.notice').textContent()) ?? '').includes('was cancelled')) return true;
          hold.step();
          return undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'the cancelled note' },
      );
      hold.release();
    });
  },
};

const secondOpinionScenario = {
  name: 'second opinion flags a node held back',
  async run(s: Scenario) {
    const { replayUrl, node, tip } = await servers(s);
    // The node stops 5 blocks short of the chain mempool serves.
    node.setStaleTip(tip - 5);
    const { page } = await launch(s, THEME, {
      'miningEconomics.mempoolUrl': replayUrl,
      'miningEconomics.bitcoind.url': node.url,
      'miningEconomics.bitcoind.cookieFile': node.cookiePath,
    });
    await s.step('the hover says the node is 5 blocks behind mempool', async () => {
      const text = await waitUntil(
        async () => {
          const t = await hoverText(page);
          return t.includes('Second opinion disagrees') ? t : undefined;
        },
        { timeoutMs: 150_000, intervalMs: 3_000, what: 'the second opinion in the hover' },
      );
      // The hover capitalises the sentence it leads with.
      assert(/your node is 5 blocks behind/i.test(text), `hover: ${text.slice(0, 400)}`);
    });
  },
};

runScenarios([panelScenario, secondOpinionScenario]).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
