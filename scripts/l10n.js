// Localisation bundles, re-runnable at any time:
//   node scripts/l10n.js          moves plain English manifest strings into package.nls.json (as %key%),
//                                 writes l10n/bundle.l10n.json from the source's t('…') calls, and reports
//                                 per language what each package.nls.<lang>.json / bundle.l10n.<lang>.json
//                                 misses, has extra, or changed (placeholders, setting links, code spans)
//   node scripts/l10n.js --check  writes nothing; exits 1 on any problem (the unit test checks the same)
// New user-facing text: wrap it in t('…') (core, webview) or vscode.l10n.t('…') (src/vscode), run this,
// then add the reported missing keys to the six bundles.
const fs = require('node:fs');
const path = require('node:path');
const { LANGUAGES, compareBundle, extractFromTree, manifestStrings, moveManifestStrings } = require('./lib/l10n');

const ROOT = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const writeJson = (file, value) => fs.writeFileSync(path.join(ROOT, file), `${JSON.stringify(value, null, 2)}\n`);
const sorted = (record) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
let problems = 0;
function report(file, list) {
  if (list.length === 0) return;
  problems += list.length;
  console.log(`${file}: ${list.length} problem(s)`);
  for (const p of list) console.log(`  ${p}`);
}

// The manifest.
const pkg = readJson('package.json');
let nls = readJson('package.nls.json');
if (check) {
  const { refs, plain } = manifestStrings(pkg);
  report(
    'package.json',
    plain.map((p) => `plain text at ${p.key} (run node scripts/l10n.js): ${JSON.stringify(p.value)}`),
  );
  report(
    'package.nls.json',
    refs.filter((r) => !Object.hasOwn(nls, r)).map((r) => `missing: ${r}`),
  );
} else {
  const added = moveManifestStrings(pkg, nls);
  if (added.length > 0) {
    writeJson('package.json', pkg);
    nls = sorted(nls);
    writeJson('package.nls.json', nls);
    console.log(`package.nls.json: moved ${added.length} manifest string(s): ${added.join(', ')}`);
  }
}
const { refs } = manifestStrings(pkg);
report(
  'package.nls.json',
  Object.keys(nls)
    .filter((k) => !refs.includes(k))
    .map((k) => `unused key: ${k}`),
);
for (const lang of LANGUAGES) {
  const file = `package.nls.${lang}.json`;
  report(file, fs.existsSync(path.join(ROOT, file)) ? compareBundle(nls, readJson(file)) : ['file missing']);
}

// The code's strings.
const { keys, dynamic } = extractFromTree(path.join(ROOT, 'src'));
report(
  'src',
  dynamic.map((d) => `not a literal message (translations are looked up by the English text): ${d}`),
);
const english = Object.fromEntries(keys.map((k) => [k, k]));
if (check) {
  const written = fs.existsSync(path.join(ROOT, 'l10n/bundle.l10n.json')) ? readJson('l10n/bundle.l10n.json') : {};
  report('l10n/bundle.l10n.json', compareBundle(english, written));
} else {
  writeJson('l10n/bundle.l10n.json', english);
  console.log(`l10n/bundle.l10n.json: ${keys.length} key(s)`);
}
for (const lang of LANGUAGES) {
  const file = `l10n/bundle.l10n.${lang}.json`;
  report(file, fs.existsSync(path.join(ROOT, file)) ? compareBundle(english, readJson(file)) : ['file missing']);
}
console.log(problems === 0 ? 'l10n: every bundle matches the source' : `l10n: ${problems} problem(s)`);
if (check && problems > 0) process.exitCode = 1;
