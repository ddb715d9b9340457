#!/usr/bin/env node
// `npm start`: build the extension and open it in a real VS Code.
//
//   npm start                  live data from https://mempool.space (falls back to sample data, see below)
//   npm start -- --replay      sample data: the replay server (synthetic chain, blocks keep arriving)
//   npm start -- --code-server use code-server even when the desktop `code` is on PATH
//
// - Desktop VS Code when `code` is on PATH: `code --extensionDevelopmentPath=<repo>` in a private profile
//   (.cache/start/vscode-user-data, so the setting below does not touch your own profile).
// - Otherwise code-server (installed by scripts/e2e/setup.sh into .cache/e2e) with the packaged
//   extension; the URL to open is printed.
// - Sample data: with --replay, or automatically when https://mempool.space/api/blocks/tip/height does not
//   answer within 5 s, `node out/replay-server.js --live --end now` runs on a random port and
//   `miningEconomics.mempoolUrl` points at it. The hover then names 127.0.0.1:PORT as the source, so the
//   sample data cannot be mistaken for the live network.
// - Ctrl+C stops everything this script started (process groups).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const { cleanNpmEnv } = require('./lib/npmEnv');

// Everything this script starts (installs, code-server, the replay server) gets the user's environment, not the
// configuration `npm start` exported (scripts/lib/npmEnv.js says why).
process.env = cleanNpmEnv(process.env);

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const LIVE_URL = 'https://mempool.space';
const PROBE_URL = `${LIVE_URL}/api/blocks/tip/height`;

const say = (msg) => console.log(`[start] ${msg}`);
const children = []; // { pid, name } process groups we started
const cleanups = [];
let stopping = false;

function usage() {
  console.log('usage: npm start [-- --replay] [-- --code-server]');
  process.exit(0);
}

function run(cmd, argv, what, stdio = 'inherit') {
  const r = spawnSync(cmd, argv, { cwd: root, stdio });
  if (r.status !== 0) {
    console.error(`[start] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** Resolves with null when the live API answers, else with the reason. */
function liveApiProblem(timeoutMs = 5000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      req.destroy();
      resolve(`no answer within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    const req = https.get(PROBE_URL, { headers: { 'User-Agent': 'mining-economics-dev-start' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode === 200 && /^\d+$/.test(body.trim()) ? null : `HTTP ${res.statusCode}`);
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      resolve(e.code || e.message);
    });
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* gone */
  }
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (e) {
      console.error(`[start] cleanup: ${e.message}`);
    }
  }
  for (const c of children) killGroup(c.pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (children.some((c) => alive(c.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const c of children) if (alive(c.pid)) killGroup(c.pid, 'SIGKILL');
  say('stopped.');
  process.exit(code);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function startReplay() {
  return new Promise((resolve, reject) => {
    const script = path.join(root, 'out', 'replay-server.js');
    if (!fs.existsSync(script)) return reject(new Error(`${script} missing (node esbuild.js --tests builds it)`));
    const child = spawn(process.execPath, [script, '--live', '--end', 'now'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push({ pid: child.pid, name: 'replay server' });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /REPLAY_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => process.stderr.write(d.replace(/^(?=.)/gm, '[replay] ')));
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`[start] the replay server exited (${signal ?? code})`);
        void stopAll(1);
      }
      reject(new Error(`replay server exited (${signal ?? code})`));
    });
  });
}

/** Desktop VS Code with the extension under development, in a private profile. */
function startDesktop(codeBin, mempoolUrl) {
  const userData = path.join(root, '.cache', 'start', 'vscode-user-data');
  const settingsFile = path.join(userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  let settings = {};
  try {
    settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    /* first start */
  }
  settings['miningEconomics.mempoolUrl'] = mempoolUrl;
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  say(`opening VS Code (${codeBin}) with --extensionDevelopmentPath=${root}, profile ${path.relative(root, userData)}`);
  const child = spawn(
    codeBin,
    [
      '--new-window',
      '--wait',
      '--disable-extensions',
      `--extensionDevelopmentPath=${root}`,
      '--user-data-dir',
      userData,
      root,
    ],
    { cwd: root, detached: true, stdio: 'inherit' },
  );
  children.push({ pid: child.pid, name: 'code' });
  // The window is a separate (daemonised) process: find it by our private profile path.
  cleanups.push(() => {
    if (process.platform !== 'linux') return;
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(userData)) process.kill(Number(pid), 'SIGTERM');
      } catch {
        /* gone or not ours */
      }
    }
  });
  child.on('exit', () => {
    say('the VS Code window was closed.');
    void stopAll(0);
  });
}

