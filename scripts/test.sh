#!/usr/bin/env bash
# Installs what is missing (pnpm, Node 22, Java 17, dependencies), then lint, type-check and every
# package's and service's jest suites. Idempotent; this is what CI runs.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"

started=$SECONDS
bootstrap
say "installed in $((SECONDS - started))s"

cd "$VIGIL_ROOT"
say "lint (biome)"
"${PNPM[@]}" --silent lint
say "type-check (tsc, every workspace)"
"${PNPM[@]}" --silent typecheck
say "tests (jest, every workspace)"
jest_log="$(mktemp)"
trap 'rm -f "$jest_log"' EXIT
"${PNPM[@]}" --silent -r --workspace-concurrency=1 test 2>&1 | tee "$jest_log"
# One closing line over every workspace's jest summary ("Tests: 2 failed, 1 skipped, 81 passed, 84 total").
awk '/^Tests:/ {
  for (i = 2; i < NF; i++) { n = $i + 0; w = $(i + 1); sub(/,$/, "", w); if (w in t) t[w] += n; else t[w] = n }
} END { printf "jest: %d passed, %d failed, %d skipped\n", t["passed"], t["failed"], t["skipped"] }' "$jest_log"
say "compose: package every stack for dev, offline (serverless-compose.yml)"
"${PNPM[@]}" exec sls package --stage dev >/dev/null
say "all checks passed in $((SECONDS - started))s"
