// The localisation checks shared by scripts/l10n.js and the unit test (test/unit/l10n.test.ts): finding the
// keys the source uses, the manifest's translatable strings, and comparing a translated bundle with English.
// Plain CommonJS with no dependency: keys are the English strings, as @vscode/l10n-dev extracts them, but the
// extraction we need (string literals passed to `t(…)` / `l10n.t(…)`) is one regular expression.
const fs = require('node:fs');
const path = require('node:path');

/** The languages shipped besides English (VS Code's display-language ids). */
const LANGUAGES = ['zh-cn', 'es', 'pt-br', 'de', 'ja', 'ru'];

/**
 * `t('…')`, `l10n.t("…")`, `vscode.l10n.t(`…`)` with a literal first argument. A template literal with `${`
 * is not a key (it would differ per call): extraction reports it instead.
 */
const CALL =
  /(?<![\w$.])(?:vscode\.)?(?:l10n\.)?t\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)\s*[,)]/g;

/** The value of a JS string literal from our own source (quotes included). */
function literalValue(literal) {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`' && body.includes('${')) return null;
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, esc) => {
    if (esc[0] === 'u' && esc.length > 1) return String.fromCodePoint(parseInt(esc.replace(/[u{}]/g, ''), 16));
    if (esc[0] === 'x' && esc.length === 3) return String.fromCharCode(parseInt(esc.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', 0: '\0' }[esc] ?? esc;
  });
}

/** Keys used by one source text, and the calls whose message is not a plain literal. */
function extractKeys(text) {
  const keys = [];
  const dynamic = [];
  // Comments name calls without making them (a doc comment's `t('…')`): whole comment lines are skipped.
  const code = text.replace(/^\s*(\/\/|\/\*|\*).*$/gm, '');
  for (const match of code.matchAll(CALL)) {
    const value = literalValue(match[1]);
    if (value === null) dynamic.push(match[1]);
    else keys.push(value);
  }
  return { keys, dynamic };
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** Every key of every file under `srcDir`, sorted, with where each comes from. */
function extractFromTree(srcDir) {
  const where = new Map();
  const dynamic = [];
  for (const file of sourceFiles(srcDir)) {
    const found = extractKeys(fs.readFileSync(file, 'utf8'));
    for (const key of found.keys) if (!where.has(key)) where.set(key, path.relative(path.dirname(srcDir), file));
    for (const d of found.dynamic) dynamic.push(`${path.relative(path.dirname(srcDir), file)}: ${d}`);
  }
  return { keys: [...where.keys()].sort(), where, dynamic };
}

/**
 * What must survive translation unchanged, as a sorted list: `{0}` / `{hashrate}` placeholders, `#setting#`
 * links, `$(icon)` codicons and `code spans`.
 */
function invariants(text) {
  const found = text.match(/`[^`]*`|\{[\w.]+\}|#[\w.]+#|\$\([\w~-]+\)/g) ?? [];
  // Inside a code span only the span counts (its placeholders are part of it).
  return found.sort();
}

/** Problems of one translated bundle against the English one: missing, extra, changed invariants, empty. */
function compareBundle(english, translated) {
  const problems = [];
  for (const key of Object.keys(english)) {
    if (!Object.hasOwn(translated, key)) {
      problems.push(`missing: ${JSON.stringify(key)}`);
      continue;
    }
    const value = translated[key];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`empty: ${JSON.stringify(key)}`);
      continue;
    }
    const want = invariants(english[key]).join(' ');
    const got = invariants(value).join(' ');
    if (want !== got) problems.push(`placeholders of ${JSON.stringify(key)}: [${want}] became [${got}]`);
  }
  for (const key of Object.keys(translated))
    if (!Object.hasOwn(english, key)) problems.push(`extra (not in the source): ${JSON.stringify(key)}`);
  return problems;
}

/** Properties VS Code reads through package.nls in the places we use them. */
const TEXT_FIELDS = new Set(['title', 'description', 'markdownDescription', 'label', 'altText', 'shortTitle']);
const TEXT_LISTS = new Set(['enumDescriptions', 'markdownEnumDescriptions']);

function idOf(item) {
  const raw = item && (item.command ?? item.id);
  return typeof raw === 'string' ? raw.replace(/^miningEconomics\./, '') : null;
}

/**
 * Visits each translatable string of the manifest (the extension's description and `contributes`): calls
 * `visit(key, value, holder, field)` with a readable key such as `config.currency.markdownDescription`.
 */
function walkManifest(pkg, visit) {
  if (typeof pkg.description === 'string') visit('extension.description', pkg.description, pkg, 'description');
  const untrusted = pkg.capabilities && pkg.capabilities.untrustedWorkspaces;
  if (untrusted && typeof untrusted.description === 'string')
    visit('capabilities.untrustedWorkspaces.description', untrusted.description, untrusted, 'description');
  const walk = (node, key) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${key}.${idOf(item) ?? i}`));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [field, value] of Object.entries(node)) {
      if (TEXT_FIELDS.has(field) && typeof value === 'string') visit(`${key}.${field}`, value, node, field);
      else if (TEXT_LISTS.has(field) && Array.isArray(value))
        value.forEach((v, i) => typeof v === 'string' && visit(`${key}.${field}.${i}`, v, value, i));
      else if (field === 'properties' && value && typeof value === 'object')
        for (const [name, prop] of Object.entries(value))
          walk(prop, `${key}.${name.replace(/^miningEconomics\./, '')}`);
      else if (typeof value === 'object') walk(value, `${key}.${field}`);
    }
  };
  walk(pkg.contributes ?? {}, 'contributes');
}

/** The `%key%` references of the manifest and the plain-English strings not yet moved to package.nls.json. */
function manifestStrings(pkg) {
  const refs = [];
  const plain = [];
  walkManifest(pkg, (key, value) => {
    const ref = /^%([^%\s]+)%$/.exec(value);
    if (ref) refs.push(ref[1]);
    else plain.push({ key: key.replace(/^contributes\./, ''), value });
  });
  return { refs, plain };
}

/** Moves every plain string of the manifest into `nls` (mutates both); returns the keys it added. */
function moveManifestStrings(pkg, nls) {
  const added = [];
  walkManifest(pkg, (key, value, holder, field) => {
    if (/^%[^%\s]+%$/.test(value)) return;
    const nlsKey = key.replace(/^contributes\./, '');
    if (Object.hasOwn(nls, nlsKey) && nls[nlsKey] !== value) throw new Error(`${nlsKey} exists with other text`);
    nls[nlsKey] = value;
    holder[field] = `%${nlsKey}%`;
    added.push(nlsKey);
  });
  return added;
}

module.exports = {
  LANGUAGES,
  compareBundle,
  extractFromTree,
  extractKeys,
  invariants,
  manifestStrings,
  moveManifestStrings,
};
