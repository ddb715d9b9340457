import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, STATUS_BAR_PRESETS } from '../../src/core/settings';
import { CURRENCIES } from '../../src/core/model';
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
