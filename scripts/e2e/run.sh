#!/usr/bin/env bash
# Runs end-to-end test scripts (test/e2e/*.e2e.ts): sets up the tools, bundles
# each script with esbuild into .cache/e2e/bundles (inside the repo, so that
# the external playwright-core resolves from node_modules) and runs it on the
# machine's Node. Exit status: non-zero if any script failed.
#
# Usage: bash scripts/e2e/run.sh [test/e2e/probe.e2e.ts ...]   (default: test/e2e/probe.e2e.ts)
# Env:   E2E_TEST_TIMEOUT  seconds per script (default 900)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"

bash scripts/e2e/setup.sh >/dev/null

[[ -x node_modules/.bin/esbuild ]] || { echo "node_modules missing: run npm ci first" >&2; exit 1; }
mkdir -p .cache/e2e/bundles
((${#@})) || set -- test/e2e/probe.e2e.ts

rc=0
for f in "$@"; do
  name="$(basename "${f%.ts}")"
  out=".cache/e2e/bundles/$name.js"
  node_modules/.bin/esbuild "$f" --bundle --platform=node --target=node20 --format=cjs \
    --external:playwright-core --outfile="$out" --log-level=warning
  echo "=== $f" >&2
  # SIGTERM on timeout: the harness kills its code-server process groups on it.
  if ! timeout --kill-after=30 "${E2E_TEST_TIMEOUT:-900}" node "$out"; then
    echo "=== $f FAILED" >&2
    rc=1
  fi
done
exit "$rc"
