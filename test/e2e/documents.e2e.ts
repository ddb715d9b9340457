/**
 * End-to-end suite for issue 15's "at home in VS Code" parts, in a real VS Code (code-server) against the
 * replay server: the walkthrough on first start, the status item's screen-reader sentence, the charts'
 * written descriptions, and "Bitcoin: Insert Mining Snapshot" in a Markdown and a CSV file. Expected
 * figures come from the served responses (expected.ts), never from src/.
 *
 * Run: bash scripts/e2e/run.sh test/e2e/documents.e2e.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { expectedGlance, fetchServed, grouped, si4, trendPercent, type Served } from './expected';
import { findWebviewFrame, normalizeText, readStatusItem, runCommand, waitUntil } from './harness';
import { runScenarios, type Scenario } from './scenario';
import { ITEM_ID, assert, launch, openPanel, panelInBuild, startReplayFor, waitForFresh } from './workbench';

const CMD_INSERT = 'Bitcoin: Insert Mining Snapshot';
const PREFIX_WORDS: Record<string, string> = {
  '': '',
  k: 'kilo',
  M: 'mega',
  G: 'giga',
  T: 'tera',
  P: 'peta',
  E: 'exa',
  Z: 'zetta',
};

/** What the item must say to a screen reader, worked out from the served data. */
function expectedSentence(served: Served, hashpriceUsd: number): string {
  const { number, prefix } = si4(served.hashrate.currentHashrate);
  const p = trendPercent(served.hashrate.hashrates);
  const r = p === null ? null : Number(p.toFixed(1));
  const trend =
    r === null
      ? ''
      : r === 0
        ? ', unchanged over 7 days'
        : `, ${r > 0 ? 'up' : 'down'} ${Math.abs(r).toFixed(1)} percent over 7 days`;
  const [int, frac] = hashpriceUsd.toFixed(2).split('.');
  return (
    `Bitcoin network hash rate ${number} ${PREFIX_WORDS[prefix]}hashes per second${trend}; ` +
    `hashprice ${Number(int).toLocaleString('en-US')}.${frac} US dollars per petahash per second per day`
  );
}

