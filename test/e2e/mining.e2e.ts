/**
 * End-to-end suite: the packaged .vsix in a real VS Code (code-server), driven
 * through headless Chromium the way a user would, against the replay server
 * (a separate process on a random port). What the UI must show is computed in
 * expected.ts from the replay server's responses, never from src/.
 *
 * Prerequisites (scripts/e2e/run.sh does all of it): bash scripts/e2e/setup.sh;
 * `npm run package` (exactly one mining-economics-<version>.vsix at the root);
 * the replay server bundle. Run: `npm run test:e2e`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  expectedDays,
  expectedGlance,
  expectedPnl,
  fetchServed,
  fetchServedHistory,
  grouped,
  moneyCents,
  signedPercent,
  utcDate,
  type ExpectedGlance,
} from './expected';
import {
  findWebviewFrame,
  freePort,
  normalizeText,
  persistedStateIncludes,
  recordNotifications,
  runCommand,
  screenshot,
  screenshotRegion,
  waitForStatusItem,
  waitUntil,
  type CodeServerHandle,
} from './harness';
import { startReplay, type ReplayProcess } from './replay';
import { runScenarios, type Scenario } from './scenario';

import {
  EXTENSION_ID,
  ITEM_ID,
  type Theme,
  CMD_SHOW,
  CMD_REFRESH,
  assert,
  extensionLog,
  count,
  launch,
  startReplayFor,
  isWarning,
  waitForFresh,
  hoverText,
  hoverShot,
  assertHoverHas,
  reloadWorkbench,
  canvasStats,
  openPanel,
  checkCharts,
  panelInBuild,
  closeSideBar,
} from './workbench';

const notes: string[] = [];

// ------------------------------------------------------------------ scenarios

function glanceScenario(theme: Theme) {
  return {
    name: `glance and panel (${theme})`,
    async run(s: Scenario) {
      const replay = await startReplayFor(s);
      const exp = expectedGlance(await fetchServed(replay));
      // The panel steps (dark) save a CSV: VS Code's own save dialog (a quick input in the page), not the browser's.
      const { page, server, workspaceDir } = await launch(s, theme, {
        'miningEconomics.mempoolUrl': replay.url,
        ...(theme === 'dark' ? { 'files.simpleDialog.enable': true } : {}),
      });
      const hasPanel = panelInBuild(server);
      notes.push(
        `panel (webview) in the build: ${hasPanel ? 'yes — charts checked' : 'no — only the command and its tab checked'}`,
      );

      await s.step('status bar shows the hash rate and hashprice that follow from the served data', async () => {
        const v = await waitForFresh(page, exp);
        assert(v.side === 'right', `item is on the ${v.side} side`);
        assert(v.rawText.includes('\u2007'), 'fixed-width mode (default) pads with figure spaces');
        console.log(`    status bar: "${v.text}" (expected from the fixture: "${exp.statusText}")`);
      });

      await s.step(
        'hover shows difficulty, epoch progress, estimated change, retarget date, previous adjustment, next halving',
        async () => {
          const text = await hoverText(page);
          assertHoverHas(text, [...exp.hoverRows, `Source: ${replay.host}`]);
          await hoverShot(page, `glance-hover-${theme}`);
        },
      );

      await s.step(`F1 "${CMD_SHOW}" opens the panel${hasPanel ? ' with non-blank charts' : ''}`, async () => {
        await page.mouse.move(400, 300);
        await closeSideBar(page);
        const detail = await openPanel(page, theme, hasPanel);
        console.log(`    ${detail}`);
        await screenshot(page, `panel-${theme}`);
        // A reload does not wait for the web workbench to save its state (it flushes every 5 s).
        await waitUntil(() => persistedStateIncludes(page, 'miningEconomics.panel', 'memento/workbench.parts.editor'), {
          timeoutMs: 30_000,
          intervalMs: 250,
          what: 'the open panel to be saved in the workbench state',
        });
      });

      if (hasPanel) {
        await s.step('the panel comes back after a window reload (webview serializer)', async () => {
          await reloadWorkbench(page);
          await page
            .locator('.tabs-container .tab', { hasText: 'Mining Economics' })
            .first()
            .waitFor({ state: 'visible', timeout: 60_000 });
          console.log(`    ${await checkCharts(page, theme)}`);
          await waitForFresh(page, exp);
        });
        if (theme === 'dark') await panelSteps(s, { page, server, workspaceDir, replay, exp });
      }
    },
  };
}

// ------------------------------------------------------------------ panel: ranges, CSV export, P&L

type Domains = Record<string, { min: number; max: number; label: string }>;

/** The x domain each chart last drew (uPlot's scale, kept on the plot element) and its accessible summary. */
function chartDomains(frame: Frame): Promise<Domains> {
  return frame.evaluate(() => {
    const out: Record<string, { min: number; max: number; label: string }> = {};
    // The trends' charts (the power & pools section has its own ranges: weekly pools, no retarget fan).
    for (const plot of Array.from(document.querySelectorAll<HTMLElement>('#section-network .plot[data-chart]'))) {
      out[plot.dataset.chart!] = {
        min: Number(plot.dataset.xMin),
        max: Number(plot.dataset.xMax),
        label: plot.getAttribute('aria-label') ?? '',
      };
    }
    return out;
  });
}

