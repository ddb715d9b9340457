/**
 * Localisation end to end: the packaged .vsix in a real VS Code (code-server) started with a display language
 * (German). `--locale de` alone leaves `vscode.env.language` at "en": VS Code resolves a display language only
 * when a language pack for it is installed (its NLS configuration falls back to English otherwise). So the test
 * installs a minimal German "language pack" built here (contributes `localizations` for `de` with no
 * translations: VS Code's own UI stays English, but the display language becomes "de"), registers it in
 * <user-data>/languagepacks.json before the first page load, and starts with `--locale de`. Checks what a German-speaking user sees: our command titles in the palette, the status bar
 * figures with German digit marks, the hover's labels and the panel in German. The expected figures come from
 * the replay server's data (expected.ts) with the marks swapped, never from src/.
 * Run: bash scripts/e2e/run.sh test/e2e/l10n.e2e.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedGlance, fetchServed } from './expected';
import {
  e2ePaths,
  findWebviewFrame,
  normalizeText,
  openWorkbench,
  packageVsix,
  runCommand,
  screenshot,
  startCodeServer,
  waitForStatusItem,
  waitUntil,
} from './harness';
import { runScenarios, type Scenario } from './scenario';
import { assert, extensionLog, findVsix, hoverText, ITEM_ID, startReplayFor } from './workbench';

/** English figures ("1,024.5") as German writes them ("1.024,5"): the marks swap, digits and units stay. */
const german = (english: string): string => english.replace(/[,.]/g, (c) => (c === ',' ? '.' : ','));

/** A language pack for `de` that translates nothing: enough for VS Code to resolve the display language. */
function buildGermanLocalePack(): string {
  const dir = path.join(e2ePaths().cacheDir, 'l10n-pack-de');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'e2e-locale-de',
      displayName: 'E2E German display language',
      description: 'Test-only: makes "de" a display language without translating VS Code.',
      publisher: 'e2e',
      version: '0.0.1',
      license: 'UNLICENSED',
      engines: { vscode: '^1.90.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [
          {
            languageId: 'de',
            languageName: 'German',
            localizedLanguageName: 'Deutsch',
            translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
          },
        ],
      },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'translations', 'main.i18n.json'),
    JSON.stringify({ version: '1.0.0', contents: {} }),
  );
  fs.writeFileSync(path.join(dir, 'README.md'), '# e2e German display language\n\nTest-only.\n');
  return packageVsix(dir, path.join(e2ePaths().cacheDir, 'e2e-locale-de.vsix'));
}

const germanScenario = {
  name: 'display language German',
  async run(s: Scenario) {
    const replay = await startReplayFor(s);
    const exp = expectedGlance(await fetchServed(replay));
    const workspaceDir = path.join(e2ePaths().cacheDir, 'workspaces', 'l10n-de');
    fs.rmSync(workspaceDir, { recursive: true, force: true });
    fs.mkdirSync(workspaceDir, { recursive: true });
    s.defer(() => fs.rmSync(workspaceDir, { recursive: true, force: true }));
    const server = await startCodeServer({
      vsixPath: findVsix(),
      extraVsixPaths: [buildGermanLocalePack()],
      userSettings: { 'miningEconomics.mempoolUrl': replay.url },
      workspaceDir,
      extraArgs: ['--locale', 'de'],
    });
    s.defer(() => server.stop());
    // The server reads the installed language packs from <user-data>/languagepacks.json when it builds a page;
    // it writes that cache itself only when something asks for the languages, which the first page load does
    // not. Written here (the shape VS Code's LanguagePackCachedData keeps), so the first page is German.
    const translations = path.join(server.extensionsDir, 'e2e.e2e-locale-de-0.0.1', 'translations', 'main.i18n.json');
    assert(fs.existsSync(translations), `the language pack is not installed at ${translations}`);
    fs.writeFileSync(
      path.join(server.userDataDir, 'languagepacks.json'),
      JSON.stringify({
        de: {
          hash: 'e2e0000000000000000000000000000d',
          extensions: [{ extensionIdentifier: { id: 'e2e.e2e-locale-de' }, version: '0.0.1' }],
          translations: { vscode: translations },
          label: 'Deutsch',
        },
      }),
    );
    const wb = await openWorkbench(server.url, { theme: 'dark', viewport: { width: 1360, height: 860 } });
    s.defer(() => wb.close());
    const page = wb.page;
    s.page = page;
    s.onFailure = () => {
      const dir = e2ePaths().artifactsDir;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'l10n-de.extension.log'), extensionLog(server));
      fs.writeFileSync(path.join(dir, 'l10n-de.code-server.log'), `${server.logs()}\n${server.vscodeLogs()}`);
    };

    await s.step('the extension host runs in German (vscode.env.language is "de")', async () => {
      const line = await waitUntil(async () => extensionLog(server).match(/display language (\S+)\./)?.[1], {
        timeoutMs: 90_000,
        intervalMs: 500,
        what: 'the activation line in the extension log',
      });
      assert(line === 'de', `vscode.env.language is "${line}"`);
    });

    await s.step('status bar figures use German digit marks, units unchanged', async () => {
      const want = german(exp.statusText);
      const v = await waitForStatusItem(page, ITEM_ID, (item) => item.text === want, {
        timeoutMs: 90_000,
        what: `status item showing "${want}"`,
      });
      assert(/\d,\d/.test(v.text), `no decimal comma in "${v.text}"`);
      console.log(`    status bar: "${v.text}" (English: "${exp.statusText}")`);
    });

    await s.step('the hover speaks German', async () => {
      const text = await hoverText(page);
      const parts = [
        'Bitcoin-Netzwerk',
        'Hashrate (7-Tage-Schätzung)',
        'Hashpreis',
        'Fortschritt der Epoche',
        'Nächstes Halving',
        `Quelle: ${replay.host}`,
      ];
      const missing = parts.filter((p) => !text.includes(p));
      assert(missing.length === 0, `hover lacks ${JSON.stringify(missing)}\n    hover text: ${text}`);
      assert(!text.includes('Epoch progress'), 'the hover still has English labels');
      await screenshot(page, 'l10n-de-hover');
    });

    await s.step('the palette lists our commands by their German titles, and the panel opens in German', async () => {
      await runCommand(page, 'Bitcoin: Mining Economics anzeigen');
      const frame = await findWebviewFrame(page, 'main#app', 60_000);
      await frame.locator('main#app:not([aria-busy])').waitFor({ state: 'attached', timeout: 60_000 });
      const lang = await frame.evaluate(() => document.documentElement.lang);
      assert(lang === 'de', `the page's lang is "${lang}"`);
      const text = await waitUntil(
        async () => {
          const t = normalizeText(await frame.locator('main#app').innerText());
          return t.includes('Aktualisiert') ? t : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 500, what: 'the panel status line "Aktualisiert …"' },
      );
      const parts = ['Aktualisieren', 'Log-Skala', 'CSV exportieren', 'Hashrate & Difficulty', 'Ertragsmix & BTC-Kurs'];
      const missing = parts.filter((p) => !text.includes(p));
      assert(missing.length === 0, `panel lacks ${JSON.stringify(missing)}\n    panel text: ${text.slice(0, 1500)}`);
      await screenshot(page, 'l10n-de-panel');
    });
  },
};

runScenarios([germanScenario]).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
