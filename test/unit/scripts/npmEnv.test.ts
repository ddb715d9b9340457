// The nested installs of `npm test` / `npm start` (code-server, Node 24) must not inherit the outer npm's
// configuration: a fresh machine failed because npm_config_user_agent named the outer Node 20.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, '../../..');
const CLEANER = path.join(ROOT, 'scripts', 'lib', 'npmEnv.js');
const { cleanNpmEnv, KEPT_NPM_CONFIG } = require(CLEANER) as {
  cleanNpmEnv: (env: NodeJS.ProcessEnv) => Record<string, string>;
  KEPT_NPM_CONFIG: Set<string>;
};

describe('cleanNpmEnv', () => {
  it('drops what npm exports to scripts and keeps how to reach the registry', () => {
    const clean = cleanNpmEnv({
      PATH: '/work/main/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/bin',
      HOME: '/root',
      NODE_OPTIONS: '--max-old-space-size=4096',
      NPM_CONFIG_REGISTRY: 'https://registry.example/', // the user's own, upper case
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_nodedir: '/usr',
      npm_config_local_prefix: '/work/main',
      npm_config_allow_scripts: '',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_lifecycle_event: 'test',
      npm_package_name: 'mining-economics',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      npm_node_execpath: '/usr/bin/node',
      INIT_CWD: '/work/main',
      NODE: '/usr/bin/node',
      npm_config_registry: 'https://registry.npmjs.org/',
      npm_config_cache: '/root/.npm',
      npm_config_userconfig: '/root/.npmrc',
      npm_config_https_proxy: 'http://proxy.local:3128',
    });
    expect(clean).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      NODE_OPTIONS: '--max-old-space-size=4096',
      NPM_CONFIG_REGISTRY: 'https://registry.example/',
      npm_config_registry: 'https://registry.npmjs.org/',
      npm_config_cache: '/root/.npm',
      npm_config_userconfig: '/root/.npmrc',
      npm_config_https_proxy: 'http://proxy.local:3128',
    });
  });

  it('leaves nothing of what a real `npm run` exports except the registry settings', () => {
    // A throwaway package whose script prints the environment the cleaner hands on.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-env-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({
          name: 'probe',
          version: '1.0.0',
          scripts: { probe: `node ${JSON.stringify(CLEANER)} node -e "console.log(JSON.stringify(process.env))"` },
        }),
      );
      const outer = spawnSync('npm', ['run', '--silent', 'probe'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, npm_config_user_agent: undefined },
      });
      expect(outer.status, outer.stderr).toBe(0);
      const inner = JSON.parse(outer.stdout.trim().split('\n').at(-1)!) as Record<string, string>;
      const npmKeys = Object.keys(inner).filter((key) => key.startsWith('npm_'));
      expect(npmKeys.filter((key) => !KEPT_NPM_CONFIG.has(key))).toEqual([]);
      expect(inner.INIT_CWD).toBeUndefined();
      const entries = inner.PATH!.split(path.delimiter);
      expect(entries.filter((entry) => /node_modules[\\/]\.bin|node-gyp-bin/.test(entry))).toEqual([]);
      expect(entries).toContain(path.dirname(process.execPath));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is used for every npm install of the end-to-end set-up', () => {
    const setup = fs.readFileSync(path.join(ROOT, 'scripts', 'e2e', 'setup.sh'), 'utf8');
    const installs = setup.split('\n').filter((line) => /\bnpm install\b/.test(line) && !line.trim().startsWith('#'));
    expect(installs.length).toBeGreaterThanOrEqual(2);
    for (const line of installs) expect(line).toMatch(/clean_npm\b.*\bnpm install\b/);
  });
});

describe('.ci/run', () => {
  it('runs exactly what the README tells a user: install, then the README test command, nothing prepared before it', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const testRow = readme.split('\n').find((line) => /^\|\s*test\s*\|/.test(line));
    expect(testRow, 'README names the test command in its commands table').toBeDefined();
    const testCommand = /`([^`]+)`/.exec(testRow!)![1]!;
    expect(testCommand).toBe('npm test');
    const commands = fs
      .readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !/^(set |cd |export |echo |t0=)/.test(line));
    const testAt = commands.indexOf(testCommand);
    expect(testAt).toBeGreaterThan(0);
    expect(commands.slice(0, testAt)).toEqual(['npm ci --no-audit --no-fund']);
  });
});