/** code-server from the e2e harness, with the packaged extension. */
async function startCodeServer(mempoolUrl) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(
      '[start] no desktop `code` on PATH, and the code-server route needs Linux on x64 (Debian or Ubuntu).',
    );
    console.error(
      '[start] Install VS Code and its `code` command (VS Code: "Shell Command: Install \'code\' command in PATH"), then run npm start again.',
    );
    return stopAll(1);
  }
  say('no desktop `code` on PATH: using code-server (bash scripts/e2e/setup.sh; cold ~1.5 min)');
  run('bash', [path.join(root, 'scripts', 'e2e', 'setup.sh')], 'scripts/e2e/setup.sh', ['ignore', 'ignore', 'inherit']);
  run(process.execPath, [path.join(root, 'scripts', 'package.js')], 'npm run package');
  const vsix = fs.readdirSync(root).find((f) => /^mining-economics-.+\.vsix$/.test(f));
  // The harness is TypeScript: bundle it (esbuild is a devDependency) next to node_modules.
  const bundle = path.join(root, '.cache', 'e2e', 'bundles', 'start-harness.js');
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'test', 'e2e', 'harness.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['playwright-core'],
    outfile: bundle,
    logLevel: 'warning',
  });
  const harness = require(bundle);
  const server = await harness.startCodeServer({
    vsixPath: path.join(root, vsix),
    userSettings: { 'miningEconomics.mempoolUrl': mempoolUrl },
    workspaceDir: root,
  });
  cleanups.push(() => server.stop());
  console.log('');
  say(`VS Code (code-server) is ready: open ${server.url}?folder=${encodeURIComponent(root)}`);
  say(
    '(bound to 127.0.0.1; on a remote machine forward the port, e.g. ssh -L PORT:127.0.0.1:PORT). Ctrl+C stops everything.',
  );
}

async function main() {
  if (args.includes('--help') || args.includes('-h')) usage();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stopAll(0));

  // --tests: the replay server (out/replay-server.js) is a test tool, built only on request.
  say('building (node esbuild.js --tests)…');
  run(process.execPath, [path.join(root, 'esbuild.js'), '--tests'], 'the build');

  let replay = args.includes('--replay');
  if (!replay) {
    const problem = await liveApiProblem();
    if (problem) {
      console.log('');
      say(`NOTICE: ${PROBE_URL} is unreachable (${problem}).`);
      say('NOTICE: starting the replay server instead: SAMPLE DATA, not the live network.');
      console.log('');
      replay = true;
    }
  }
  let mempoolUrl = LIVE_URL;
  if (replay) {
    mempoolUrl = await startReplay();
    say(
      `sample data from the replay server at ${mempoolUrl} (live: blocks keep arriving); the hover names ${mempoolUrl.replace(/^https?:\/\//, '')} as the source.`,
    );
  } else {
    say(`live data from ${LIVE_URL}`);
  }

  const codeBin = args.includes('--code-server') ? null : onPath('code');
  if (codeBin) startDesktop(codeBin, mempoolUrl);
  else await startCodeServer(mempoolUrl);
  // Stay alive until Ctrl+C (or the desktop window closes).
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  console.error(`[start] ${e.stack || e.message}`);
  void stopAll(1);
});
