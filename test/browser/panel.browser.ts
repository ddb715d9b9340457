// Page tests of the trend panel in headless Chromium: the built webview (dist/webview.js + .css) in the
// host's own HTML and CSP, driven by a fake VS Code host that speaks the real protocol with data from the
// synthetic chain. Run: npm run test:browser (node esbuild.js && node out/browser/panel.browser.js)
// Every wait is on a condition (a message, a DOM state); there are no fixed sleeps.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { historyCsv } from '../../src/core/history/csv';
import { deriveSeries } from '../../src/core/history/derive';
import { indexRange } from '../../src/core/history/slice';
import {
  formatDifficulty,
  formatHashrate,
  formatMoney,
  formatNumber,
  formatPowerPrice,
  formatSignedPercent,
  isoDay,
  moneyText,
} from '../../src/core/format';
import { hashrateRangeText, percentRangeText } from '../../src/core/views/estimateText';
import { networkPowerText } from '../../src/core/views/powerText';
import { computeGlanceFigures } from '../../src/core/views/glanceFigures';
import type { HistoryDataset, RangeId } from '../../src/shared/protocol';
import { PNL_EDIT_SETTING_KEYS } from '../../src/core/pnl/panelFieldNames';
import { validatePnlEdit } from '../../src/core/views/pnlFields';
import { buildFixtures, pnlMessages, type Fixtures } from './data';
import { applyTheme, drawnGeneration, FakeHost, launchBrowser, ROOT, startPageServer, waitForDrawn } from './harness';
import { THEMES } from './themes';

const ARTIFACTS = path.join(ROOT, 'artifacts', 'browser');
const TEST_TIMEOUT_MS = 120_000;

interface Result {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}
const results: Result[] = [];

async function test(name: string, fn: () => Promise<void>): Promise<void> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
      }),
    ]);
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results.push({ name, ok: false, ms: Date.now() - started, error: message });
    console.log(`  ✗ ${name}\n    ${message.split('\n').join('\n    ')}`);
  } finally {
    clearTimeout(timer);
  }
}

function hexRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Per chart: share of painted pixels and how many pixels match each given colour. */
function canvasStats(
  page: Page,
  colours: Record<string, [number, number, number][]>,
): Promise<Record<string, { painted: number; matches: number[]; hash: number }>> {
  return page.evaluate((wanted) => {
    const out: Record<string, { painted: number; matches: number[]; hash: number }> = {};
    for (const plot of Array.from(document.querySelectorAll<HTMLElement>('.plot[data-chart]'))) {
      const id = plot.dataset.chart!;
      const canvas = plot.querySelector('canvas');
      if (!canvas) continue;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const want = wanted[id] ?? [];
      const matches = want.map(() => 0);
      let painted = 0;
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) {
        const a = data[i + 3]!;
        if (a === 0) continue;
        painted++;
        hash = (hash * 31 + data[i]! * 7 + data[i + 1]! * 13 + data[i + 2]!) | 0;
        if (a < 200) continue;
        for (let k = 0; k < want.length; k++) {
          const [r, g, b] = want[k]!;
          if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 40) matches[k]!++;
        }
      }
      out[id] = { painted: painted / (data.length / 4), matches, hash };
    }
    return out;
  }, colours);
}

function chartColours(theme: 'dark' | 'light'): Record<string, [number, number, number][]> {
  const v = THEMES[theme].vars;
  const c = (name: string): [number, number, number] => hexRgb(v[`--vscode-charts-${name}`]!);
  return {
    // The 7-day line (blue) mostly runs under the 30-day one: look for the 30-day line and difficulty.
    hashrate: [c('purple'), c('orange')],
    hashprice: [c('green'), c('yellow')],
    mix: [c('blue'), c('orange')],
  };
}

function domains(page: Page): Promise<Record<string, [number, number]>> {
  return page.evaluate(() => {
    const out: Record<string, [number, number]> = {};
    for (const plot of Array.from(document.querySelectorAll<HTMLElement>('.plot[data-chart]'))) {
      out[plot.dataset.chart!] = [Number(plot.dataset.xMin), Number(plot.dataset.xMax)];
    }
    return out;
  });
}

async function overBox(page: Page, chart: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const over = page.locator(`.plot[data-chart="${chart}"] .u-over`);
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  assert.ok(box, `no plot area for ${chart}`);
  return box;
}

