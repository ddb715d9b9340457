// Issue 11, finding 2 and 12: workspace settings are untrusted. A repository's .vscode/settings.json must not
// put a clickable `command:` link into our notification, nor credentials or a page of text into the log.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_SHOWN_TEXT_CHARS } from '../../../src/core/errors';
import { readSettings } from '../../../src/core/settings';
import { ConfigService } from '../../../src/vscode/config';
import { stub } from '../../support/vscodeModule';
import { resetRecord } from '../../support/vscodeStub';

/** VS Code's own link syntax for notification text (src/vs/base/common/linkedText.ts): `[label](target)`. */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

const QUIT = '[Quit](command:workbench.action.quit)';
const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('setting problems quote hostile values harmlessly', () => {
  it('no link syntax survives in any problem message', () => {
    const { problems } = readSettings(
      from({
        currency: QUIT,
        confidenceLevel: QUIT,
        'statusBar.show': QUIT,
        refreshIntervalMinutes: QUIT,
        'alerts.hashrateThresholdEHs': QUIT,
        'pnl.powerPricePerKwh': QUIT,
        'hosting.powerPassThrough': QUIT,
        mempoolUrl: `https://x/${QUIT}`,
      }),
    );
    expect(problems.map((p) => p.setting).sort()).toEqual(
      [
        'miningEconomics.alerts.hashrateThresholdEHs',
        'miningEconomics.confidenceLevel',
        'miningEconomics.currency',
        'miningEconomics.hosting.powerPassThrough',
        'miningEconomics.mempoolUrl',
        'miningEconomics.pnl.powerPricePerKwh',
        'miningEconomics.refreshIntervalMinutes',
        'miningEconomics.statusBar.show',
      ].sort(),
    );
    for (const p of problems) {
      expect(p.message, p.setting).not.toMatch(LINK);
      expect(p.message, p.setting).not.toContain('[');
    }
    // Still recognisable for the person who made the mistake.
    expect(problems.find((p) => p.setting === 'miningEconomics.currency')!.message).toContain(
      '(Quit)(command:workbench.action.quit)',
    );
  });

  it('bounds quoted values and the whole message, and drops control characters', () => {
    const long = `EUR${'A'.repeat(5000)}\r\n\u0007`;
    const { problems } = readSettings(from({ currency: long, 'pnl.efficiencyJPerTh': long }));
    expect(problems).toHaveLength(2);
    for (const p of problems) {
      expect(p.message.length).toBeLessThanOrEqual(MAX_SHOWN_TEXT_CHARS);
      // eslint-disable-next-line no-control-regex -- checking that they are gone
      expect(p.message).not.toMatch(/[\u0000-\u001f]/);
    }
    // The quoted value is cut at 80 characters; the rest of the message (what is used instead) survives.
    expect(problems[0]!.message).toMatch(/^"EURA+… is not one of .* Using USD\.$/);
    expect(problems[0]!.message.length).toBeLessThan(200);
  });

  it('never echoes the credentials of an invalid URL', () => {
    const { problems } = readSettings(from({ mempoolUrl: 'https://alice:s3cret@mempool.example/?x=1' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).not.toContain('s3cret');
    expect(problems[0]!.message).toContain('https://***@mempool.example');
  });
});

describe('ConfigService notification for a hostile workspace value', () => {
  const record = stub.record;
  const services: ConfigService[] = [];
  beforeEach(() => resetRecord(record));
  afterEach(() => services.splice(0).forEach((s) => s.dispose()));

  it('shows no clickable link and logs the value neutralised', () => {
    record.workspaceConfig['miningEconomics.currency'] = QUIT;
    record.workspaceConfig['miningEconomics.mempoolUrl'] = `https://bob:hunter2@h/${'p'.repeat(400)}?q`;
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn(), trace: vi.fn() };
    const config = new ConfigService(log as never);
    services.push(config);
    // Read at first use (activate() builds the service but reads nothing), and reported then.
    expect(record.messages).toHaveLength(0);
    expect(config.settings.currency).toBe('USD');
    expect(record.messages).toHaveLength(1);
    const notification = record.messages[0]!;
    expect(notification).toContain('miningEconomics.');
    expect(notification).not.toMatch(LINK);
    expect(notification).not.toContain('[');
    const logged = log.warn.mock.calls.map((c) => String(c[0]));
    expect(logged).toHaveLength(2);
    for (const line of logged) {
      expect(line).not.toMatch(LINK);
      expect(line).not.toContain('hunter2');
      expect(line.length).toBeLessThanOrEqual(MAX_SHOWN_TEXT_CHARS + 40);
    }
  });
});

describe('package.json in untrusted workspaces', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('../../../package.json') as {
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  it('ignores workspace values of every setting that changes what is shown, fetched or alerted', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    expect(untrusted.supported).toBe('limited');
    const props = pkg.contributes.configuration.properties;
    // Placement only (and mempoolUrl, which is application-scoped: no workspace can set it at all).
    const harmless = [
      'miningEconomics.statusBar.alignment',
      'miningEconomics.statusBar.priority',
      'miningEconomics.statusBar.fixedWidth',
    ];
    expect(props['miningEconomics.mempoolUrl']!.scope).toBe('application');
    const expected = Object.keys(props).filter((k) => !harmless.includes(k) && props[k]!.scope !== 'application');
    expect([...(untrusted.restrictedConfigurations ?? [])].sort()).toEqual(expected.sort());
  });
});
