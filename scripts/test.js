#!/usr/bin/env node
// `npm test`: every check, in the order a failure is cheapest to read, then one closing line that counts them all:
//   1. static checks (type check of every tsconfig);
//   2. lint (ESLint over src, test, scripts, and Prettier's check);
//   3. unit tests (vitest);
//   4. end-to-end tools (scripts/e2e/setup.sh: Chromium, Node 24, code-server; warm runs take a second);
//   5. the panel's browser test (headless Chromium);
//   6. the end-to-end suites in a real VS Code (scripts/e2e/run.sh).
// Each step runs even when an earlier one failed (except that 5–6 need 4), so one run shows every problem.
// Where the end-to-end tools cannot run (macOS, Windows, Linux without apt), steps 5–6 are reported as skipped with
// the reason; under CI=true a skip is a failure, so CI can never pass by skipping.
//
// Closing line: `N passed, N failed` (`, N skipped` when any were skipped), counted in tests, not steps.
// Env: TEST_SKIP_E2E=1 runs steps 1–3 only (reported as skipped, never under CI).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cleanNpmEnv } = require('./lib/npmEnv');

const root = path.join(__dirname, '..');
const artifacts = path.join(root, 'artifacts', 'test');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const isWindows = process.platform === 'win32';
// Children (builds, servers, code-server) get the user's environment, not the outer npm's configuration.
const env = cleanNpmEnv(process.env);
const bin = (name) => path.join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);

const rows = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function say(text) {
  console.log(`[test] ${text}`);
}

/** Runs a command with inherited output; returns its exit code (127 when it could not start). */
function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, shell: isWindows });
  if (result.error) {
    console.error(`[test] could not run ${cmd}: ${result.error.message}`);
    return 127;
  }
  return result.status ?? 1;
}

/** Runs a command, echoing its output, and returns { code, output } for closing lines to be read from. */
function runCapturing(cmd, args) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    console.error(`[test] could not run ${cmd}: ${result.error.message}`);
    return { code: 127, output: '' };
  }
  process.stdout.write(result.stdout);
  return { code: result.status ?? 1, output: result.stdout };
}

/** The last `N passed, N failed` line a suite printed. */
function closingCounts(output) {
  const lines = output.split(/\r?\n/).filter((line) => /^\d+ passed, \d+ failed$/.test(line.trim()));
  const last = lines.at(-1);
  if (!last) return null;
  const [p, f] = last.trim().match(/\d+/g).map(Number);
  return { passed: p, failed: f };
}

function record(step, counts, code) {
  let p = counts?.passed ?? 0;
  let f = counts?.failed ?? 0;
  // A suite that exits non-zero without a failed test (a crash, a missing closing line) still fails once.
  if (code !== 0 && f === 0) f = 1;
  if (code === 0 && !counts) p = 1; // a step with no per-test count (type check, lint) counts as one check
  passed += p;
  failed += f;
  rows.push(
    `${step.padEnd(10)} ${f === 0 ? 'ok  ' : 'FAIL'} ${p} passed, ${f} failed${code !== 0 ? ` (exit ${code})` : ''}`,
  );
}

function skip(step, why) {
  skipped += 1;
  rows.push(`${step.padEnd(10)} skip ${why}`);
  if (ci) {
    failed += 1;
    rows[rows.length - 1] += ' — not allowed under CI';
  }
}

function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const started = Date.now();

  say('1/6 type check');
  record('typecheck', null, run('npm', ['run', '--silent', 'typecheck']));

  say('2/6 lint (ESLint)');
  record('lint', null, run('npm', ['run', '--silent', 'lint']));

  say('3/6 unit tests (vitest)');
  const vitestJson = path.join(artifacts, 'vitest.json');
  fs.rmSync(vitestJson, { force: true });
  const unitCode = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
  let unitCounts = null;
  try {
    const report = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
    unitCounts = { passed: report.numPassedTests, failed: report.numFailedTests };
    if (report.numTotalTests === 0) unitCounts = null; // no test ran: that is a failure, not a pass
  } catch {
    /* vitest crashed before writing its report: counted as a failure below */
  }
  record('unit', unitCounts, unitCounts ? unitCode : unitCode || 1);

  const e2eSkip = e2eSkipReason();
  if (e2eSkip) {
    skip('browser', e2eSkip);
    skip('e2e', e2eSkip);
  } else {
    say('4/6 end-to-end tools (scripts/e2e/setup.sh)');
    const setupCode = run('bash', [path.join(root, 'scripts', 'e2e', 'setup.sh')]);
    if (setupCode === 3) {
      skip('browser', 'this platform cannot run the end-to-end tools (see the message above)');
      skip('e2e', 'same');
    } else if (setupCode !== 0) {
      record('e2e-setup', null, setupCode);
      rows.push('browser    not run: the end-to-end tools did not install');
      rows.push('e2e        not run: the end-to-end tools did not install');
    } else {
      say('5/6 the panel in headless Chromium (browser test)');
      const buildCode = run(process.execPath, [path.join(root, 'esbuild.js'), '--tests']);
      if (buildCode !== 0) record('build', null, buildCode);
      else {
        const browser = runCapturing(process.execPath, [path.join(root, 'out', 'browser', 'panel.browser.js')]);
        record('browser', closingCounts(browser.output), browser.code);
      }
      say('6/6 end-to-end tests in a real VS Code (code-server)');
      const e2e = runCapturing('bash', [path.join(root, 'scripts', 'e2e', 'run.sh')]);
      record('e2e', closingCounts(e2e.output), e2e.code);
    }
  }

  console.log('');
  say(`summary (${Math.round((Date.now() - started) / 1000)} s):`);
  for (const row of rows) console.log(`  ${row}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed === 0 ? 0 : 1);
}

/** Why the browser and end-to-end steps cannot run here, or null. */
function e2eSkipReason() {
  if (process.env.TEST_SKIP_E2E === '1') return 'TEST_SKIP_E2E=1';
  if (process.platform !== 'linux') {
    return `the end-to-end tests need Linux (Debian or Ubuntu); on ${process.platform} run \`npm start\` with VS Code's \`code\` on PATH to try the extension`;
  }
  if (spawnSync('bash', ['--version'], { stdio: 'ignore' }).error) return 'bash is not installed';
  return null;
}

main();
