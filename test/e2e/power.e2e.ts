/**
 * End-to-end suite of the panel's "Power & pools" section: the packaged .vsix in a real VS Code (code-server)
 * against the replay server. The section shows the network power (best guess and bounds, GW), the breakeven
 * chart, the pools chart and tables and the "where the hash went" line; with the pools routes answering 404
 * (an instance without mining indexing) it says so and the power half still works. The pools table is
 * checked against what the replay server serves (never against src/).
 * Run: bash scripts/e2e/run.sh test/e2e/power.e2e.ts
 */
import type { Frame, Page } from 'playwright-core';
import { findWebviewFrame, normalizeText, screenshot, waitUntil } from './harness';
import type { ReplayProcess } from './replay';
import { runScenarios, type Scenario } from './scenario';
import { assert, closeSideBar, launch, openPanel, panelInBuild, startReplayFor } from './workbench';

/** "Network power ≈ 18 GW (12 GW – 25 GW) on 2026-11-30 · …". */
const POWER_FIGURE = /Network power ≈ ([\d.,]+) (GW|MW) \(([\d.,]+) (GW|MW) – ([\d.,]+) (GW|MW)\)/;

interface ServedPools {
  pools: { name: string; blockCount: number; rank: number }[];
  blockCount: number;
}

async function openSection(s: Scenario, page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await s.step('F1 "Bitcoin: Show Mining Economics" opens the panel, and the Power & pools section loads', async () => {
    await page.mouse.move(400, 300);
    await closeSideBar(page);
    console.log(`    ${await openPanel(page, 'dark', true)}`);
    frame = await findWebviewFrame(page, 'main#app', 60_000);
    await frame.locator('#section-power:not([hidden]) #power-title').waitFor({ state: 'attached', timeout: 60_000 });
  });
  assert(frame, 'the panel did not open');
  return frame;
}

/** The power figure once it shows numbers: [best, low, high] in watts. */
async function powerFigure(frame: Frame): Promise<{ text: string; watts: number[] }> {
  const el = frame.locator('[data-power-figure]');
  const text = await waitUntil(
    async () => {
      const t = normalizeText(await el.innerText());
      return POWER_FIGURE.test(t) ? t : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 500, what: 'the network power figure in GW' },
  );
  const m = POWER_FIGURE.exec(text)!;
  const w = (v: string, unit: string) => Number(v.replace(/,/g, '')) * (unit === 'GW' ? 1e9 : 1e6);
  return { text, watts: [w(m[1]!, m[2]!), w(m[3]!, m[4]!), w(m[5]!, m[6]!)] };
}

/** The chart's canvas has ink (drawn), read in the page. */
async function chartDrawn(frame: Frame, id: string): Promise<number> {
  return waitUntil(
    async () => {
      const ink = await frame.evaluate((chart) => {
        const canvas = document.querySelector<HTMLCanvasElement>(`.chart-${chart} canvas`);
        if (!canvas || canvas.width === 0) return 0;
        const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        let seen = 0;
        for (let i = 3; i < d.length; i += 20) {
          seen++;
          if (d[i]! > 0) drawn++;
        }
        return seen ? drawn / seen : 0;
      }, id);
      return ink > 0.002 ? ink : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: `the ${id} chart drawn` },
  );
}