async function main(): Promise<void> {
  const assets = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(assets, 'webview.js')) || !fs.existsSync(path.join(assets, 'webview.css'))) {
    throw new Error('dist/webview.js or dist/webview.css is missing: run `node esbuild.js` first');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  console.log('Building test data from the synthetic chain…');
  const fixtures: Fixtures = await buildFixtures();
  const dataset = (range: RangeId): HistoryDataset => fixtures.datasets.get(range)!;
  const server = await startPageServer(assets);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const host = await FakeHost.attach(page);
    // When the charts first drew: the P&L script must be requested after it.
    await page.addInitScript(() => {
      window.addEventListener('mining-economics:drawn', () => {
        const w = window as unknown as { __firstDrawnAt?: number };
        w.__firstDrawnAt ??= performance.now();
      });
    });
    // The fake extension host: answers the way MiningPanel does. Its user settings start empty (defaults);
    // a `pnl/update` writes one (after the host's own check, validatePnlEdit) and the P&L follows.
    const settings: Record<string, unknown> = {};
    let shownRange: RangeId | null = null;
    let pnlReady = false;
    const postPnl = async (h: FakeHost): Promise<void> => {
      if (pnlReady) await h.post({ type: 'pnl/state', state: pnlMessages(fixtures, settings, shownRange) });
    };
    host.onMessage = async (m, h) => {
      if (m.type === 'ready') {
        pnlReady = false;
        shownRange = m.range;
        await h.post({ type: 'status', status: fixtures.status });
        await h.post({ type: 'figures', figures: fixtures.figures });
        await h.post({ type: 'historyState', range: m.range, state: 'loading', message: null });
        await h.post({ type: 'history', dataset: dataset(m.range) });
        await h.post({ type: 'historyState', range: m.range, state: 'loaded', message: null });
      } else if (m.type === 'selectRange') {
        shownRange = m.range;
        await h.post({ type: 'history', dataset: dataset(m.range) });
        await postPnl(h);
      } else if (m.type === 'exportCsv' || m.type === 'savePng') {
        await h.post({
          type: 'saveResult',
          requestId: m.requestId,
          ok: true,
          message: `Saved ${m.type === 'savePng' ? m.fileName : 'the CSV'}.`,
        });
      } else if (m.type === 'pnl/ready') {
        pnlReady = true;
        await postPnl(h);
      } else if (m.type === 'pnl/update') {
        const checked = validatePnlEdit(m.field, m.value, settings['pnl.fleetUnit'] === 'MW' ? 'MW' : 'PH/s');
        if (!checked.ok) {
          await h.post({ type: 'pnl/updateResult', field: m.field, ok: false, message: checked.message });
          return;
        }
        settings[PNL_EDIT_SETTING_KEYS[m.field]] = checked.value;
        await h.post({ type: 'pnl/updateResult', field: m.field, ok: true, message: null });
        await postPnl(h);
      }
    };

    console.log('Panel page tests (Chromium, 1280×900):');

    await test('loads under the CSP and says ready with the default range', async () => {
      await page.goto(server.panelUrl('dark'));
      const ready = await host.waitFor('ready');
      assert.equal(ready.protocol, 1);
      assert.equal(ready.range, '1Y');
    });

    await test('key figures show the host figures', async () => {
      const f = fixtures.figures;
      await page.waitForFunction(
        (text) => document.querySelector('[data-kpi="hashrate"] .kpi-value')?.textContent === text,
        formatHashrate(f.hashrateHps),
      );
      assert.equal(await page.locator('.kpi').count(), 6);
      assert.equal(
        await page.locator('[data-kpi="difficulty"] .kpi-value').textContent(),
        formatDifficulty(f.difficulty),
      );
      const hashprice = await page.locator('[data-kpi="hashprice"] .kpi-value').textContent();
      assert.ok(hashprice?.startsWith(formatMoney(f.hashpriceFiat, 'USD')), `hashprice ${hashprice}`);
      assert.ok(
        f.hashrateChange30dPercent !== null && f.hashpriceChange7dPercent !== null,
        'changes computed from the 3M history',
      );
      const hashrateCard = (await page.locator('[data-kpi="hashrate"]').textContent()) ?? '';
      assert.match(hashrateCard, /vs 30 days ago/);
      assert.ok(
        f.hashrateLowHps !== null &&
          f.hashrateHighHps !== null &&
          f.hashrateChange30dLowPercent !== null &&
          f.hashrateChange30dHighPercent !== null,
      );
      assert.ok(
        hashrateCard.includes(`95%: ${hashrateRangeText(f.hashrateLowHps, f.hashrateHighHps, f.hashrateHps)}`),
        hashrateCard,
      );
      assert.ok(
        hashrateCard.includes(percentRangeText(f.hashrateChange30dLowPercent, f.hashrateChange30dHighPercent)),
        hashrateCard,
      );
      assert.equal(hashrateCard.includes('within noise'), f.hashrateChange30dWithinNoise === true);
      // The 3M history gives the network's power (CBECI-style) on its newest day.
      assert.ok(f.networkPowerLowW !== null, 'network power from the 3M history');
      assert.ok(
        hashrateCard.includes(
          `Network power ${networkPowerText(f.networkPowerLowW, f.networkPowerBestW, f.networkPowerHighW)}`,
        ),
        hashrateCard,
      );
      const difficultyCard = (await page.locator('[data-kpi="difficulty"]').textContent()) ?? '';
      assert.ok(
        f.difficultyChangeLowPercent !== null && f.difficultyChangeHighPercent !== null,
        'the synthetic chain has a retarget interval',
      );
      assert.ok(
        difficultyCard.includes(percentRangeText(f.difficultyChangeLowPercent, f.difficultyChangeHighPercent)),
        difficultyCard,
      );
      assert.match(
        (await page.locator('[data-kpi="retarget"] [role="progressbar"]').getAttribute('aria-valuenow')) ?? '',
        /^\d+(\.\d)?$/,
      );
    });

    await test('every chart draws a non-blank canvas with its series colours', async () => {
      await waitForDrawn(page, 0);
      const stats = await canvasStats(page, chartColours('dark'));
      for (const id of ['hashrate', 'hashprice', 'mix']) {
        const s = stats[id];
        assert.ok(s, `no canvas for ${id}`);
        assert.ok(s.painted > 0.03, `${id}: only ${(s.painted * 100).toFixed(1)} % painted`);
        s.matches.forEach((n, k) => assert.ok(n > 30, `${id}: series colour #${k} drawn in ${n} px only`));
      }
      await page.screenshot({ path: path.join(ARTIFACTS, 'panel-dark-1y.png'), fullPage: true });
    });

    // ---------------------------------------------------------------------------------------------
    // The miner's P&L. Hand-worked values, at the live hashprice H of the synthetic chain's snapshot
    // (the same one the status bar uses) and the default inputs 20 J/TH, $0.05/kWh, 2 % pool fee, 100 % uptime:
    //   power cost  = 24 h × 20 kW per PH/s × $0.05      = $24.00 per PH/day
    //               = 1,000 kW × 8,760 h × $0.05          = $438,000 per MW-year (1 MW runs 1,000/20 = 50 PH/s)
    //   revenue     = 0.98 H per PH/day = 0.98 H × 50 × 365 = 17,885 H per MW-year
    //   breakevens  : power price 0.98 H / (24 × 20) per kWh; efficiency 0.98 H / (24 × 0.05) J/TH;
    //                 hashprice 24 / 0.98 = $24.49; BTC price 24.4898 / hashvalue
    //   AI hosting  : 1,000 / 1.3 kW of IT load × $130 × 12 = $1,200,000 per MW-year, power passed through;
    //                 equal when 17,885 h − 438,000 = 1,200,000 → h = 1,638,000 / 17,885 = $91.59/PH/day.
    const glance = computeGlanceFigures(fixtures.snapshot, 'USD', Date.now());
    const H = glance.hashprice.hashpricePerPhDay!;
    const hashvalue = glance.hashprice.hashvalueBtcPerPhDay;
    const usd = (v: number): string => moneyText(v, 'USD');
    const tableRows = (selector: string): Promise<string[][]> =>
      page
        .locator(`${selector} tbody tr`)
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent ?? '')),
        );
    const pnlRenders = (): Promise<number> => page.evaluate(() => Number(document.body.dataset.pnl ?? '0'));
    const waitPnl = (after: number): Promise<unknown> =>
      page.waitForFunction((n) => Number(document.body.dataset.pnl ?? '0') > n, after);
    /** Days of a range whose daily hashprice is below `line` (the P&L summary's count, worked out here). */
    const daysBelow = (range: RangeId, line: number): { below: number; days: number } => {
      const hp = deriveSeries(dataset(range)).hashpriceFiat.filter((v): v is number => v !== null);
      return { below: hp.filter((v) => v < line).length, days: hp.length };
    };

    await test("the P&L, the extras and power & pools load after the charts' first paint, in their own scripts with the page's nonce", async () => {
      await page.waitForFunction(
        () =>
          !document.getElementById('section-pnl')!.hidden &&
          Number(document.body.dataset.pnl ?? '0') > 0 &&
          document.querySelector('.adjustments-card') !== null &&
          document.querySelector('#section-power:not([hidden])') !== null,
      );
      const load = await page.evaluate(() => {
        const scripts = Array.from(document.querySelectorAll('script'));
        const start = (file: string): number =>
          performance.getEntriesByType('resource').find((e) => e.name.endsWith(file))?.startTime ?? -1;
        return {
          srcs: scripts.map((s) => new URL(s.src).pathname),
          sameNonce:
            scripts.length === 4 && scripts[0]!.nonce !== '' && scripts.every((s) => s.nonce === scripts[0]!.nonce),
          pnlStart: start('/webview-pnl.js'),
          powerStart: start('/webview-power.js'),
          extrasStart: start('/webview-extras.js'),
          drawnAt: (window as unknown as { __firstDrawnAt?: number }).__firstDrawnAt ?? -1,
        };
      });
      // The charts script first; the others in the order they were first wanted.
      assert.equal(load.srcs[0], '/assets/webview.js');
      assert.deepEqual(load.srcs.slice(1).sort(), [
        '/assets/webview-extras.js',
        '/assets/webview-pnl.js',
        '/assets/webview-power.js',
      ]);
      assert.ok(load.sameNonce, 'inserted with the nonce of the charts script');
      assert.ok(
        load.drawnAt > 0 && load.pnlStart >= load.drawnAt,
        `P&L requested after the charts drew (${load.pnlStart} ≥ ${load.drawnAt})`,
      );
      assert.ok(
        load.powerStart >= load.drawnAt,
        `power & pools requested after the charts drew (${load.powerStart} ≥ ${load.drawnAt})`,
      );
      assert.ok(
        load.extrasStart >= load.drawnAt,
        `extras requested after the charts drew (${load.extrasStart} ≥ ${load.drawnAt})`,
      );
      const ready = host.received.findIndex((m) => m.type === 'pnl/ready');
      assert.ok(ready > host.received.findIndex((m) => m.type === 'ready'), 'pnl/ready after ready');
    });

    await test('P&L at the default inputs: the numbers are the hand-worked ones', async () => {
      assert.ok(H > 30 && H < 60, `hashprice of the synthetic chain ${H}`);
      const amounts = await tableRows('.pnl-amounts');
      assert.deepEqual(amounts, [
        ['Revenue', usd(0.98 * H), usd(17_885 * H)],
        ['Power cost', '$24.00', '$438,000'],
        ['Margin', usd(0.98 * H - 24), usd(17_885 * H - 438_000)],
      ]);
      assert.equal(await page.locator('[data-pnl="margin"]').textContent(), `${usd(0.98 * H - 24)}/PH/day`);
      const breakevens = await tableRows('.pnl-breakevens');
      assert.deepEqual(
        breakevens.map((r) => r.slice(0, 3)),
        [
          ['Power price', formatPowerPrice((0.98 * H) / 480, 'USD'), '$0.050/kWh'],
          ['Miner efficiency', `${formatNumber((0.98 * H) / 1.2, 1)} J/TH`, '20 J/TH'],
          ['Hashprice', '$24.49/PH/day', `${usd(H)}/PH/day`],
          ['BTC price', usd(24 / 0.98 / hashvalue), usd(glance.btcPrice!)],
        ],
      );
      assert.equal(breakevens[2]![3], `can fall ${Math.round((1 - 24 / 0.98 / H) * 100)}%`);
      const hosting = await tableRows('.pnl-hosting-table');
      assert.deepEqual(hosting, [
        ['Revenue', usd(17_885 * H), '$1,200,000 rent on 769 kW of IT load'],
        ['Power you pay', '$438,000', '$0.00 passed through to the tenant'],
        ['Net', usd(17_885 * H - 438_000), '$1,200,000'],
      ]);
      assert.equal(
        await page.locator('[data-pnl="verdict"]').textContent(),
        `AI hosting nets ${usd(1_638_000 - 17_885 * H)} more per MW-year than mining at today’s hashprice.`,
      );
      assert.match(
        (await page.locator('[data-pnl="equal-hashprice"]').textContent()) ?? '',
        /^Equal at a hashprice of \$91\.59\/PH\/day, \d+% above today’s/,
      );
      const assumptions = await page.locator('.pnl-assumptions li').allTextContents();
      assert.ok(
        assumptions.length >= 10 && assumptions.some((a) => /PUE 1\.3 applies to hosting only/.test(a)),
        'the comparison states its assumptions',
      );
      // Days under water over the shown 1Y range, counted here from the daily hashprice.
      const water = daysBelow('1Y', 24 / 0.98);
      assert.equal(
        await page.locator('[data-pnl="below-breakeven"]').textContent(),
        `${water.below} of ${water.days} days`,
      );
      // The band on the hashprice chart, explained in its note.
      const chartNote = (await page.locator('.chart-hashprice .note').textContent()) ?? '';
      assert.match(
        chartNote,
        /red band runs from your power cost, \$24\.00\/PH\/day \(20 J\/TH at \$0\.050\/kWh\), to your breakeven after the 2 % pool fee, \$24\.49\/PH\/day/,
      );
      const red = hexRgb(THEMES.dark.vars['--vscode-charts-red']!);
      assert.ok(
        (await canvasStats(page, { hashprice: [red] })).hashprice!.matches[0]! > 100,
        'the breakeven line and label are drawn',
      );
      await page.mouse.move(0, 0);
      await page.locator('#section-pnl').screenshot({ path: path.join(ARTIFACTS, 'pnl-dark.png') });
    });

    await test('why did hashprice move: 1, 7 and 30 days, parts that add up to the change of the daily series', async () => {
      const s = deriveSeries(dataset('3M'));
      const hp = s.hashpriceFiat;
      let last = hp.length - 1;
      while (hp[last] === null) last--;
      const rows = await tableRows('.pnl-moves-table');
      const sentences = await page.locator('.pnl-sentences li').allTextContents();
      assert.deepEqual(
        rows.map((r) => r[0]),
        ['1 day', '7 days', '30 days'],
      );
      [1, 7, 30].forEach((days, k) => {
        const change = (hp[last]! / hp[last - days]! - 1) * 100;
        const row = rows[k]!;
        assert.equal(row[1], `${usd(hp[last - days]!)} → ${usd(hp[last]!)}`, `${days} d: from → to`);
        assert.equal(row[2], formatSignedPercent(change, 1), `${days} d: the change of the daily hashprice`);
        const parts = row.slice(3).map((t) => Number(t.replace('−', '-').replace('%', '')));
        assert.ok(
          Math.abs(parts.reduce((a, b) => a + b, 0) - change) <= 0.151,
          `${days} d: parts ${parts.join(' + ')} ≈ ${change}`,
        );
        assert.match(
          sentences[k]!,
          new RegExp(
            `^${days} d [+−]?\\d+\\.\\d%: price [+−]?\\d+\\.\\d%, difficulty [+−]?\\d+\\.\\d%, fees [+−]?\\d+\\.\\d%$`,
          ),
        );
      });
    });

    await test('an invalid input shows its message next to the field and posts nothing', async () => {
      const since = host.received.length;
      const efficiency = page.locator('#pnl-efficiencyJPerTh-input');
      await efficiency.fill('2');
      await efficiency.press('Enter');
      const error = page.locator('#pnl-efficiencyJPerTh-error');
      await error.waitFor({ state: 'visible' });
      assert.equal(
        await error.textContent(),
        'Miner efficiency must be between 5 and 200 J/TH; got 2 J/TH. Not saved: correct it, or press Escape for the saved value.',
      );
      assert.equal(await efficiency.getAttribute('aria-invalid'), 'true');
      assert.ok(
        ((await efficiency.getAttribute('aria-describedby')) ?? '').split(' ').includes('pnl-efficiencyJPerTh-error'),
        'the message describes the field',
      );
      assert.equal(await error.getAttribute('role'), 'alert');
      const price = page.locator('#pnl-powerPricePerKwh-input');
      await price.fill('abc');
      await price.press('Tab');
      await page.locator('#pnl-powerPricePerKwh-error').waitFor({ state: 'visible' });
      assert.match(
        (await page.locator('#pnl-powerPricePerKwh-error').textContent()) ?? '',
        /^Power price must be a number \(per kWh\); got "abc"\./,
      );
      const fleet = page.locator('#pnl-fleetSize-input');
      await fleet.fill('-3');
      await fleet.press('Enter');
      assert.match(
        (await page.locator('#pnl-fleetSize-error').textContent()) ?? '',
        /^Fleet size must be a number of PH\/s above 0, or empty for none; got "-3"\./,
      );
      await fleet.press('Escape');
      await page.locator('#pnl-fleetSize-error').waitFor({ state: 'hidden' });
      await page.locator('#section-pnl').screenshot({ path: path.join(ARTIFACTS, 'pnl-dark-invalid.png') });
      // Escape puts the saved value back and clears the message.
      await efficiency.press('Escape');
      assert.equal(await efficiency.inputValue(), '20');
      await error.waitFor({ state: 'hidden' });
      assert.equal(await efficiency.getAttribute('aria-invalid'), null);
      // Typing a valid value clears the message at once; nothing has been posted.
      await price.fill('0.1');
      await page.locator('#pnl-powerPricePerKwh-error').waitFor({ state: 'hidden' });
      assert.deepEqual(
        host.received.slice(since).filter((m) => m.type.startsWith('pnl/')),
        [],
      );
    });

    await test('a valid edit posts pnl/update, the host saves it and every number follows', async () => {
      // 0.10 $/kWh (typed "0,10": a decimal comma is accepted):
      //   power cost 24 × 20 × 0.10 = $48.00/PH/day, $876,000/MW-year; breakeven hashprice 48 / 0.98 = $48.98;
      //   margin 0.98 H − 48 < 0 (shown in the error colour); equal with hosting at 2,076,000 / 17,885 = $116.07.
      const since = host.received.length;
      const renders = await pnlRenders();
      const price = page.locator('#pnl-powerPricePerKwh-input');
      await price.fill('0,10');
      await price.press('Enter');
      const update = await host.waitFor('pnl/update', (m) => m.field === 'powerPricePerKwh', { since });
      assert.deepEqual(update, { type: 'pnl/update', field: 'powerPricePerKwh', value: 0.1 });
      await waitPnl(renders);
      await page.waitForFunction(() =>
        /Saved power price/.test(document.querySelector('.pnl-status')?.textContent ?? ''),
      );
      assert.equal(await price.inputValue(), '0.1');
      const amounts = await tableRows('.pnl-amounts');
      assert.deepEqual(amounts[1], ['Power cost', '$48.00', '$876,000']);
      assert.deepEqual(amounts[2], ['Margin', usd(0.98 * H - 48), usd(17_885 * H - 876_000)]);
      const margin = page.locator('[data-pnl="margin"] .neg');
      assert.equal(await margin.textContent(), usd(0.98 * H - 48));
      assert.ok((await margin.textContent())!.startsWith('−'), 'a true minus');
      assert.equal(
        await margin.evaluate((e) => getComputedStyle(e).color),
        'rgb(248, 81, 73)',
        'negative margins in the error foreground',
      );
      assert.deepEqual((await tableRows('.pnl-breakevens'))[2]!.slice(0, 2), ['Hashprice', '$48.98/PH/day']);
      assert.match(
        (await page.locator('[data-pnl="equal-hashprice"]').textContent()) ?? '',
        /^Equal at a hashprice of \$116\.07\/PH\/day/,
      );
      const water = daysBelow('1Y', 48 / 0.98);
      assert.ok(water.below > 0, 'some days of the year were under water at 0.10/kWh');
      assert.equal(
        await page.locator('[data-pnl="below-breakeven"]').textContent(),
        `${water.below} of ${water.days} days`,
      );
      assert.match(
        (await page.locator('.chart-hashprice .note').textContent()) ?? '',
        /\$48\.00\/PH\/day .* \$48\.98\/PH\/day/,
      );

      // A fleet of 10 MW of grid power: 10 × 50 = 500 PH/s; power 500 × $48 = $24,000 a day, $8,760,000 a year.
      await page.locator('#pnl-fleetUnit-input').selectOption('MW');
      await host.waitFor('pnl/update', (m) => m.field === 'fleetUnit' && m.value === 'MW', { since });
      const fleet = page.locator('#pnl-fleetSize-input');
      await fleet.fill('10');
      await fleet.press('Enter');
      await host.waitFor('pnl/update', (m) => m.field === 'fleetSize' && m.value === 10, { since });
      await page.waitForFunction(() => document.querySelectorAll('.pnl-amounts thead th').length === 5);
      assert.equal(
        await page.locator('.pnl-amounts caption').textContent(),
        'Profit and loss · fleet 500 PH/s · 10 MW of grid power',
      );
      assert.deepEqual((await tableRows('.pnl-amounts'))[1], [
        'Power cost',
        '$48.00',
        '$876,000',
        '$24,000',
        '$8,760,000',
      ]);
      assert.deepEqual((await tableRows('.pnl-amounts'))[2]!.slice(3), [
        usd(500 * (0.98 * H - 48)),
        usd(365 * 500 * (0.98 * H - 48)),
      ]);
      await page.mouse.move(0, 0);
      await page.locator('#section-pnl').screenshot({ path: path.join(ARTIFACTS, 'pnl-dark-loss.png') });
      await page.locator('.chart-hashprice').screenshot({ path: path.join(ARTIFACTS, 'pnl-hashprice-dark.png') });
    });

    await test('the hovered day says how far hashprice was from the breakeven', async () => {
      const box = await overBox(page, 'hashprice');
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await page.waitForFunction(() =>
        /(above|below) your breakeven by \$\d+\.\d\d/.test(
          document.querySelector('.chart-hashprice .chart-date')?.textContent ?? '',
        ),
      );
      await page.mouse.move(0, 0);
    });

    await test('settings changed elsewhere update the panel; an unsaved edit is kept; bad settings show at their field', async () => {
      const efficiency = page.locator('#pnl-efficiencyJPerTh-input');
      let renders = await pnlRenders();
      // settings.json changed: 17.5 J/TH → power cost 24 × 17.5 × 0.10 = $42.00/PH/day.
      settings['pnl.efficiencyJPerTh'] = 17.5;
      await host.post({ type: 'pnl/state', state: pnlMessages(fixtures, settings, shownRange) });
      await waitPnl(renders);
      assert.equal(await efficiency.inputValue(), '17.5');
      assert.deepEqual((await tableRows('.pnl-amounts'))[1]!.slice(0, 2), ['Power cost', '$42.00']);
      // The user is typing in the pool fee when the settings change again: the edit stays.
      const fee = page.locator('#pnl-poolFeePercent-input');
      await fee.fill('3');
      renders = await pnlRenders();
      settings['hosting.pue'] = 5;
      await host.post({ type: 'pnl/state', state: pnlMessages(fixtures, settings, shownRange) });
      await waitPnl(renders);
      assert.equal(await fee.inputValue(), '3', 'the unsaved edit is kept');
      const pue = page.locator('#pnl-pue-error');
      await pue.waitFor({ state: 'visible' });
      assert.match(
        (await pue.textContent()) ?? '',
        /^Your setting miningEconomics\.hosting\.pue PUE must be between 1 and 3 .*got 5 .*Using the default, 1\.3/,
      );
      assert.equal(await page.locator('#pnl-pue-input').inputValue(), '1.3');
      await fee.press('Escape');
      assert.equal(await fee.inputValue(), '2');
      delete settings['hosting.pue'];
      delete settings['pnl.efficiencyJPerTh'];
      renders = await pnlRenders();
      await host.post({ type: 'pnl/state', state: pnlMessages(fixtures, settings, shownRange) });
      await waitPnl(renders);
      await pue.waitFor({ state: 'hidden' });
    });

    await test('P&L accessibility: labelled inputs with units in tab order, errors tied to fields, real tables', async () => {
      const fields = [
        'efficiencyJPerTh',
        'powerPricePerKwh',
        'poolFeePercent',
        'uptimePercent',
        'fleetSize',
        'fleetUnit',
        'colocationPerKwMonth',
        'powerPassThrough',
        'pue',
        'utilisationPercent',
      ];
      await page.locator('#pnl-efficiencyJPerTh-input').focus();
      const order: string[] = [];
      for (let i = 0; i < fields.length; i++) {
        order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
        await page.keyboard.press('Tab');
      }
      assert.deepEqual(
        order,
        fields.map((f) => `pnl-${f}-input`),
      );
      const a11y = await page.evaluate((ids) => {
        return ids.map((f) => {
          const input = document.getElementById(`pnl-${f}-input`)!;
          const label =
            input.getAttribute('aria-label') ?? document.querySelector(`label[for="${input.id}"]`)?.textContent ?? '';
          const described = (input.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '');
          const errorId = `pnl-${f === 'fleetUnit' ? 'fleetSize' : f}-error`;
          const errorTied =
            (input.getAttribute('aria-describedby') ?? '').split(' ').includes(errorId) &&
            document.getElementById(errorId)?.classList.contains('pnl-error') === true;
          return { f, label, described: described.join(' | '), errorTied };
        });
      }, fields);
      for (const x of a11y) {
        assert.ok(x.label.length > 2, `${x.f} has a label`);
        assert.ok(x.errorTied, `${x.f}: its error is tied to it`);
      }
      const unitOf = Object.fromEntries(a11y.map((x) => [x.f, x.described]));
      assert.match(unitOf.efficiencyJPerTh!, /^J\/TH \| 5 – 200 J\/TH/);
      assert.match(unitOf.powerPricePerKwh!, /^USD\/kWh \| 0 – 2 USD\/kWh/);
      assert.match(unitOf.colocationPerKwMonth!, /^USD per kW-month of IT load/);
      assert.match(unitOf.poolFeePercent!, /^% \| 0 – 10 %/);
      const tables = await page.locator('#section-pnl table').evaluateAll((ts) =>
        ts.map((t) => ({
          caption: t.querySelector('caption')?.textContent ?? '',
          cols: t.querySelectorAll('thead th[scope="col"]').length,
          rows: t.querySelectorAll('tbody th[scope="row"]').length,
        })),
      );
      assert.equal(tables.length, 5);
      for (const t of tables) assert.ok(t.caption && t.cols >= 3 && t.rows >= 3, `table ${JSON.stringify(t)}`);
    });

    await test('the P&L in the light theme (screenshots)', async () => {
      const generation = await drawnGeneration(page);
      await applyTheme(page, 'light');
      try {
        await waitForDrawn(page, generation);
        await page.mouse.move(0, 0);
        await page.locator('#section-pnl').screenshot({ path: path.join(ARTIFACTS, 'pnl-light.png') });
        await page.locator('.chart-hashprice').screenshot({ path: path.join(ARTIFACTS, 'pnl-hashprice-light.png') });
        // Light Modern's error foreground.
        assert.equal(
          await page.locator('[data-pnl="margin"] .neg').evaluate((e) => getComputedStyle(e).color),
          'rgb(248, 81, 73)',
        );
      } finally {
        const light = await drawnGeneration(page);
        await applyTheme(page, 'dark');
        await waitForDrawn(page, light);
      }
    });

    await test('an invalid pnl/state is ignored and reported; the charts script leaves P&L messages alone', async () => {
      const since = host.received.length;
      const renders = await pnlRenders();
      const state = pnlMessages(fixtures, settings, shownRange);
      await host.post({
        type: 'pnl/state',
        state: { ...state, profit: { ...state.profit!, perPhDay: { ...state.profit!.perPhDay, margin: 'lots' } } },
      });
      await host.post({ type: 'pnl/updateResult', field: 'rm -rf', ok: true, message: null });
      await host.waitFor(
        'log',
        (m) =>
          /^P&L: ignored a message from the host: host message 'pnl\/state': state\.profit\.perPhDay\.margin should be a finite number$/.test(
            m.message,
          ),
        { since },
      );
      await host.waitFor('log', (m) => /host message 'pnl\/updateResult': field should be one of/.test(m.message), {
        since,
      });
      assert.equal(await pnlRenders(), renders, 'nothing re-rendered');
      assert.ok(
        !host.received.some((m) => m.type === 'log' && /unknown host message type "pnl\//.test(m.message)),
        'the charts script does not report P&L messages',
      );
    });

    await test('the status line says how old the data is, and why it is stale', async () => {
      await page.waitForFunction(() =>
        /Updated 2 min ago/.test(document.querySelector('.status-line')?.textContent ?? ''),
      );
      await host.post({
        type: 'status',
        status: { ...fixtures.status, stale: true, staleReason: 'HTTP 503 from replay.test' },
      });
      await page.waitForFunction(() =>
        /^Stale: HTTP 503 from replay\.test · data from 2 min ago/.test(
          document.querySelector('.status-line')?.textContent ?? '',
        ),
      );
      assert.ok(await page.locator('.status-line.status-stale').isVisible());
      await host.post({ type: 'status', status: { ...fixtures.status, refreshing: true } });
      await page.waitForFunction(
        () => document.querySelector<HTMLButtonElement>('.masthead .primary')?.disabled === true,
      );
      await host.post({ type: 'status', status: fixtures.status });
      await page.waitForFunction(
        () => document.querySelector<HTMLButtonElement>('.masthead .primary')?.disabled === false,
      );
    });

    await test('the table view matches the data, with the 7-day band as two columns', async () => {
      const ds = dataset('1Y');
      const s = deriveSeries(ds, fixtures.status.ma7Band);
      await page.locator('.chart-hashrate .card-actions button', { hasText: 'Table' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-chart-table="hashrate"] tbody tr').length > 0);
      const rows = await page
        .locator('[data-chart-table="hashrate"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent ?? '')),
        );
      assert.equal(rows.length, s.timeS.length, 'one row per day of the visible range');
      const expectRow = (i: number): string[] => [
        isoDay(s.timeS[i]!),
        s.hashrate[i] === null ? '—' : formatHashrate(s.hashrate[i]),
        s.hashrateMa7Low[i] === null ? '—' : formatHashrate(s.hashrateMa7Low[i]),
        s.hashrateMa7High[i] === null ? '—' : formatHashrate(s.hashrateMa7High[i]),
        s.hashrateMa7[i] === null ? '—' : formatHashrate(s.hashrateMa7[i]),
        s.hashrateMa30[i] === null ? '—' : formatHashrate(s.hashrateMa30[i]),
        s.difficulty[i] === null ? '—' : formatDifficulty(s.difficulty[i]),
      ];
      const n = s.timeS.length;
      const head = await page.locator('[data-chart-table="hashrate"] thead th').allTextContents();
      assert.deepEqual(head.slice(2, 4), ['7-day 95% interval, low (H/s)', '7-day 95% interval, high (H/s)']);
      assert.equal(
        await page.locator('.chart-hashrate .legend-item[data-series="ma7Band"] .legend-label').textContent(),
        '7-day 95% interval',
      );
      // Not hovering, the legend shows the newest day that has a band, both edges in one unit.
      let latest = n - 1;
      while (latest > 0 && s.hashrateMa7High[latest] === null) latest--;
      assert.equal(
        await page.locator('.chart-hashrate .legend-item[data-series="ma7Band"] .legend-value').textContent(),
        hashrateRangeText(s.hashrateMa7Low[latest]!, s.hashrateMa7High[latest]!, s.hashrateMa7Low[latest]!),
      );
      assert.ok(s.hashrateMa7Low.some((v) => v !== null) && s.hashrateMa7High[n - 2] !== null, 'the band has values');
      assert.deepEqual(rows[0], expectRow(n - 1), 'newest row');
      assert.deepEqual(rows[100], expectRow(n - 101), 'row 100');
      assert.deepEqual(rows[n - 1], expectRow(0), 'oldest row');
      assert.equal(await page.locator('.plot[data-chart="hashrate"]').isHidden(), true);
      await page.locator('.chart-hashrate .card-actions button', { hasText: 'Table' }).click();
      await page.waitForFunction(() => !document.querySelector<HTMLElement>('.plot[data-chart="hashrate"]')!.hidden);
    });

    await test('range switching fetches the range and changes the drawn domain of every chart', async () => {
      const before = await domains(page);
      const generation = await drawnGeneration(page);
      const since = host.received.length;
      await page.locator('.segment[data-range="ALL"]').click();
      await host.waitFor('selectRange', (m) => m.range === 'ALL', { since });
      await waitForDrawn(page, generation);
      await page.waitForFunction(() => document.body.dataset.drawnRange === 'ALL');
      const after = await domains(page);
      const all = dataset('ALL').days.timeS;
      for (const id of ['hashrate', 'hashprice', 'mix']) {
        assert.ok(
          after[id]![0] < before[id]![0] - 5 * 365 * 86_400,
          `${id}: domain starts at ${after[id]![0]}, before ${before[id]![0]}`,
        );
        assert.deepEqual(after[id], after.hashrate, `${id} shares the time axis`);
      }
      assert.ok(Math.abs(after.hashrate![0] - all[0]!) <= 86_400, 'ALL starts at genesis');
      // The axis runs past the last day to the next retarget's fan (the end of the day after its latest date).
      const latestS = fixtures.figures.retargetHighMs! / 1000;
      assert.ok(
        after.hashrate![1] > latestS && after.hashrate![1] <= latestS + 2 * 86_400,
        `axis ends at ${after.hashrate![1]}, the fan at ${latestS}`,
      );
      assert.equal(
        await page.locator('.toolbar button', { hasText: 'Log scale' }).getAttribute('aria-pressed'),
        'true',
        'ALL is drawn on log axes',
      );
      assert.equal(await page.locator('.segment[data-range="ALL"]').getAttribute('aria-checked'), 'true');
      const stats = await canvasStats(page, chartColours('dark'));
      for (const id of ['hashrate', 'hashprice', 'mix'])
        assert.ok(stats[id]!.painted > 0.03, `${id} blank after the switch`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'panel-dark-all.png'), fullPage: true });
    });

    await test('drag to zoom applies to every chart; double-click resets', async () => {
      const full = await domains(page);
      const retargetsBefore = await page.locator('.adjustments-card tbody tr').count();
      const box = await overBox(page, 'hashrate');
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.7, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.85, y, { steps: 8 });
      await page.mouse.move(box.x + box.width * 0.95, y, { steps: 4 });
      await page.mouse.up();
      await page.waitForFunction(
        (min) => Number(document.querySelector<HTMLElement>('.plot[data-chart="mix"]')!.dataset.xMin) > min + 86_400,
        full.hashrate![0],
      );
      const zoomed = await domains(page);
      for (const id of ['hashprice', 'mix']) assert.deepEqual(zoomed[id], zoomed.hashrate, `${id} follows the zoom`);
      assert.ok(zoomed.hashrate![1] - zoomed.hashrate![0] < (full.hashrate![1] - full.hashrate![0]) * 0.4, 'zoomed in');
      await page.waitForFunction(
        (n) => document.querySelectorAll('.adjustments-card tbody tr').length < n,
        retargetsBefore,
      );
      const state = await page.evaluate(
        () => JSON.parse(sessionStorage.getItem('mining-economics:webview-state') ?? '{}') as { zoom: unknown },
      );
      assert.ok(state.zoom, 'the zoom is kept in the webview state');
      await page.mouse.dblclick(box.x + box.width / 2, y);
      await page.waitForFunction(
        (min) => Number(document.querySelector<HTMLElement>('.plot[data-chart="hashprice"]')!.dataset.xMin) <= min,
        full.hashrate![0],
      );
      assert.deepEqual(await domains(page), full);
    });

    await test('the crosshair shows every series value on the hovered day, in every chart', async () => {
      const box = await overBox(page, 'hashprice');
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('#section-network .chart-date')).every(
          (d) => d.textContent !== '' && !d.textContent!.startsWith('Latest'),
        ),
      );
      const dates = (await page.locator('#section-network .chart-date').allTextContents()).map(
        (d) => d.split(' · ')[0],
      );
      assert.equal(dates.length, 3);
      assert.ok(
        dates.every((d) => d === dates[0]),
        `every chart reads the same day: ${JSON.stringify(dates)}`,
      );
      const values = await page.locator('#section-network .legend-value').allTextContents();
      assert.equal(values.length, 9);
      const legendValue = (chart: string, series: string): Promise<string | null> =>
        page.locator(`.chart-${chart} .legend-item[data-series="${series}"] .legend-value`).textContent();
      assert.match((await legendValue('hashprice', 'fiat')) ?? '', /^\$[\d,.]+\/PH\/day$/);
      assert.match((await legendValue('hashprice', 'sats')) ?? '', /^[\d,]+ sats\/PH\/day$/);
      assert.match(
        (await page.locator('.chart-hashprice .chart-date').textContent()) ?? '',
        / · Reward [\d.]+ BTC\/block at difficulty /,
      );
      assert.match(
        (await page.locator('.chart-mix .chart-date').textContent()) ?? '',
        / · Per block: [\d.]+ BTC subsidy \+ [\d.]+ BTC fees/,
      );
      await page.mouse.move(2, 2);
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('#section-network .chart-date')).every((d) =>
          d.textContent!.startsWith('Latest'),
        ),
      );
    });

    await test('hovering a retarget shows its height, date and change', async () => {
      const ds = dataset('ALL');
      const i = ds.adjustments.timeS.length - 1;
      const t = ds.adjustments.timeS[i]!;
      const box = await overBox(page, 'hashrate');
      const [min, max] = (await domains(page)).hashrate!;
      await page.mouse.move(box.x + ((t - min) / (max - min)) * box.width, box.y + box.height * 0.5);
      await page.waitForFunction(() =>
        /Retarget at block/.test(document.querySelector('.chart-hashrate .chart-date')?.textContent ?? ''),
      );
      const text = (await page.locator('.chart-hashrate .chart-date').textContent()) ?? '';
      const change = ((ds.adjustments.ratio[i]! - 1) * 100).toFixed(2);
      assert.match(
        text,
        new RegExp(
          `Retarget at block ${ds.adjustments.height[i]!.toLocaleString('en-US')} on .+: [+−]${change.replace('-', '')}% to [\\d.]+ T`,
        ),
      );
      await page.mouse.move(2, 2);
    });

    await test('legend buttons toggle a series and the choice is remembered', async () => {
      const before = (await canvasStats(page, {})).hashrate!.hash;
      const button = page.locator('.chart-hashrate .legend-item[data-series="daily"]');
      await button.click();
      assert.equal(await button.getAttribute('aria-pressed'), 'false');
      const after = (await canvasStats(page, {})).hashrate!.hash;
      assert.notEqual(after, before, 'the canvas changed');
      const state = await page.evaluate(
        () =>
          JSON.parse(sessionStorage.getItem('mining-economics:webview-state') ?? '{}') as {
            hidden?: Record<string, string[]>;
          },
      );
      assert.deepEqual(state.hidden?.hashrate, ['daily']);
    });

    await test('keyboard: arrow keys move through the ranges and the chart crosshair', async () => {
      const generation = await drawnGeneration(page);
      const since = host.received.length;
      await page.locator('.segment[data-range="ALL"]').focus();
      await page.keyboard.press('ArrowLeft');
      await host.waitFor('selectRange', (m) => m.range === '3Y', { since });
      await waitForDrawn(page, generation);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-range')), '3Y');
      assert.equal(await page.locator('.segment[data-range="3Y"]').getAttribute('tabindex'), '0');
      await page.locator('.plot[data-chart="hashprice"]').focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Shift+ArrowLeft');
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('#section-network .chart-date')).every(
          (d) => !d.textContent!.startsWith('Latest'),
        ),
      );
      const dates = (await page.locator('#section-network .chart-date').allTextContents()).map(
        (d) => d.split(' · ')[0],
      );
      assert.ok(
        dates.every((d) => d === dates[0]),
        `all charts follow the keyboard crosshair: ${JSON.stringify(dates)}`,
      );
      await page.keyboard.press('Escape');
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('#section-network .chart-date')).every((d) =>
          d.textContent!.startsWith('Latest'),
        ),
      );
      const label = (await page.locator('.plot[data-chart="hashrate"]').getAttribute('aria-label')) ?? '';
      // The daily estimates are hidden at this point (the legend test): the label describes what is shown.
      assert.match(
        label,
        /^Hash rate & difficulty, .+ to .+: 7-day 95% interval from [\d,.]+–[\d,.]+ .H\/s to [\d,.]+–[\d,.]+ .H\/s; 7-day average from .+H\/s to .+H\/s; 30-day average from .+; Difficulty from [\d.]+ T to [\d.]+ T\.$/,
      );
    });

    await test('CSV export asks the host for exactly the visible window', async () => {
      const since = host.received.length;
      await page.locator('.toolbar button', { hasText: 'Export CSV' }).click();
      const m = await host.waitFor('exportCsv', () => true, { since });
      const [min, domainMax] = (await domains(page)).hashrate!;
      // The axis runs on past the last day to the next retarget's fan: the data end there.
      const days = dataset('3Y').days.timeS;
      const max = Math.min(domainMax, days[days.length - 1]!);
      assert.equal(m.range, '3Y');
      assert.ok(
        m.fromS >= min - 1 && m.fromS < min + 86_400 && m.toS <= max + 1 && m.toS > max - 86_400,
        'the whole days in view',
      );
      // What the host then writes (MiningPanel.exportCsv): the same functions on the posted dataset.
      const s = deriveSeries(dataset('3Y'), fixtures.status.ma7Band);
      const window = indexRange(s.timeS, m.fromS, m.toS)!;
      const csv = historyCsv(s, 'USD', window[0], window[1]);
      const lines = csv.trimEnd().split('\r\n');
      assert.equal(
        lines.length - 1,
        s.timeS.length,
        `every day of the range (${JSON.stringify({ m, min, max, first: s.timeS[0], last: s.timeS[s.timeS.length - 1] })})`,
      );
      assert.equal(lines[0]!.split(',').length, 14);
      assert.deepEqual(lines[0]!.split(',').slice(12), ['hashrate_ma7_low_ehs', 'hashrate_ma7_high_ehs']);
      await page.waitForFunction(() => /Saved the CSV/.test(document.querySelector('.toast')?.textContent ?? ''));
    });

    await test('PNG export sends a real PNG of the chart', async () => {
      const since = host.received.length;
      await page.locator('.chart-hashprice .card-actions button', { hasText: 'PNG' }).click();
      const m = await host.waitFor('savePng', () => true, { since });
      assert.match(m.fileName, /^mining-economics-hashprice-\d{4}-\d{2}-\d{2}\.png$/);
      const bytes = Buffer.from(m.dataUrl.slice('data:image/png;base64,'.length), 'base64');
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(bytes.readUInt32BE(16) > 300 && bytes.readUInt32BE(20) > 200, 'IHDR size');
      fs.writeFileSync(path.join(ARTIFACTS, 'export-hashprice.png'), bytes);
    });

    await test('invalid host messages are ignored and reported to the host log', async () => {
      const since = host.received.length;
      const generation = await drawnGeneration(page);
      await host.post({ type: 'history', dataset: { schema: 1, range: '3Y', currency: 'USD' } });
      await host.post({ type: 'bogus' });
      await host.post({ type: 'figures', figures: { currency: 'USD', hashrateHps: 'lots' } });
      const logs = await Promise.all([
        host.waitFor('log', (m) => /host message 'history': dataset\.sourceHost should be a string/.test(m.message), {
          since,
        }),
        host.waitFor('log', (m) => /unknown host message type "bogus"/.test(m.message), { since }),
        host.waitFor('log', (m) => /host message 'figures'/.test(m.message), { since }),
      ]);
      assert.equal(logs.length, 3);
      assert.equal(await drawnGeneration(page), generation, 'nothing was redrawn');
      assert.ok(await page.locator('[data-kpi="hashrate"] .kpi-value').textContent(), 'key figures kept');
    });

    await test('a theme change redraws the charts in the new colours', async () => {
      const generation = await drawnGeneration(page);
      await applyTheme(page, 'light');
      await waitForDrawn(page, generation);
      const stats = await canvasStats(page, chartColours('light'));
      for (const id of ['hashrate', 'hashprice', 'mix']) {
        stats[id]!.matches.forEach((n, k) =>
          assert.ok(n > 30, `${id}: light series colour #${k} drawn in ${n} px only`),
        );
      }
      await page.locator('.chart-hashrate .legend-item[data-series="daily"]').click();
      await page.locator('.segment[data-range="1Y"]').click();
      await page.waitForFunction(() => document.body.dataset.drawnRange === '1Y');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(ARTIFACTS, 'panel-light-1y.png'), fullPage: true });
    });

    await test('the view state (range, toggles, table views) survives a reload', async () => {
      await page.locator('.chart-mix .legend-item[data-series="price"]').click();
      await page.locator('.chart-mix .card-actions button', { hasText: 'Table' }).click();
      const since = host.received.length;
      await page.reload();
      const ready = await host.waitFor('ready', () => true, { since });
      assert.equal(ready.range, '1Y');
      await waitForDrawn(page, 0);
      assert.equal(
        await page.locator('.chart-mix .legend-item[data-series="price"]').getAttribute('aria-pressed'),
        'false',
      );
      assert.equal(
        await page.locator('.chart-hashrate .legend-item[data-series="daily"]').getAttribute('aria-pressed'),
        'true',
      );
      await page.waitForFunction(() => document.querySelectorAll('[data-chart-table="mix"] tbody tr').length > 300);
      await page.locator('.chart-mix .card-actions button', { hasText: 'Table' }).click();
      await page.locator('.chart-mix .legend-item[data-series="price"]').click();
    });

    await test('resizing re-lays out the charts to the new width', async () => {
      const wide = await page
        .locator('.plot[data-chart="hashrate"] canvas')
        .evaluate((c) => c.getBoundingClientRect().width);
      await page.setViewportSize({ width: 760, height: 900 });
      await page.waitForFunction(
        (w) => document.querySelector('.plot[data-chart="hashrate"] canvas')!.getBoundingClientRect().width < w - 200,
        wide,
      );
      const narrow = await page
        .locator('.plot[data-chart="hashprice"] canvas')
        .evaluate((c) => c.getBoundingClientRect().width);
      assert.ok(narrow > 600 && narrow < 760, `stacked charts span the width (${narrow})`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'panel-dark-narrow.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await test('high-contrast theme renders', async () => {
      const generation = await drawnGeneration(page);
      await applyTheme(page, 'high-contrast');
      await waitForDrawn(page, generation);
      await page.screenshot({ path: path.join(ARTIFACTS, 'panel-high-contrast-1y.png'), fullPage: true });
      await page.locator('#section-pnl').screenshot({ path: path.join(ARTIFACTS, 'pnl-high-contrast.png') });
      await applyTheme(page, 'dark');
    });

    await test('no CSP violations, console errors or invalid messages from the webview', async () => {
      assert.deepEqual(await host.cspViolations(), []);
      assert.deepEqual(host.consoleErrors, []);
      assert.deepEqual(host.invalid, []);
    });

    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main()
  .catch((error: unknown) => {
    results.push({
      name: 'setup',
      ok: false,
      ms: 0,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    console.log(`  ✗ setup\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  })
  .finally(() => {
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`Screenshots: ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
