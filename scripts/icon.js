// Renders media/icon.svg to media/icon.png (128 × 128, transparent corners) with headless Chromium, so the
// Marketplace icon is made from its source the same way every time: `node scripts/icon.js`.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
const out = path.join(root, 'media', 'icon.png');
const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!browser) throw new Error('Chromium is needed to render the icon (apt install chromium)');

async function main() {
  // playwright-core (a dev dependency) drives the system Chromium: an exact 128 × 128 viewport and a
  // transparent background, which the CLI's --screenshot does not guarantee.
  const { chromium } = require('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mining-icon-'));
  const executablePath = execFileSync('which', [browser], { encoding: 'utf8' }).trim();
  const instance = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu'],
    env: { ...process.env, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir },
  });
  try {
    const page = await instance.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  } finally {
    await instance.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  check();
}

function check() {
  const png = fs.readFileSync(out);
  // IHDR: width and height are the big-endian words at bytes 16 and 20.
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  if (width !== 128 || height !== 128) throw new Error(`icon is ${width}×${height}, expected 128×128`);
  console.log(`media/icon.png: ${width}×${height}, ${png.length} bytes`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
