#!/usr/bin/env bash
# Vigil's main job, locally, on embedded defaults (no AWS account): starts the local cloud and the
# services, runs the built-in scenarios and prints what happened. `--once` exits after the summary
# (0 only when every scenario produced its expected output); without it Vigil keeps running until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"

bootstrap
cd "$VIGIL_ROOT"
exec "${PNPM[@]}" --silent exec tsx scripts/start/main.ts "$@"
