import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, STATUS_BAR_PRESETS } from '../../src/core/settings';
import { CURRENCIES } from '../../src/core/model';
import { HASH_REFERENCE_SETTINGS } from '../../src/core/power/assumptions';
import { COMMANDS } from '../../src/vscode/commands';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;
const nls = JSON.parse(readFileSync(join(__dirname, '../../package.nls.json'), 'utf8'));

describe('package.json manifest', () => {
  it('keeps the identity other tests rely on', () => {
    expect(pkg.publisher).toBe('mining-economics');
    expect(pkg.name).toBe('mining-economics');
    expect(pkg.displayName).toBe('Mining Economics');
  });
  it('contributes exactly the commands the code registers', () => {
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(contributed).toEqual(Object.values(COMMANDS).sort());
    const show = pkg.contributes.commands.find((c: { command: string }) => c.command === COMMANDS.show);
    // Titles are %keys% of package.nls.json (VS Code shows the display language's package.nls.<lang>.json).
    expect(show).toMatchObject({ title: '%commands.show.title%', category: 'Bitcoin' });
    expect(nls['commands.show.title']).toBe('Show Mining Economics');
  });
  it('activates after startup, never at *', () => {
    expect(pkg.activationEvents).toEqual(['onStartupFinished']);
  });
  it("declares defaults equal to the code's defaults", () => {
    expect(props['miningEconomics.mempoolUrl'].default).toBe(DEFAULT_SETTINGS.mempoolUrl);
    expect(props['miningEconomics.refreshIntervalMinutes'].default * 60_000).toBe(DEFAULT_SETTINGS.refreshIntervalMs);
    expect(props['miningEconomics.currency'].enum).toEqual([...CURRENCIES]);
    expect(props['miningEconomics.statusBar.show'].enum).toEqual([...STATUS_BAR_PRESETS]);
    expect(props['miningEconomics.statusBar.template'].default).toBe(DEFAULT_SETTINGS.statusBar.template);
    const power = DEFAULT_SETTINGS.power;
    expect(props['miningEconomics.power.networkPowerPriceUsdPerKwh'].default).toBe(power.networkPowerPriceUsdPerKwh);
    expect(props['miningEconomics.power.pue'].default).toBe(power.pue);
    expect(props['miningEconomics.power.hashReference'].default).toBe(power.hashReference);
    expect(props['miningEconomics.power.hashReference'].enum).toEqual([...HASH_REFERENCE_SETTINGS]);
  });
  it('scopes URL-like settings to the application so a workspace cannot redirect requests', () => {
    const urlLike = Object.entries<{ format?: string; scope?: string }>(props).filter(
      ([key, value]) => /url/i.test(key) || value.format === 'uri',
    );
    // Not vacuous: the one URL setting we know of is among those checked.
    expect(urlLike.map(([key]) => key)).toContain('miningEconomics.mempoolUrl');
    for (const [key, value] of urlLike) expect(value.scope, key).toBe('application');
  });
  it('requires a VS Code whose Node satisfies the bundled undici', () => {
    // undici 7 needs Node ≥ 20.18.1; VS Code 1.96 (Electron 32.2.6) ships Node 20.18.1.
    expect(pkg.dependencies.undici).toMatch(/^~?\^?7\./);
    expect(pkg.engines.vscode).toBe('^1.96.0');
    expect(pkg.devDependencies['@types/vscode']).toBe('~1.96.0');
  });
});