const powerScenario = {
  name: 'power and pools (dark)',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const served = await replay.json<ServedPools>('/api/v1/mining/pools/1y');
    const { page, server } = await launch(s, 'dark', { 'miningEconomics.mempoolUrl': replay.url });
    assert(panelInBuild(server), 'the webview is not in the build');
    const frame = await openSection(s, page);

    await s.step('the network power shows as a best guess within its bounds, in GW, with TWh/yr', async () => {
      const { text, watts } = await powerFigure(frame);
      const [best, low, high] = watts as [number, number, number];
      assert(low <= best && best <= high, `bounds out of order in "${text}"`);
      // Near 1 ZH/s at 10–40 J/TH the network draws gigawatts, not megawatts or terawatts.
      assert(best >= 1e9 && best < 1e11, `best guess ${best} W is not in the gigawatts: "${text}"`);
      assert(/TWh\/yr/.test(text), `no yearly energy in "${text}"`);
      console.log(`    ${text}`);
      await frame.locator('#section-power').scrollIntoViewIfNeeded();
      await chartDrawn(frame, 'power');
      const legend = normalizeText(await frame.locator('.chart-power .legend').innerText());
      assert(/Best guess/.test(legend) && /Lower–upper bound/.test(legend), `power legend: ${legend}`);
      await screenshot(page, 'power-section-dark');
    });

    await s.step('the breakeven efficiency chart draws, with the machine generations under water or not', async () => {
      await chartDrawn(frame, 'breakeven');
      const table = normalizeText(await frame.locator('.power-generations table').innerText());
      assert(/Antminer S9/.test(table) && /J\/TH/.test(table), `generations table: ${table.slice(0, 200)}`);
      assert(/under water|profitable/.test(table), `no verdicts in the generations table: ${table.slice(0, 200)}`);
    });

    await s.step('the "where the hash went" line says the change in hash rate and what it means', async () => {
      const text = await waitUntil(
        async () => {
          const t = normalizeText(await frame.locator('[data-power-where]').innerText());
          return /Where the hash went: .*(H\/s|unchanged)/.test(t) ? t : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'the where-the-hash-went line' },
      );
      console.log(`    ${text}`);
      await frame.locator('.power-reference button[data-reference="30d"]').click();
      await waitUntil(
        async () =>
          /in 30 days|Where the hash went: .*30d/.test(
            normalizeText(await frame.locator('[data-power-where]').innerText()),
          ) || undefined,
        { timeoutMs: 30_000, intervalMs: 250, what: 'the line to follow the 30-day reference' },
      );
    });

    await s.step('the pools chart draws and the tables show the served blocks per pool', async () => {
      await frame.locator('.chart-pools:not([hidden])').waitFor({ state: 'visible', timeout: 90_000 });
      await chartDrawn(frame, 'pools');
      const rows = frame.locator('table.power-blocks tbody tr');
      await rows.first().waitFor({ state: 'attached', timeout: 30_000 });
      const first = normalizeText(await rows.first().innerText());
      const top = [...served.pools].sort((a, b) => a.rank - b.rank)[0]!;
      const share = ((top.blockCount / served.blockCount) * 100).toFixed(1);
      assert(
        first.includes(top.name) &&
          first.includes(top.blockCount.toLocaleString('en-US')) &&
          first.includes(`${share}`),
        `first row "${first}" is not ${top.name} with ${top.blockCount} blocks (${share} %)`,
      );
      const changes = normalizeText(await frame.locator('table.power-changes').innerText());
      assert(/pts/.test(changes) && /First week/.test(changes), `grew/shrank table: ${changes.slice(0, 200)}`);
      await frame.locator('.chart-pools').scrollIntoViewIfNeeded();
      await screenshot(page, 'power-pools-dark');
    });

    await s.step('the power chart has a table view like the other charts', async () => {
      await frame.locator('.chart-power button', { hasText: 'Table' }).click();
      const table = frame.locator('[data-chart-table="power"] table');
      await table.waitFor({ state: 'visible', timeout: 30_000 });
      const head = normalizeText(await table.locator('thead').innerText());
      assert(/Lower bound \(W\)/.test(head) && /Best guess \(W\)/.test(head), `table head: ${head}`);
    });
  },
};

const pools404Scenario = {
  name: 'pools answer 404',
  async run(s: Scenario) {
    const replay: ReplayProcess = await startReplayFor(s);
    await replay.fault('http404', { pathsRegex: '/api/v1/mining/(hashrate/)?pools/' });
    const { page } = await launch(s, 'dark', { 'miningEconomics.mempoolUrl': replay.url });
    const frame = await openSection(s, page);

    await s.step('the section says the instance has no pool statistics; the power still shows', async () => {
      const status = await waitUntil(
        async () => {
          const t = normalizeText(await frame.locator('[data-pools-status]').innerText());
          return /404/.test(t) ? t : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: 'the pools status to mention the 404' },
      );
      console.log(`    ${status}`);
      assert(/does not serve mining-pool statistics/.test(status), `status: ${status}`);
      assert(await frame.locator('.chart-pools').isHidden(), 'the pools chart is shown without data');
      const { text } = await powerFigure(frame);
      console.log(`    ${text}`);
      await chartDrawn(frame, 'breakeven');
      const requests = await replay.requests();
      assert(
        requests.some((r) => r.path.startsWith('/api/v1/mining/pools/') && r.status === 404),
        'the pools route was not asked',
      );
      await frame.locator('[data-pools-status]').scrollIntoViewIfNeeded();
      await screenshot(page, 'power-pools-404-dark');
    });
  },
};

runScenarios([powerScenario, pools404Scenario]).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
