// The core's translator: {0}-substitution, bundles (own keys only), and the installed translator reaching the
// core's text (the hover's labels, an age).
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAge, formatRelative } from '../../../src/core/format';
import { formatMessage, identityTranslate, setTranslate, t, translatorFromBundle } from '../../../src/core/l10n';
import { checkL10n, parseL10nAttribute } from '../../../src/shared/protocol/l10n';

afterEach(() => setTranslate(identityTranslate));

describe('formatMessage', () => {
  it('fills {0}, {1}… with the arguments, each as often as it appears', () => {
    expect(formatMessage('{0} of {1} blocks ({0})', [1008, '2,016'])).toBe('1008 of 2,016 blocks (1008)');
    expect(formatMessage('{1} before {0}', ['a', true])).toBe('true before a');
  });
  it('leaves a placeholder without an argument as written, and text without placeholders alone', () => {
    expect(formatMessage('{0} and {2}', ['x'])).toBe('x and {2}');
    expect(formatMessage('{hashrate} {0}', [])).toBe('{hashrate} {0}');
  });
  it('inserts arguments literally (a "$&" or "{1}" inside an argument is not expanded)', () => {
    expect(formatMessage('{0} {1}', ['$& {1}', 'b'])).toBe('$& {1} b');
  });
});

describe('translatorFromBundle', () => {
  const de = translatorFromBundle({ 'Updated {0}': 'Aktualisiert {0}', Broken: 42 as unknown as string });
  it('translates and substitutes', () => {
    expect(de('Updated {0}', 'vor 2 min')).toBe('Aktualisiert vor 2 min');
  });
  it('falls back to English for a missing, non-string or inherited entry', () => {
    expect(de('Refresh')).toBe('Refresh');
    expect(de('Broken')).toBe('Broken');
    expect(de('toString')).toBe('toString');
    expect(de('__proto__')).toBe('__proto__');
  });
  it('is English without a bundle', () => {
    expect(translatorFromBundle(null)('Saved {0}.', 'a.csv')).toBe('Saved a.csv.');
  });
});

describe('the installed translator', () => {
  it('is English by default and reaches the core once installed', () => {
    expect(t('in {0}', '3 d')).toBe('in 3 d');
    expect(formatAge(120_000)).toBe('2 min ago');
    const bundle = JSON.parse(readFileSync(join(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8'));
    setTranslate(translatorFromBundle(bundle));
    expect(formatAge(120_000)).toBe('vor 2 min');
    expect(formatAge(1000)).toBe('gerade eben');
    expect(formatRelative(3 * 86_400_000 + 4 * 3_600_000, 0)).toBe('in 3 d 4 h');
  });
});

describe('the page language (protocol)', () => {
  it('accepts a language and a bundle of strings, or none', () => {
    expect(checkL10n({ language: 'de', bundle: { a: 'b' } }, 'l10n')).toEqual({ language: 'de', bundle: { a: 'b' } });
    expect(parseL10nAttribute(undefined)).toEqual({ l10n: { language: 'en', bundle: null } });
    expect(parseL10nAttribute('{"language":"ja","bundle":null}')).toEqual({ l10n: { language: 'ja', bundle: null } });
  });
  it('falls back to English, with the reason, for bad JSON, a non-string entry or a missing field', () => {
    for (const bad of ['{', '{"language":"de","bundle":{"a":1}}', '{"bundle":null}', '{"language":"de"}', '[]']) {
      const parsed = parseL10nAttribute(bad);
      expect(parsed.l10n).toEqual({ language: 'en', bundle: null });
      expect(parsed.error, bad).toBeTruthy();
    }
  });
});
