import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  normaliseMempoolUrl,
  PLACEHOLDERS,
  readSettings,
  sourceHostOf,
} from '../../src/core/settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readSettings', () => {
  it('defaults when nothing is set', () => {
    const { settings, problems } = readSettings(from({}));
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems).toEqual([]);
  });

  it('reads valid values', () => {
    const { settings, problems } = readSettings(
      from({
        mempoolUrl: 'http://umbrel.local:3006/',
        refreshIntervalMinutes: 2,
        currency: 'eur',
        'statusBar.show': 'hashpriceSats',
        'statusBar.alignment': 'left',
        'statusBar.priority': -5,
        'statusBar.fixedWidth': false,
      }),
    );
    expect(problems).toEqual([]);
    expect(settings.mempoolUrl).toBe('http://umbrel.local:3006');
    expect(settings.refreshIntervalMs).toBe(120_000);
    expect(settings.currency).toBe('EUR');
    expect(settings.statusBar).toMatchObject({
      show: 'hashpriceSats',
      alignment: 'left',
      priority: -5,
      fixedWidth: false,
    });
  });

  it('falls back with a message naming the setting for each bad value', () => {
    const { settings, problems } = readSettings(
      from({
        mempoolUrl: 'ftp://x',
        refreshIntervalMinutes: 0.1,
        currency: 'XBT',
        'statusBar.show': 'everything',
        'statusBar.template': '{hashrate} {bogus}',
      }),
    );
    expect(settings.mempoolUrl).toBe('https://mempool.space');
    expect(settings.refreshIntervalMs).toBe(60_000);
    expect(settings.currency).toBe('USD');
    expect(settings.statusBar.show).toBe('hashrateAndHashprice');
    expect(problems.map((p) => p.setting)).toEqual([
      'miningEconomics.mempoolUrl',
      'miningEconomics.refreshIntervalMinutes',
      'miningEconomics.currency',
      'miningEconomics.statusBar.show',
      'miningEconomics.statusBar.template',
    ]);
    expect(problems[0]!.message).toMatch(/must use http or https/);
    expect(problems[1]!.message).toMatch(/below the minimum of 1 minute/);
    expect(problems[4]!.message).toMatch(/\{bogus\}/);
  });

  it('rejects a non-number interval', () => {
    const { settings, problems } = readSettings(from({ refreshIntervalMinutes: 'often' }));
    expect(settings.refreshIntervalMs).toBe(5 * 60_000);
    expect(problems[0]!.message).toMatch(/must be a number of minutes/);
  });
});

describe('confidence level and significance', () => {
  it('defaults to 95 % and requiring significance', () => {
    const { settings } = readSettings(from({}));
    expect(settings.confidenceLevel).toBe(0.95);
    expect(settings.alerts.requireSignificance).toBe(true);
  });

  it('reads 0.80 … 0.99 and a switched-off significance', () => {
    for (const level of [0.8, 0.9, 0.99]) {
      const { settings, problems } = readSettings(
        from({ confidenceLevel: level, 'alerts.requireSignificance': false }),
      );
      expect(problems).toEqual([]);
      expect(settings.confidenceLevel).toBe(level);
      expect(settings.alerts.requireSignificance).toBe(false);
    }
  });

  it.each([0.5, 0.999, 95, -1, 'high', null, Number.NaN])('falls back to 0.95 for %j and says why', (raw) => {
    const { settings, problems } = readSettings(from({ confidenceLevel: raw }));
    expect(settings.confidenceLevel).toBe(0.95);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.setting).toBe('miningEconomics.confidenceLevel');
    expect(problems[0]!.message).toMatch(
      /^must be a number from 0\.80 to 0\.99 \(0\.95 = 95 % intervals\), got .+\. Using 0\.95\.$/,
    );
  });

  it('keeps significance on for a non-boolean value, with a problem', () => {
    const { settings, problems } = readSettings(from({ 'alerts.requireSignificance': 'no' }));
    expect(settings.alerts.requireSignificance).toBe(true);
    expect(problems.map((p) => p.setting)).toEqual(['miningEconomics.alerts.requireSignificance']);
  });
});

describe('package.json and README agree with the code', () => {
  const props = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).contributes.configuration
    .properties;
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  // Descriptions are %keys% of package.nls.json (the English text; bundles/test/unit/l10n keep translations whole).
  const nls = JSON.parse(readFileSync(join(__dirname, '../../package.nls.json'), 'utf8'));
  const text = (value: string): string => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;
  it('declares the confidence level and significance settings with the code defaults and range', () => {
    expect(props['miningEconomics.confidenceLevel']).toMatchObject({
      type: 'number',
      default: DEFAULT_SETTINGS.confidenceLevel,
      minimum: 0.8,
      maximum: 0.99,
    });
    expect(props['miningEconomics.alerts.requireSignificance']).toMatchObject({
      type: 'boolean',
      default: DEFAULT_SETTINGS.alerts.requireSignificance,
    });
  });
  it('lists every template placeholder in the setting description and in the README', () => {
    const templateRow = readme.split('\n').find((line) => line.startsWith('| `miningEconomics.statusBar.template`'))!;
    for (const name of PLACEHOLDERS) {
      expect(text(props['miningEconomics.statusBar.template'].markdownDescription)).toContain(`\`{${name}}\``);
      expect(templateRow).toContain(`\`{${name}}\``);
    }
    expect(readme).toContain('| `miningEconomics.confidenceLevel` |');
  });
});

describe('normaliseMempoolUrl', () => {
  it.each([
    ['https://mempool.space', 'https://mempool.space'],
    ['https://mempool.space/', 'https://mempool.space'],
    ['HTTPS://Mempool.Space//', 'https://mempool.space'],
    ['http://127.0.0.1:8999', 'http://127.0.0.1:8999'],
    ['https://example.org/mempool/', 'https://example.org/mempool'],
    ['http://[::1]:3006', 'http://[::1]:3006'],
    // The scheme and host in any case; the path keeps its own (servers may tell /Mempool from /mempool).
    ['HtTp://Umbrel.LOCAL:3006/Mempool/', 'http://umbrel.local:3006/Mempool'],
    ['  https://mempool.space  ', 'https://mempool.space'],
  ])('%s → %s', (raw, url) => {
    expect(normaliseMempoolUrl(raw)).toEqual({ url });
  });
  it.each([
    '',
    'mempool.space',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://x/?a=1',
    'https://x:99999',
    'https://a b',
  ])('rejects %j', (raw) => {
    expect(normaliseMempoolUrl(raw)).toHaveProperty('problem');
  });
  it.each([
    ['ftp://x', '"ftp://x" must use http or https'],
    ['HTTPS://x/?a=1', '"HTTPS://x/?a=1" must not contain a query or fragment'],
    // U+017F (long s) upper-cases to an ASCII S: it must not pass for a scheme letter.
    ['\u017Fttp://x', '"\u017Fttp://x" is not a valid URL; expected something like https://mempool.space'],
    ['https://x:0', '"https://x:0" has an invalid port'],
    ['https://user:secret@x', '"https://***@x" is not a valid URL; expected something like https://mempool.space'],
  ])('says what is wrong with %j, quoting it without credentials', (raw, problem) => {
    expect(normaliseMempoolUrl(raw)).toEqual({ problem });
  });
  it('names the host for the hover', () => {
    expect(sourceHostOf('https://mempool.space')).toBe('mempool.space');
    expect(sourceHostOf('http://127.0.0.1:8999/mempool')).toBe('127.0.0.1:8999/mempool');
  });
});
