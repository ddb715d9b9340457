// Every shipped bundle against the source: a key the source uses but a bundle lacks, a key no source uses, or
// a translation that changes or drops a placeholder ({0}, {hashrate}), a setting link (#…#), a codicon or a
// code span fails here, for package.nls.<lang>.json and l10n/bundle.l10n.<lang>.json alike. The checker
// itself is shown to fail on each kind of fault, so a green run means something.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = join(__dirname, '../../..');
type Bundle = Record<string, string>;
const lib = require(join(ROOT, 'scripts/lib/l10n.js')) as {
  LANGUAGES: string[];
  compareBundle: (english: Bundle, translated: Bundle) => string[];
  extractFromTree: (dir: string) => { keys: string[]; dynamic: string[] };
  extractKeys: (text: string) => { keys: string[]; dynamic: string[] };
  manifestStrings: (pkg: unknown) => { refs: string[]; plain: { key: string; value: string }[] };
};
const readJson = (file: string): Bundle => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('localisation bundles', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const nls = readJson('package.nls.json');
  const { keys, dynamic } = lib.extractFromTree(join(ROOT, 'src'));
  const english = Object.fromEntries(keys.map((k) => [k, k]));

  it('ships the six languages', () => {
    expect(lib.LANGUAGES).toEqual(['zh-cn', 'es', 'pt-br', 'de', 'ja', 'ru']);
    expect(pkg.l10n).toBe('./l10n');
  });

  it('has every manifest string in package.nls.json and no unused key', () => {
    const { refs, plain } = lib.manifestStrings(pkg);
    expect(plain).toEqual([]);
    expect(refs.length).toBeGreaterThan(30);
    expect(refs.filter((r) => !Object.hasOwn(nls, r))).toEqual([]);
    expect(Object.keys(nls).filter((k) => !refs.includes(k))).toEqual([]);
  });

  it('finds the code strings (not vacuous) and only literal messages', () => {
    expect(keys).toContain('Hash rate (7-day estimate)');
    expect(keys).toContain('Show Mining Economics');
    expect(keys.length).toBeGreaterThan(100);
    expect(dynamic).toEqual([]);
  });

  it('has l10n/bundle.l10n.json equal to what the source uses', () => {
    expect(lib.compareBundle(english, readJson('l10n/bundle.l10n.json'))).toEqual([]);
  });

  for (const lang of ['zh-cn', 'es', 'pt-br', 'de', 'ja', 'ru']) {
    it(`package.nls.${lang}.json matches package.nls.json`, () => {
      expect(lib.compareBundle(nls, readJson(`package.nls.${lang}.json`))).toEqual([]);
    });
    it(`l10n/bundle.l10n.${lang}.json matches the source`, () => {
      expect(lib.compareBundle(english, readJson(`l10n/bundle.l10n.${lang}.json`))).toEqual([]);
    });
  }
});

describe('the bundle checker', () => {
  const english = { 'Source: {0} · updated {1}': 'Source: {0} · updated {1}', Refresh: 'Refresh' };
  const good = { 'Source: {0} · updated {1}': 'Quelle: {0} · aktualisiert {1}', Refresh: 'Aktualisieren' };

  it('accepts a complete translation with its placeholders (in any order)', () => {
    expect(lib.compareBundle(english, good)).toEqual([]);
    expect(
      lib.compareBundle(english, { ...good, 'Source: {0} · updated {1}': '{1} aktualisiert, Quelle {0}' }),
    ).toEqual([]);
  });
  it('reports a missing key', () => {
    expect(lib.compareBundle(english, { Refresh: 'Aktualisieren' })).toEqual(['missing: "Source: {0} · updated {1}"']);
  });
  it('reports a key the source lacks', () => {
    expect(lib.compareBundle(english, { ...good, Reload: 'Neu laden' })).toEqual([
      'extra (not in the source): "Reload"',
    ]);
  });
  it('reports a dropped, a changed and a duplicated placeholder, and an empty translation', () => {
    expect(lib.compareBundle(english, { ...good, 'Source: {0} · updated {1}': 'Quelle: {0}' })).toHaveLength(1);
    expect(lib.compareBundle(english, { ...good, 'Source: {0} · updated {1}': 'Quelle: {0} · {2}' })).toHaveLength(1);
    expect(lib.compareBundle(english, { ...good, 'Source: {0} · updated {1}': '{0} {0} {1}' })).toHaveLength(1);
    expect(lib.compareBundle(english, { ...good, Refresh: ' ' })).toEqual(['empty: "Refresh"']);
  });
  it('reports a changed setting link, code span or codicon in manifest text', () => {
    const en = { k: 'Use `#miningEconomics.statusBar.template#` like `$(pulse)`.' };
    expect(lib.compareBundle(en, { k: '`#miningEconomics.statusBar.template#` wie `$(pulse)` verwenden.' })).toEqual(
      [],
    );
    expect(lib.compareBundle(en, { k: '`#miningEconomics.statusBar.vorlage#` wie `$(pulse)`.' })).toHaveLength(1);
    expect(lib.compareBundle(en, { k: '#miningEconomics.statusBar.template# wie `$(pulse)`.' })).toHaveLength(1);
  });
});

describe('key extraction', () => {
  it('finds t(\'…\'), l10n.t("…") and vscode.l10n.t(`…`), across lines and with escapes', () => {
    const source = [
      "t('Refresh');",
      'vscode.l10n.t("Saved {0}.", name);',
      'l10n.t(`Plain template`)',
      "t(\n  'It\\'s {0} \\u2212 {1}',\n  a,\n  b,\n);",
    ].join('\n');
    expect(lib.extractKeys(source).keys).toEqual(['Refresh', 'Saved {0}.', 'Plain template', "It's {0} − {1}"]);
  });
  it('skips comment lines and other functions named …t, and reports a message built at run time', () => {
    const source = ["// t('In a comment')", "set('not a key');", 'foo.t("not ours either");', 't(`Hi ${name}`);'].join(
      '\n',
    );
    const found = lib.extractKeys(source);
    expect(found.keys).toEqual([]);
    expect(found.dynamic).toEqual(['`Hi ${name}`']);
  });
});
