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
"${PNPM[@]}" --silent -r --workspace-concurrency=1 test
say "compose: package every stack for dev, offline (serverless-compose.yml)"
"${PNPM[@]}" exec sls package --stage dev >/dev/null
say "all checks passed in $((SECONDS - started))s"
