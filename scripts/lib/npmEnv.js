#!/usr/bin/env node
// A clean environment for npm installs started from inside `npm test` / `npm start`.
//
// Under `npm run X`, npm exports its whole configuration to the script as npm_config_* variables (plus
// npm_lifecycle_*, npm_package_*, npm_execpath, NODE, INIT_CWD). A nested `npm install` reads those as its own
// configuration: npm_config_user_agent names the outer Node 20 (code-server's postinstall refuses to run),
// npm_config_nodedir points node-gyp at Node 20's headers, npm_config_local_prefix makes the nested install
// resolve the outer project, npm_config_allow_scripts= is a hard error (EALLOWSCRIPTS) in nested
// project-scoped installs. Only what says how to reach the registry is kept, so a user's
// `npm --registry=… test` still works. The PATH loses the node_modules/.bin folders npm put in front of it, so
// nested installs cannot pick up this project's tools.
//
//   const { cleanNpmEnv } = require('./lib/npmEnv');   spawn(cmd, args, { env: cleanNpmEnv(process.env) })
//   node scripts/lib/npmEnv.js CMD [ARGS…]            runs CMD with the clean environment (used by the shell scripts)
'use strict';
const { spawnSync } = require('node:child_process');

/** npm_config_* keys (lower case, as npm exports them) that only say how to reach the registry. */
const KEPT_NPM_CONFIG = new Set([
  'npm_config_registry',
  'npm_config_cache',
  'npm_config_cafile',
  'npm_config_ca',
  'npm_config_cert',
  'npm_config_key',
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_noproxy',
  'npm_config_strict_ssl',
  'npm_config_userconfig',
  'npm_config_globalconfig',
  'npm_config_fetch_retries',
  'npm_config_fetch_timeout',
]);

/** Variables npm sets for lifecycle scripts, besides the npm_* family. */
const NPM_SCRIPT_VARS = new Set(['INIT_CWD', 'NODE']);

/** PATH entries npm prepends for scripts: every node_modules/.bin up the tree, and its node-gyp shim. */
function isNpmPathEntry(entry) {
  const normal = entry.replace(/\\/g, '/').replace(/\/+$/, '');
  return normal.endsWith('/node_modules/.bin') || normal.endsWith('/@npmcli/run-script/lib/node-gyp-bin');
}

/** A copy of `env` without what an outer npm exported to its scripts. */
function cleanNpmEnv(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (NPM_SCRIPT_VARS.has(key)) continue;
    // npm exports lower-case names; upper-case NPM_CONFIG_* are the user's own settings and stay.
    if (key.startsWith('npm_') && !KEPT_NPM_CONFIG.has(key)) continue;
    if (key.toUpperCase() === 'PATH') {
      const delimiter = process.platform === 'win32' ? ';' : ':';
      clean[key] = value
        .split(delimiter)
        .filter((entry) => entry && !isNpmPathEntry(entry))
        .join(delimiter);
      continue;
    }
    clean[key] = value;
  }
  return clean;
}

module.exports = { cleanNpmEnv, KEPT_NPM_CONFIG };

if (require.main === module) {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) {
    console.error('usage: node scripts/lib/npmEnv.js CMD [ARGS…]');
    process.exit(2);
  }
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: cleanNpmEnv(process.env) });
  if (result.error) {
    console.error(`[npmEnv] could not run ${cmd}: ${result.error.message}`);
    process.exit(127);
  }
  process.exit(result.status ?? 1);
}