/** Cells (th and td, trimmed) of each body row of a table in the webview. */
function tableRows(frame: Frame, selector: string): Promise<string[][]> {
  return frame
    .locator(`${selector} tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );
}

function rowOf(rows: string[][], header: string, what: string): string[] {
  const row = rows.find((r) => r[0] === header);
  assert(row, `${what}: no "${header}" row in ${JSON.stringify(rows)}`);
  return row;
}

/** The workbench's settings.json of this instance, parsed (VS Code writes plain JSON here). */
function userSettings(server: CodeServerHandle): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

const RANGE_PERIOD: Record<string, string> = { '3M': '3m', ALL: 'all' };

async function panelSteps(
  s: Scenario,
  {
    page,
    server,
    workspaceDir,
    replay,
    exp,
  }: { page: Page; server: CodeServerHandle; workspaceDir: string; replay: ReplayProcess; exp: ExpectedGlance },
): Promise<void> {
  const frame = await findWebviewFrame(page, 'main#app', 60_000);
  const drawnRange = () => frame.evaluate(() => document.body.dataset.drawnRange ?? '');

  await s.step('range buttons 3M then ALL redraw every chart over the served range (non-blank)', async () => {
    await waitUntil(async () => (await drawnRange()) === '1Y', {
      timeoutMs: 60_000,
      what: 'the default 1Y range drawn',
    });
    let previous = await chartDomains(frame);
    for (const range of ['3M', 'ALL']) {
      const days = expectedDays(await fetchServedHistory(replay, RANGE_PERIOD[range]!));
      assert(days.length > 0, `the replay server serves no ${range} days`);
      const [first, last] = [days[0]!.timeS, days[days.length - 1]!.timeS];
      await frame.locator(`.segment[data-range="${range}"]`).click();
      let now: Domains = {};
      await waitUntil(
        async () => {
          if ((await drawnRange()) !== range) return false;
          now = await chartDomains(frame);
          // The axes run past the last day to the estimated retarget (the difficulty forecast's fan): at most
          // an epoch (≈ 14 days) and a day further.
          return Object.values(now).every(
            (d) => Math.abs(d.min - first) <= 86_400 && d.max >= last - 86_400 && d.max <= last + 16 * 86_400,
          );
        },
        {
          timeoutMs: 120_000,
          intervalMs: 250,
          what: `the ${range} range drawn over ${utcDate(first)} … ${utcDate(last)}`,
        },
      ).catch((e: Error) => {
        throw new Error(`${e.message}; domains ${JSON.stringify(now)}`);
      });
      assert(Object.keys(now).length === 3, `expected 3 charts, got ${JSON.stringify(Object.keys(now))}`);
      for (const [id, d] of Object.entries(now)) {
        assert(d.min !== previous[id]?.min, `${id}: the domain start did not change (${d.min})`);
        assert(d.label && d.label !== previous[id]?.label, `${id}: the chart's summary did not change: "${d.label}"`);
      }
      assert(
        (await frame.locator(`.segment[data-range="${range}"]`).getAttribute('aria-checked')) === 'true',
        `${range} is not the checked range`,
      );
      const stats = await waitUntil(
        async () => {
          const st = await canvasStats(frame);
          return st.total >= 3 && st.nonBlank === st.total ? st : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 250, what: `non-blank charts on ${range}` },
      );
      const d = now.hashrate!;
      console.log(
        `    ${range}: ${utcDate(d.min)} … ${utcDate(d.max)} (${days.length} served days); ${stats.nonBlank} of ${stats.total} charts drawn (${stats.fractions.join(', ')})`,
      );
      previous = now;
    }
  });

  await s.step(
    "Export CSV: VS Code's save dialog writes one row per day of the visible range, numbers as served",
    async () => {
      const days = expectedDays(await fetchServedHistory(replay, 'all'));
      await frame.locator('.toolbar button', { hasText: 'Export CSV' }).click();
      const widget = page.locator('.quick-input-widget');
      const input = widget.locator('.quick-input-box input').first();
      // The dialog opens in the workspace folder with the suggested name: wait for it before typing over it.
      // VS Code's simple dialog shows the folder first and appends the file name once the folder is listed (slow on
      // a busy machine), so wait for a file name, not for the first non-empty value.
      const suggested = `mining-economics-${days[0]!.date}-to-${days[days.length - 1]!.date}.csv`;
      const initial = await waitUntil(
        async () => {
          const value = (await input.isVisible()) ? await input.inputValue() : '';
          return value.endsWith('.csv') ? value : undefined;
        },
        {
          timeoutMs: 30_000,
          intervalMs: 200,
          what: 'the save dialog with a suggested path',
        },
      );
      assert(
        initial === path.join(workspaceDir, suggested),
        `suggested "${initial}", expected "${path.join(workspaceDir, suggested)}"`,
      );
      const target = path.join(workspaceDir, 'exports-all-range.csv');
      await input.fill(target);
      await waitUntil(async () => (await input.inputValue()) === target, {
        timeoutMs: 10_000,
        what: 'the typed path in the dialog',
      });
      await screenshot(page, 'panel-csv-save-dialog-dark');
      await input.press('Enter');
      await widget.waitFor({ state: 'hidden', timeout: 30_000 }).catch(async (e: Error) => {
        throw new Error(`${e.message}; dialog says: ${normalizeText(await widget.innerText().catch(() => ''))}`);
      });
      await frame
        .locator('.toast', { hasText: 'Saved exports-all-range.csv.' })
        .waitFor({ state: 'visible', timeout: 30_000 });
      const text = await waitUntil(
        () => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') || undefined : undefined),
        { timeoutMs: 30_000, what: `${target} on disk` },
      );
      const lines = text.split('\r\n');
      assert(lines.pop() === '', 'the file ends with a line break');
      const header = lines.shift()!.split(',');
      const col = (name: string) => {
        const i = header.indexOf(name);
        assert(i >= 0, `no ${name} column in ${JSON.stringify(header)}`);
        return i;
      };
      const [cDate, cHash, cDiff] = [col('date_utc'), col('hashrate_daily_ehs'), col('difficulty')];
      col('hashprice_usd_per_ph_day');
      assert(
        lines.length === days.length,
        `${lines.length} rows for ${days.length} days (${days[0]!.date} … ${days[days.length - 1]!.date})`,
      );
      // Written with up to 10 significant digits: equal to 1e-8 relative.
      const close = (cell: string, want: number | null) =>
        want === null ? cell === '' : cell !== '' && Math.abs(Number(cell) - want) <= Math.abs(want) * 1e-8;
      const bad: string[] = [];
      let checked = 0;
      lines.forEach((line, i) => {
        const cells = line.split(',');
        const want = days[i]!;
        if (cells[cDate] !== want.date) {
          bad.push(`row ${i + 1}: date ${cells[cDate]} ≠ ${want.date}`);
          return;
        }
        if (!close(cells[cDiff]!, want.difficulty))
          bad.push(`${want.date}: difficulty ${cells[cDiff]} ≠ served ${want.difficulty}`);
        if (close(cells[cHash]!, want.hashrateEhs)) {
          if (want.hashrateEhs !== null) checked++;
        } else if (i === lines.length - 1 && want.date === utcDate(Date.now() / 1000)) {
          // Today's estimate moves with every block the replay chain mines in real time: the panel's copy may be a block older.
        } else {
          bad.push(`${want.date}: hashrate ${cells[cHash]} EH/s ≠ served ${want.hashrateEhs}`);
        }
      });
      assert(
        bad.length === 0,
        `${bad.length} cells differ from the served data, e.g.\n      ${bad.slice(0, 8).join('\n      ')}`,
      );
      assert(checked > 0, 'no day with a served hash rate to compare');
      const lastRow = lines[lines.length - 1]!.split(',');
      assert(
        close(lastRow[cDiff]!, exp.difficultyValue),
        `the last day's difficulty ${lastRow[cDiff]} is not the current ${exp.difficultyValue}`,
      );
      console.log(
        `    ${path.basename(target)}: ${lines.length} rows (${days[0]!.date} … ${days[days.length - 1]!.date}), ${checked} days' hash rate and difficulty equal to the served data; last row ${lines[lines.length - 1]}`,
      );
    },
  );

  /**
   * Waits until the P&L shows what the served data gives at `powerPricePerKwh` (20 J/TH, 2 % pool fee).
   * The replay chain keeps growing in real time: the expected values are recomputed from a fresh read of the
   * server on every poll, so a block arriving meanwhile (fees per block move) cannot make this flaky.
   */
  const waitForPnl = async (powerPricePerKwh: number) => {
    const margin = frame.locator('[data-pnl="margin"]');
    let last = '';
    try {
      return await waitUntil(
        async () => {
          const glance = expectedGlance(await fetchServed(replay));
          const want = expectedPnl(glance.hashpriceUsd, { powerPricePerKwh });
          const amounts = await tableRows(frame, '.pnl-amounts');
          const power = rowOf(await tableRows(frame, '.pnl-breakevens'), 'Power price', 'breakevens');
          const shown = {
            margin: normalizeText(await margin.innerText()),
            marginRow: rowOf(amounts, 'Margin', 'P&L')[1],
            powerCost: rowOf(amounts, 'Power cost', 'P&L')[1],
            breakeven: power[1],
            yours: power[2],
            summary: normalizeText(await frame.locator('.pnl-summary').innerText()),
          };
          last = `shown ${JSON.stringify(shown)}, expected margin ${want.marginText}, power cost ${want.powerCostText}, breakeven ${want.breakevenPowerPriceText}, yours ${want.powerPriceText}, hashprice ${glance.hashprice}`;
          const ok =
            shown.margin === want.marginText &&
            shown.marginRow === moneyCents(want.marginPerPhDay) &&
            shown.powerCost === want.powerCostText &&
            shown.breakeven === want.breakevenPowerPriceText &&
            shown.yours === want.powerPriceText &&
            shown.summary.includes(`At today’s hashprice ${glance.hashprice}`);
          return ok ? { want, glance } : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: `the P&L at $${powerPricePerKwh}/kWh` },
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; ${last}`, { cause: e });
    }
  };

  await s.step(
    '"Your mining P&L" shows the margin, power cost and breakeven power price that follow from the served data',
    async () => {
      await frame.locator('#section-pnl:not([hidden]) #pnl-title').waitFor({ state: 'visible', timeout: 60_000 });
      await frame.locator('#pnl-title').scrollIntoViewIfNeeded();
      const { want, glance } = await waitForPnl(0.05);
      await screenshot(page, 'pnl-replay-dark');
      console.log(
        `    hashprice ${glance.hashprice}: margin ${want.marginText}, power ${want.powerCostText}/PH/day, breakeven power price ${want.breakevenPowerPriceText}`,
      );
    },
  );

  await s.step(
    'typing 0.10 as the power price (Enter) updates the margin and saves it to the user settings.json, with no reconnect or refetch',
    async () => {
      const input = frame.locator('#pnl-powerPricePerKwh-input');
      await input.scrollIntoViewIfNeeded();
      assert((await input.inputValue()) === '0.05', `the field shows "${await input.inputValue()}"`);
      // Issue 11 #3: a P&L edit must not reconnect the websocket or start a fetch (this test's own requests to the
      // server would muddy a request count, so fetches are counted in the extension's log).
      const since = (await replay.state()).requestCount;
      const refreshes = () => count(extensionLog(server), /Refreshed from /);
      const refreshesBefore = refreshes();
      await input.click({ clickCount: 3 });
      await page.keyboard.type('0.10');
      assert((await input.inputValue()) === '0.10', `typed into the field: "${await input.inputValue()}"`);
      await page.keyboard.press('Enter');
      const { want } = await waitForPnl(0.1);
      await frame
        .locator('.pnl-status', { hasText: /Saved power price/ })
        .waitFor({ state: 'visible', timeout: 30_000 });
      const saved = await waitUntil(
        () => {
          const v = userSettings(server)['miningEconomics.pnl.powerPricePerKwh'];
          return v === undefined ? undefined : { v };
        },
        { timeoutMs: 30_000, intervalMs: 200, what: 'miningEconomics.pnl.powerPricePerKwh in the user settings.json' },
      );
      assert(saved.v === 0.1, `settings.json has miningEconomics.pnl.powerPricePerKwh = ${JSON.stringify(saved.v)}`);
      assert(userSettings(server)['miningEconomics.mempoolUrl'] === replay.url, 'the other user settings were kept');
      const reconnects = (await replay.requests(since)).filter((r) => r.path.startsWith('/api/v1/ws'));
      assert(
        reconnects.length === 0,
        `the P&L edit reconnected the websocket: ${JSON.stringify(reconnects.map((r) => r.path))}`,
      );
      assert(refreshes() === refreshesBefore, `the P&L edit started ${refreshes() - refreshesBefore} refresh(es)`);
      await screenshot(page, 'pnl-replay-dark-power-0.10');
      console.log(
        `    margin ${want.marginText} (power ${want.powerCostText}/PH/day); settings.json: "miningEconomics.pnl.powerPricePerKwh": ${JSON.stringify(saved.v)}`,
      );
    },
  );
}

const noDataScenario = {
  name: 'no data, then the server comes up',
  async run(s: Scenario) {
    const port = await freePort();
    const { page } = await launch(s, 'dark', { 'miningEconomics.mempoolUrl': `http://127.0.0.1:${port}` });
    await s.step('first start with the server down shows "Mining: no data" and says why in the hover', async () => {
      const v = await waitForStatusItem(page, ITEM_ID, (x) => x.text === 'Mining: no data', {
        timeoutMs: 90_000,
        what: '"Mining: no data"',
      });
      assert(v.codicons.includes('warning'), `no $(warning) icon: ${JSON.stringify(v)}`);
      assert(isWarning(v), `no warning colour: ${JSON.stringify(v)}`);
      const text = await hoverText(page);
      assertHoverHas(text, ['No data yet — ', `Source: 127.0.0.1:${port}`]);
      await hoverShot(page, 'no-data-hover-dark');
    });
    let replay: ReplayProcess | undefined;
    await s.step('data appears once the server is up, without user action', async () => {
      await page.mouse.move(400, 300);
      replay = await startReplayFor(s, port);
      const exp = expectedGlance(await fetchServed(replay));
      await waitForFresh(page, exp, 150_000);
    });
  },
};

const faultsScenario = {
  name: 'faults, recovery and restart',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const exp = expectedGlance(await fetchServed(replay));
    const { page } = await launch(s, 'dark', {
      'miningEconomics.mempoolUrl': replay.url,
      'miningEconomics.refreshIntervalMinutes': 1,
    });
    await waitForFresh(page, exp);

    await s.step(
      'HTTP 500: the last values stay, the item is marked stale and the hover names the reason',
      async () => {
        await replay.fault('http500');
        await runCommand(page, CMD_REFRESH);
        const v = await waitForStatusItem(page, ITEM_ID, (x) => x.codicons.includes('warning'), {
          timeoutMs: 60_000,
          what: 'stale marker',
        });
        assert(v.text === exp.statusText, `values changed: "${v.text}" vs "${exp.statusText}"`);
        assert(isWarning(v) && v.classes.some((c) => /warning/.test(c)), `no warning background: ${JSON.stringify(v)}`);
        const text = await hoverText(page);
        assertHoverHas(text, ['Stale', 'Showing the last good data', 'Last refresh failed', '500']);
        await hoverShot(page, 'stale-hover-dark');
      },
    );

    await s.step('clearing the fault: it recovers without user action (scheduler retry)', async () => {
      await page.mouse.move(400, 300);
      const since = (await replay.state()).requestCount;
      await replay.clear();
      await waitForFresh(page, exp, 150_000);
      const reqs = await replay.requests(since);
      assert(
        reqs.some((r) => r.status === 200),
        'no successful request after the fault cleared',
      );
    });

    await s.step('a reload shows the cached snapshot (history marker) while the first fetch hangs', async () => {
      // The snapshot is in globalState (saved in the browser's storage) before the window goes away.
      await waitUntil(() => persistedStateIncludes(page, 'miningEconomics.lastSnapshot', EXTENSION_ID), {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'the snapshot to be saved in globalState',
      });
      await replay.fault('timeout');
      const since = (await replay.state()).requestCount;
      await reloadWorkbench(page);
      const v = await waitForStatusItem(
        page,
        ITEM_ID,
        (x) => x.text === exp.statusText && (x.codicons.includes('history') || x.codicons.includes('warning')),
        {
          timeoutMs: 60_000,
          what: 'cached numbers with $(history)',
        },
      );
      const text = await hoverText(page);
      assertHoverHas(text, ['Cached from an earlier session']);
      await hoverShot(page, 'cached-hover-dark');
      const reqs = await replay.requests(since);
      assert(
        reqs.length > 0 && reqs.every((r) => r.status === 0),
        `the first fetch should still hang, requests: ${JSON.stringify(reqs)}`,
      );
      assert(
        v.codicons.includes('history'),
        `expected the $(history) marker while the fetch is pending: ${JSON.stringify(v)}`,
      );
    });

    await s.step('after the hang clears, live data replaces the cached snapshot', async () => {
      await page.mouse.move(400, 300);
      const since = (await replay.state()).requestCount;
      await replay.clear();
      // A real fetch, not just a label change: some API request after the clear succeeds.
      await waitUntil(
        async () => (await replay.requests(since)).some((r) => r.status === 200 && r.path.startsWith('/api/v1/')),
        {
          timeoutMs: 180_000,
          intervalMs: 500,
          what: 'a successful fetch after the hang cleared',
        },
      );
      await waitForFresh(page, exp, 60_000);
    });
  },
};