/** Opens a workspace file through Quick Open and waits for its tab. */
async function openFile(page: Page, name: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await page
    .locator('.monaco-workbench')
    .first()
    .focus()
    .catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = widget.locator('input.input, .quick-input-box input').first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  await widget.locator('.monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page
    .locator('.tabs-container .tab.active', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Puts the cursor at the end of the active editor's text. */
async function cursorToEnd(page: Page): Promise<void> {
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
}

/** The active editor's visible text (each rendered line, spaces normalised). */
async function editorText(page: Page): Promise<string> {
  return normalizeText(await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText());
}

/** Saves the active editor and returns the file's text once it holds `needle`. */
async function saveAndRead(page: Page, file: string, needle: string): Promise<string> {
  // The keyboard, not the palette: the palette's "File: Save" row sits under another row's description hover.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+S');
  return waitUntil(
    () => {
      const text = fs.readFileSync(file, 'utf8');
      return text.includes(needle) ? text : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `${path.basename(file)} saved with "${needle}"` },
  );
}

const scenario = {
  name: 'documents, first run and accessibility (dark)',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const served = await fetchServed(replay);
    const exp = expectedGlance(served);
    const { page, server, workspaceDir } = await launch(s, 'dark', {
      'miningEconomics.mempoolUrl': replay.url,
      // The harness turns walkthroughs off for every other suite; this one is about the first run.
      'workbench.welcomePage.walkthroughs.openOnInstall': true,
    });
    const csvFile = path.join(workspaceDir, 'snapshots.csv');
    fs.writeFileSync(csvFile, '');

    await s.step('the "Get started" walkthrough opens on first start', async () => {
      const page1 = page.locator('.gettingStartedContainer').filter({ hasText: 'Get started with Mining Economics' });
      await page1.first().waitFor({ state: 'visible', timeout: 90_000 });
      const text = normalizeText(await page1.first().innerText());
      for (const title of [
        'Pick where the figures come from',
        'Choose your currency',
        "Enter your machines' efficiency and power price",
        'Choose what the status bar shows',
        'Turn on the alerts you want',
      ])
        assert(text.includes(title), `walkthrough lacks step "${title}": ${text.slice(0, 400)}`);
    });

    await s.step("the status item's accessible label is a sentence with units spelled out", async () => {
      await waitForFresh(page, exp);
      const want = expectedSentence(served, exp.hashpriceUsd);
      const item = await waitUntil(
        async () => {
          const v = await readStatusItem(page, ITEM_ID);
          return v?.ariaLabel === want ? v : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: `aria-label "${want}"` },
      ).catch(async (e: Error) => {
        throw new Error(`${e.message}; it is "${(await readStatusItem(page, ITEM_ID))?.ariaLabel}"`);
      });
      console.log(`    aria-label: "${item.ariaLabel}"`);
    });

    await s.step('Insert Mining Snapshot writes a Markdown table at the cursor in notes.md', async () => {
      await page.keyboard.press('Escape');
      await openFile(page, 'notes.md');
      await cursorToEnd(page);
      await runCommand(page, CMD_INSERT);
      const hashrateEhs = Number((served.hashrate.currentHashrate / 1e18).toFixed(1)).toLocaleString('en-US', {
        minimumFractionDigits: 1,
      });
      const rows = [
        '| Figure (unit) | Value |',
        `| Block height | ${grouped(served.tip)} |`,
        `| Hash rate, 7-day estimate (EH/s) | ${hashrateEhs} |`,
        `| Hashprice (USD per PH/s per day) | ${exp.hashpriceUsd.toFixed(2)} |`,
        `| BTC price (USD) | ${grouped(served.prices.USD!)} |`,
      ];
      await waitUntil(async () => (await editorText(page)).includes('Bitcoin mining snapshot') || undefined, {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: 'the snapshot in the editor',
      });
      const shown = await editorText(page);
      assert(shown.includes(rows[0]!), `editor shows no table header: ${shown.slice(0, 300)}`);
      const text = await saveAndRead(page, path.join(workspaceDir, 'notes.md'), 'Bitcoin mining snapshot');
      assert(text.startsWith('# Mining notes\n'), `the heading moved: ${text.slice(0, 80)}`);
      for (const row of rows) assert(text.includes(row), `notes.md lacks "${row}":\n${text}`);
      assert(text.includes(`Source: ${replay.host} · data fetched `), `no source line:\n${text}`);
      assert(!text.includes('Not current'), `live data marked as not current:\n${text}`);
    });

    await s.step('in snapshots.csv it writes a header once, then one CSV row per snapshot', async () => {
      await openFile(page, 'snapshots.csv');
      await cursorToEnd(page);
      await runCommand(page, CMD_INSERT);
      await waitUntil(async () => (await editorText(page)).includes('taken_utc') || undefined, {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: 'the CSV header in the editor',
      });
      await cursorToEnd(page);
      await runCommand(page, CMD_INSERT);
      const text = await saveAndRead(page, csvFile, ',live,');
      const lines = await waitUntil(
        () => {
          const l = fs.readFileSync(csvFile, 'utf8').split(/\r?\n/).filter(Boolean);
          return l.length === 3 ? l : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: 'header and two rows in snapshots.csv' },
      ).catch((e: Error) => {
        throw new Error(`${e.message}:\n${fs.readFileSync(csvFile, 'utf8') || text}`);
      });
      const header = lines[0]!.split(',');
      assert(header[0] === 'taken_utc' && header.includes('hashprice_usd_per_ph_day'), `header: ${lines[0]}`);
      for (const line of lines.slice(1)) {
        const cells = Object.fromEntries(line.split(',').map((c, i) => [header[i]!, c]));
        assert(cells.source === replay.host && cells.status === 'live', `row: ${line}`);
        assert(Number(cells.height) === served.tip, `height ${cells.height} ≠ ${served.tip}`);
        const ehs = Number(cells.hashrate_ehs);
        // Ten significant digits: within 5e-10 of the served value, relatively.
        const servedEhs = served.hashrate.currentHashrate / 1e18;
        assert(Math.abs(ehs / servedEhs - 1) < 1e-9, `hashrate_ehs ${ehs} ≠ ${servedEhs}`);
        const hp = Number(cells.hashprice_usd_per_ph_day);
        assert(Math.abs(hp - exp.hashpriceUsd) < 1e-6, `hashprice ${hp} ≠ ${exp.hashpriceUsd}`);
        // Served with a fraction; a CSV cell keeps every integer digit of a number this large, not its decimals.
        const d = served.hashrate.currentDifficulty;
        assert(Math.abs(Number(cells.difficulty) - d) <= 0.5, `difficulty ${cells.difficulty} ≠ ${d}`);
        assert(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(cells.fetched_utc ?? ''), `fetched_utc ${cells.fetched_utc}`);
      }
    });

    await s.step('every chart in the panel has a visible description its plot and table point at', async () => {
      const hasPanel = panelInBuild(server);
      if (!hasPanel) throw new Error('the .vsix has no panel bundle');
      await openPanel(page, 'dark', true);
      const frame = await findWebviewFrame(page, 'main#app', 60_000);
      const charts = await waitUntil(
        async () => {
          const found = await frame.evaluate(() =>
            Array.from(document.querySelectorAll<HTMLElement>('.plot[data-chart]')).map((plot) => {
              const ids = (plot.getAttribute('aria-describedby') ?? '').split(/\s+/);
              const description = ids
                .map((id) => document.getElementById(id))
                .find((el) => el?.classList.contains('chart-description'));
              return {
                id: plot.dataset.chart ?? '',
                label: plot.getAttribute('aria-label') ?? '',
                description: description?.textContent ?? '',
                visible: !!description && description.getBoundingClientRect().height > 0,
              };
            }),
          );
          return found.length >= 3 && found.every((c) => c.description && c.description !== `${c.id}: no data`)
            ? found
            : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'chart descriptions' },
      );
      for (const c of charts) {
        assert(c.visible, `${c.id}: its description is not visible`);
        assert(c.description === c.label, `${c.id}: description "${c.description}" ≠ label "${c.label}"`);
        assert(/ to .*: .* from .* to /.test(c.description), `${c.id}: "${c.description}" does not describe the data`);
      }
      console.log(`    ${charts.length} charts; e.g. "${charts[0]!.description.slice(0, 160)}…"`);
    });
  },
};

runScenarios([scenario]).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