describe('walkthrough and Marketplace entries', () => {
  const root = join(__dirname, '../..');
  // The manifest's texts are %keys% of package.nls.json: read the English through them.
  const english = (value: string): string => {
    const key = /^%(.+)%$/.exec(value)?.[1];
    return key === undefined ? value : (nls[key] as string);
  };
  type Step = { id: string; description: string; media: { svg?: string; image?: string; altText: string } };
  const walkthroughs = (pkg.contributes.walkthroughs as { id: string; steps: Step[] }[]).map((w) => ({
    ...w,
    steps: w.steps.map((s) => ({
      ...s,
      description: english(s.description),
      media: { ...s.media, altText: english(s.media.altText) },
    })),
  }));

  it('contributes the snapshot commands under the Bitcoin category', () => {
    const titles = Object.fromEntries(
      pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [
        c.command,
        `${c.category}: ${english(c.title)}`,
      ]),
    );
    expect(titles[COMMANDS.insertSnapshot]).toBe('Bitcoin: Insert Mining Snapshot');
    expect(titles[COMMANDS.copySnapshot]).toBe('Bitcoin: Copy Mining Snapshot');
  });

  it('has one walkthrough whose steps each have a picture that exists, alt text and a button', () => {
    expect(walkthroughs.map((w) => w.id)).toEqual(['miningEconomics.gettingStarted']);
    const steps = walkthroughs[0]!.steps;
    expect(steps.map((s) => s.id)).toEqual(['source', 'currency', 'machines', 'statusBar', 'alerts', 'snapshot']);
    for (const step of steps) {
      const media = step.media.svg ?? step.media.image;
      expect(media, step.id).toMatch(/^media\/walkthrough\/[\w-]+\.(svg|png)$/);
      const text = readFileSync(join(root, media!), 'utf8');
      if (media!.endsWith('.svg')) expect(text, media).toMatch(/^<svg [^>]*role="img" aria-label="[^"]+"/);
      expect(step.media.altText.length, step.id).toBeGreaterThan(20);
      // A button is a link alone on its line.
      expect(step.description, step.id).toMatch(/\n\[[^\]]+\]\(command:[^)]+\)/);
    }
  });

  it('links only to settings and commands that exist', () => {
    const keys = Object.keys(props);
    const commands = new Set<string>(Object.values(COMMANDS));
    let checked = 0;
    for (const step of walkthroughs[0]!.steps) {
      for (const [, target] of step.description.matchAll(/\]\(command:([^)]+)\)/g)) {
        const settings = /^workbench\.action\.openSettings\?(.+)$/.exec(target!);
        if (settings) {
          const [query] = JSON.parse(decodeURIComponent(settings[1]!)) as [string];
          // An exact key, or a prefix that shows a group of settings (miningEconomics.pnl).
          expect(
            keys.some((k) => k === query || k.startsWith(`${query}.`)),
            query,
          ).toBe(true);
        } else expect(commands.has(target!), target).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('keeps every walkthrough button in each language (same targets, in the same order)', () => {
    const targets = (text: string): string[] => [...text.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]!);
    const stepKeys = Object.keys(nls).filter((k) => /^walkthroughs\..*\.description$/.test(k));
    expect(stepKeys.length).toBeGreaterThanOrEqual(6);
    for (const lang of ['zh-cn', 'es', 'pt-br', 'de', 'ja', 'ru']) {
      const translated = JSON.parse(readFileSync(join(root, `package.nls.${lang}.json`), 'utf8')) as Record<
        string,
        string
      >;
      for (const key of stepKeys) expect(targets(translated[key] ?? ''), `${lang} ${key}`).toEqual(targets(nls[key]));
    }
  });

  it('ships a 128 × 128 PNG icon, a gallery banner, categories and keywords', () => {
    expect(pkg.icon).toBe('media/icon.png');
    const png = readFileSync(join(root, pkg.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
    expect(pkg.galleryBanner).toEqual({ color: expect.stringMatching(/^#[0-9a-f]{6}$/i), theme: 'dark' });
    expect(pkg.categories).toContain('Visualization');
    expect(pkg.keywords).toEqual(expect.arrayContaining(['bitcoin', 'mining', 'hashrate', 'hashprice']));
    // vsce rejects more than 30 keywords.
    expect(pkg.keywords.length).toBeLessThanOrEqual(30);
  });

  it('packages the icon and the walkthrough pictures', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    expect(ignore).toContain('!media/icon.png');
    expect(ignore).toContain('!media/walkthrough/*.svg');
  });
});