const alertScenario = {
  name: 'difficulty alert fires once',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const exp = expectedGlance(await fetchServed(replay));
    const { page, server } = await launch(s, 'dark', {
      'miningEconomics.mempoolUrl': replay.url,
      'miningEconomics.alerts.difficultyAdjustment': true,
    });
    const toasts = await recordNotifications(page);
    const refreshes = () => count(extensionLog(server), /Refreshed from /);
    const alerts = () => count(extensionLog(server), /Alert: Bitcoin difficulty adjusted/);
    const refreshAndWait = async () => {
      const before = refreshes();
      await runCommand(page, CMD_REFRESH);
      await waitUntil(() => refreshes() > before, {
        timeoutMs: 60_000,
        what: 'the refresh to complete (extension log)',
      });
    };

    await s.step('the first data is a silent baseline (no alert)', async () => {
      await waitForFresh(page, exp);
      await waitUntil(() => refreshes() >= 1, { timeoutMs: 30_000, what: 'first refresh in the log' });
      const seen = (await toasts()).filter((t) => /difficulty adjusted/.test(t));
      assert(seen.length === 0, `unexpected alert: ${JSON.stringify(seen)}`);
    });

    let message = '';
    await s.step('mining across a retarget raises exactly one notification', async () => {
      const { tipHeight } = await replay.mine(exp.remainingBlocks);
      assert(tipHeight === exp.nextRetargetHeight, `mined to ${tipHeight}, retarget at ${exp.nextRetargetHeight}`);
      const hr = await replay.json<{ difficulty: { height: number; adjustment: number }[] }>(
        '/api/v1/mining/hashrate/1m',
      );
      const rec = hr.difficulty[hr.difficulty.length - 1]!;
      assert(rec.height === tipHeight, `served retarget record at ${rec.height}`);
      message = `Bitcoin difficulty adjusted at block ${grouped(tipHeight)}: ${signedPercent((rec.adjustment - 1) * 100)}`;
      await refreshAndWait();
      await waitUntil(async () => (await toasts()).some((t) => t.includes(message)), {
        timeoutMs: 30_000,
        what: `notification "${message}"`,
      });
      await page.waitForTimeout(200);
      const seen = (await toasts()).filter((t) => /difficulty adjusted/.test(t));
      assert(seen.length === 1, `expected one alert, saw ${JSON.stringify(seen)}`);
      const toast = await page
        .locator('.notifications-toasts .notification-toast', { hasText: message })
        .first()
        .boundingBox();
      const item = await page.locator(`[id="${ITEM_ID}"]`).first().boundingBox();
      assert(toast && item, 'the notification or the item is not on screen');
      const x = Math.min(toast.x, item.x);
      const right = Math.max(toast.x + toast.width, item.x + item.width);
      await screenshotRegion(
        page,
        'alert-toast-dark',
        { x, y: toast.y, width: right - x, height: item.y + item.height - toast.y },
        16,
      );
    });

    await s.step("further refreshes don't repeat it", async () => {
      await runCommand(page, 'Notifications: Clear All Notifications');
      await replay.mine(1);
      await refreshAndWait();
      await refreshAndWait();
      const seen = (await toasts()).filter((t) => /difficulty adjusted/.test(t));
      assert(seen.length === 1, `the alert repeated: ${JSON.stringify(seen)}`);
      assert(alerts() === 1, `the log shows ${alerts()} alerts`);
      assert((await notificationCount(page, message)) === 0, 'a notification is showing again');
    });
  },
};

