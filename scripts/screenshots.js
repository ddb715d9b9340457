#!/usr/bin/env node
// `npm run screenshots`: copies the best end-to-end screenshots (artifacts/e2e, written by
// `npm run test:e2e`) into media/ for the README. The e2e suite takes them in a real VS Code
// (code-server + Chromium) against the replay server, in the Dark Modern and Light Modern themes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'artifacts', 'e2e');
const to = path.join(root, 'media');

// media/<target> ← artifacts/e2e/<source>, with the alt text the README uses.
const PICKS = [
  [
    'screenshot-hover-dark.png',
    'glance-hover-dark.png',
    'Status bar item and its hover with the difficulty details (Dark Modern)',
  ],
  ['screenshot-hover-light.png', 'glance-hover-light.png', 'Status bar item and its hover (Light Modern)'],
  ['screenshot-panel-dark.png', 'panel-dark.png', 'The Mining Economics panel with its charts (Dark Modern)'],
  ['screenshot-panel-light.png', 'panel-light.png', 'The Mining Economics panel (Light Modern)'],
  [
    'screenshot-stale-dark.png',
    'stale-hover-dark.png',
    'When a refresh fails: the last good numbers stay, marked stale, and the hover says why',
  ],
  ['screenshot-alert-dark.png', 'alert-toast-dark.png', 'The opt-in difficulty-adjustment alert'],
];

const missing = PICKS.filter(([, src]) => !fs.existsSync(path.join(from, src)));
if (missing.length) {
  console.error(`missing in ${path.relative(root, from)}: ${missing.map(([, s]) => s).join(', ')}`);
  console.error('run `npm run test:e2e` first (it writes every screenshot there).');
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const [target, src] of PICKS) {
  fs.copyFileSync(path.join(from, src), path.join(to, target));
  const { size } = fs.statSync(path.join(to, target));
  console.log(`media/${target} ← artifacts/e2e/${src} (${(size / 1024).toFixed(0)} KB)`);
}
console.log('\nREADME snippet:\n');
for (const [target, , alt] of PICKS) console.log(`![${alt}](media/${target})`);
