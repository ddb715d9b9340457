// Each lazily loaded host bundle (dist/panel.js, dist/node.js, dist/sources.js) carries its own copy of the core's module state:
// the translator and the number locale that activate() installs in dist/extension.js do not reach it. A bundle
// whose text is user-facing must install the display language itself when it loads, or its messages stay
// English in a German VS Code. Built here as esbuild.js builds it, and loaded with a stand-in `vscode`.
import { build } from 'esbuild';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LAZY_HOST_BUNDLES } from '../../bench/hostBundles';

const ROOT = path.resolve(__dirname, '../../..');

/** The lazy host bundles esbuild.js builds (its `lazyHostEntries`): name → entry. */
function lazyHostEntries(): [string, string][] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, 'esbuild.js')) as { lazyHostEntries: Record<string, string> };
  return Object.entries(config.lazyHostEntries);
}

async function load(entry: string): Promise<{ languageReads: number; usesL10n: boolean }> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', './net.js', './panel.js', './node.js', './sources.js'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const usesL10n = Object.keys(result.metafile.inputs).some((f) => f.endsWith('src/core/l10n.ts'));
  let languageReads = 0;
  const vscode = {
    env: {
      get language() {
        languageReads++;
        return 'de';
      },
    },
    l10n: { t: (message: string) => `[de] ${message}`, bundle: undefined },
  };
  const module = { exports: {} };
  const requireStub = (id: string): unknown => {
    if (id === 'vscode') return vscode;
    if (id.startsWith('./')) return {};
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id);
  };
  const run = vm.compileFunction(result.outputFiles[0]!.text, ['require', 'module', 'exports']);
  run(requireStub, module, module.exports);
  return { languageReads, usesL10n };
}

describe('lazy host bundles and the display language', () => {
  const entries = lazyHostEntries();

  it('finds the lazy host bundles in esbuild.js, the same the activation bench loads eagerly and forbids early', () => {
    expect(entries.map(([name]) => name).sort()).toEqual(['net', 'node', 'panel', 'sources']);
    expect([...LAZY_HOST_BUNDLES].sort()).toEqual(entries.map(([name]) => `${name}.js`).sort());
  });

  it.each(entries)(
    '%s.js installs the display language when it loads, if it has text to translate',
    async (_, entry) => {
      const { languageReads, usesL10n } = await load(entry);
      if (usesL10n) expect(languageReads).toBeGreaterThan(0);
      else expect(languageReads).toBe(0);
    },
  );

  it('the panel and node bundles do have text to translate (so the check above is not vacuous for them)', async () => {
    for (const [name, entry] of entries.filter(([n]) => n !== 'net')) {
      expect((await load(entry)).usesL10n, name).toBe(true);
    }
  });
});