// Issue 11 #2: workspace settings are untrusted input. VS Code renders `[label](command:…)` in notification
// text as a link that runs the command; the report of a bad setting must not contain one. (The harness
// disables workspace trust, so the workspace value applies, as in any trusted folder.)
const hostileWorkspaceScenario = {
  name: 'a workspace setting carrying a command link',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const { page } = await launch(
      s,
      'dark',
      { 'miningEconomics.mempoolUrl': replay.url },
      { 'miningEconomics.currency': '[Quit](command:workbench.action.quit)' },
    );
    await s.step('the bad setting is reported as plain text, with no clickable link', async () => {
      const message = page
        .locator('.notifications-toasts .notification-list-item-message', { hasText: 'miningEconomics.currency' })
        .first();
      await message.waitFor({ state: 'visible', timeout: 90_000 });
      const text = await message.innerText();
      const links = await message.locator('a').count();
      assert(links === 0, `the notification has ${links} link(s): ${JSON.stringify(text)}`);
      assert(!text.includes('[Quit]'), `the notification quotes the raw value: ${JSON.stringify(text)}`);
      // The extension still works, in the default currency.
      await waitForFresh(page, expectedGlance(await fetchServed(replay)));
    });
  },
};

// Issues 11 and 12 in a real VS Code: live figures after a pushed block, intervals in the hover, and a Retry-After that must not become a request storm (the last step: it defers
// every refresh for the capped hour).
const liveScenario = {
  name: 'live blocks, intervals, Retry-After',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const exp = expectedGlance(await fetchServed(replay));
    const { page } = await launch(s, 'dark', { 'miningEconomics.mempoolUrl': replay.url });
    await waitForFresh(page, exp);
    const apiSince = async (since: number) =>
      (await replay.requests(since)).filter((r) => r.path.startsWith('/api/') && r.path !== '/api/v1/ws');
    const upgraded = async () =>
      (await replay.requests(0)).some((r) => r.path.startsWith('/api/v1/ws') && r.status === 101);
    await waitUntil(async () => ((await upgraded()) ? true : undefined), {
      timeoutMs: 60_000,
      what: 'the websocket to connect',
    });

    await s.step(
      'the hover gives the 7-day hash rate with its 95% interval and how likely it is under 1 ZH/s',
      async () => {
        const text = await hoverText(page);
        // Width of the exact interval over 1008 blocks ≈ 2 × 1.96 / √1008 = 12.3 % of the point (normal approximation).
        const m = /([\d.,]+) ([EZ])H\/s \(95%: ([\d.,]+)(?: ([EZ])H\/s)?–([\d.,]+) ([EZ])H\/s\)/.exec(text);
        assert(m, `no interval after the hash rate in the hover: ${text}`);
        const ehs = (v: string, unit: string | undefined) => Number(v.replace(/,/g, '')) * (unit === 'Z' ? 1000 : 1);
        const point = ehs(m[1]!, m[2]);
        const low = ehs(m[3]!, m[4] ?? m[6]);
        const high = ehs(m[5]!, m[6]);
        assert(low < point && point < high, `interval ${low}–${high} does not contain ${point}`);
        const width = (high - low) / point;
        assert(
          Math.abs(width - 0.1235) < 0.01,
          `interval width ${(width * 100).toFixed(2)} % of the point, expected ≈ 12.3 %`,
        );
        assertHoverHas(text, ['Under 1 ZH/s', 'likely']);
        await hoverShot(page, 'intervals-hover-dark');
        await page.mouse.move(400, 300);
      },
    );

    await s.step(
      'a block pushed over the websocket brings the new 7-day estimate to the status bar, with at most 2 requests',
      async () => {
        const since = (await replay.state()).requestCount;
        const t0 = Date.now();
        await replay.mine(1);
        // The extension's requests first, before this test asks the server anything itself.
        const reqs = await waitUntil(
          async () => {
            const r = await apiSince(since);
            return r.some((x) => x.path.startsWith('/api/v1/mining/hashrate/')) ? r : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 100, what: "the extension's refetch after the block" },
        );
        const after = expectedGlance(await fetchServed(replay));
        await waitForFresh(page, after, 30_000);
        console.log(
          `    new block's figures on the status bar ${Date.now() - t0} ms after it was mined; requests: ${reqs.map((r) => r.path).join(', ')}`,
        );
        assert(reqs.length <= 2, `a block cost ${reqs.length} requests: ${JSON.stringify(reqs.map((r) => r.path))}`);
        assert(!reqs.some((r) => r.path === '/api/blocks/tip/height'), 'a full poll ran instead of the push update');
      },
    );

    await s.step('a 429 with Retry-After: 3000000 is honoured (capped), not turned into a request storm', async () => {
      await replay.fault('http429', { retryAfterS: 3_000_000 });
      const since = (await replay.state()).requestCount;
      await runCommand(page, CMD_REFRESH);
      await waitUntil(async () => ((await replay.requests(since)).some((r) => r.status === 429) ? true : undefined), {
        timeoutMs: 60_000,
        what: 'the 429',
      });
      // Two more refreshes by hand: each must be deferred by the extension, not sent.
      for (let i = 0; i < 2; i++) {
        await runCommand(page, CMD_REFRESH);
        await page
          .locator('.statusbar', { hasText: 'the server asked us to wait' })
          .first()
          .waitFor({ state: 'visible', timeout: 30_000 });
      }
      const sent = (await replay.requests(since)).filter((r) => r.path.startsWith('/api/'));
      assert(
        sent.length <= 3,
        `${sent.length} requests after a 429 with Retry-After 3000000 (a storm): ${JSON.stringify(sent.slice(0, 10).map((r) => r.path))}`,
      );
      await replay.clear();
    });
  },
};

