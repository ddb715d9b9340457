#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server + headless Chromium):
#   1. tools: scripts/e2e/setup.sh (Chromium, Node 24, code-server; warm: ~1 s);
#   2. package: `npm run package` → exactly one mining-economics-<version>.vsix at the root;
#   3. bundle (esbuild CLI, into .cache/e2e/bundles so playwright-core resolves from node_modules):
#      the replay server CLI and each test script;
#   4. run each script (a timeout each), then print the total as the last line: `N passed, N failed`.
#
# Usage: bash scripts/e2e/run.sh [test scripts…]
#        (default: every test/e2e/*.e2e.ts, then test/integration/runTest.ts)
# Env:   E2E_TEST_TIMEOUT  seconds per script (default 1200)
#        E2E_SKIP_PACKAGE=1 reuse the .vsix at the root (quicker iteration)
#        E2E_ONLY=<regex>  only these scenarios (of every *.e2e.ts)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"
# Under `npm run test:e2e` the outer npm's configuration (npm_config_*) is in the environment; code-server and
# the nested installs must not see it (scripts/lib/npmEnv.js says why). Re-run once with a clean environment.
if [[ -z "${E2E_CLEAN_ENV:-}" ]]; then
  E2E_CLEAN_ENV=1 exec node "$REPO_ROOT/scripts/lib/npmEnv.js" bash "$REPO_ROOT/scripts/e2e/run.sh" "$@"
fi
start_ts=$(date +%s)

set +e
bash scripts/e2e/setup.sh >/dev/null
setup_rc=$?
set -e
if [[ "$setup_rc" != 0 ]]; then
  echo "=== scripts/e2e/setup.sh failed (exit $setup_rc): the end-to-end tests cannot run here" >&2
  exit "$setup_rc"
fi

[[ -x node_modules/.bin/esbuild ]] || { echo "node_modules missing: run npm ci first" >&2; exit 1; }
((${#@})) || set -- test/e2e/*.e2e.ts test/integration/runTest.ts

if [[ "${E2E_SKIP_PACKAGE:-}" != 1 ]]; then
  echo "=== npm run package" >&2
  node scripts/package.js >&2
fi

BUNDLES=.cache/e2e/bundles
mkdir -p "$BUNDLES" artifacts/e2e
bundle() { # entry outfile
  node_modules/.bin/esbuild "$1" --bundle --platform=node --target=node20 --format=cjs \
    --external:playwright-core --external:vscode --external:esbuild --external:@vscode/test-electron \
    --outfile="$2" --log-level=warning
}
bundle test/server/cli.ts "$BUNDLES/replay-server.js"
export E2E_REPLAY_SERVER_JS="$REPO_ROOT/$BUNDLES/replay-server.js"

export E2E_RUN_MARKER="$$-$(date +%s%N)"
passed=0
failed=0
for f in "$@"; do
  name="$(basename "${f%.ts}")"
  out="$BUNDLES/$name.js"
  log="artifacts/e2e/$name.out.txt"
  bundle "$f" "$out"
  echo "=== $f" >&2
  t0=$(date +%s)
  # SIGTERM on timeout: the harness kills its code-server process groups on it.
  set +e
  timeout --kill-after=30 "${E2E_TEST_TIMEOUT:-1200}" node "$out" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)"
  if [[ -z "$line" ]]; then
    echo "=== $f: no result line (exit $rc)" >&2
    failed=$((failed + 1))
  else
    p="${line%% passed*}"; q="${line#*passed, }"; q="${q%% failed}"
    passed=$((passed + p)); failed=$((failed + q))
    if [[ "$rc" != 0 && "$q" == 0 ]]; then
      echo "=== $f exited $rc with no failed test" >&2
      failed=$((failed + 1))
    fi
  fi
  echo "=== $f: exit $rc in $(($(date +%s) - t0)) s" >&2
done

# Every process this run started carries E2E_RUN_MARKER in its environment (other
# jobs on the machine do not): none may be left (code-server, Chromium, replay server).
left=""
for d in /proc/[0-9]*; do
  pid="${d#/proc/}"
  [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
  grep -qz "^E2E_RUN_MARKER=$E2E_RUN_MARKER$" "$d/environ" 2>/dev/null || continue
  state="$(awk '{print $3}' "$d/stat" 2>/dev/null || true)"
  [[ -z "$state" || "$state" == Z ]] && continue
  left+="$pid $(tr '\0' ' ' <"$d/cmdline" 2>/dev/null | cut -c1-160)"$'\n'
done
if [[ -n "$left" ]]; then
  echo "=== processes left behind:" >&2
  printf '%s' "$left" >&2
  failed=$((failed + 1))
fi

echo "=== e2e total $(($(date +%s) - start_ts)) s" >&2
echo "$passed passed, $failed failed"
[[ "$failed" == 0 ]]