// Issue 11 #6: a source whose tip is weeks old (an unsynced self-hosted node, a stuck instance) is not current.
const staleSourceScenario = {
  name: 'a source whose last block is weeks old',
  async run(s: Scenario) {
    const endS = Math.floor(Date.now() / 1000) - 40 * 86_400;
    const replay = await startReplay({ args: ['--end', String(endS)] });
    s.defer(() => replay.stop());
    const { page } = await launch(s, 'dark', { 'miningEconomics.mempoolUrl': replay.url });
    await s.step('the item turns to the warning colour and the hover leads with the reason', async () => {
      const v = await waitForStatusItem(page, ITEM_ID, (x) => /H\/s/.test(x.text) && isWarning(x), {
        timeoutMs: 90_000,
        what: 'figures marked stale',
      });
      assert(v.codicons.includes('warning'), `no $(warning) marker: ${JSON.stringify(v)}`);
      const text = await hoverText(page);
      assertHoverHas(text, ['Stale', 'last block is', 'is it syncing?']);
      assert(!text.includes('updated just now'), `the hover calls old data current: ${text}`);
      await hoverShot(page, 'stale-source-hover-dark');
    });
  },
};

async function notificationCount(page: Page, text: string): Promise<number> {
  return page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).count();
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
  const t0 = Date.now();
  const code = await runScenarios([
    glanceScenario('dark'),
    glanceScenario('light'),
    noDataScenario,
    faultsScenario,
    alertScenario,
    hostileWorkspaceScenario,
    liveScenario,
    staleSourceScenario,
  ]);
  for (const n of [...new Set(notes)]) console.error(`note: ${n}`);
  console.error(`e2e total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // The closing line printed by runScenarios must stay the last line on stdout.
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
