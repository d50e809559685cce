# Sourced by start.sh and test.sh: make sure pnpm, Node 22 (via the root `node` devDependency),
# Java 17 (for DynamoDB Local) and the workspace dependencies are present. Idempotent.
set -euo pipefail

VIGIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PNPM_VERSION="10.34.9"

say() { printf 'vigil: %s\n' "$*" >&2; }

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
    PNPM=(pnpm)
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is missing: install Node.js 20 or newer first"
    exit 1
  fi
  # A global pnpm (runs on the machine's Node 20; pnpm then runs scripts on Node 22) also serves the tools
  # and tests that call `pnpm` themselves. Without write access to npm's global folder, npx runs it.
  if npm install --global --silent "pnpm@${PNPM_VERSION}" >/dev/null 2>&1 && command -v pnpm >/dev/null 2>&1; then
    say "installed pnpm ${PNPM_VERSION}"
    PNPM=(pnpm)
    return
  fi
  PNPM=(npx --yes "pnpm@${PNPM_VERSION}")
}

ensure_java() {
  local version=""
  if command -v java >/dev/null 2>&1; then
    version="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
  fi
  if [ -n "$version" ] && [ "$version" -ge 17 ]; then
    return
  fi
  say "installing Java 17 (DynamoDB Local needs it)"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq openjdk-17-jre-headless >/dev/null
}

ensure_dependencies() {
  cd "$VIGIL_ROOT"
  # --frozen-lockfile: CI and users get exactly the locked tree; the `node` devDependency brings Node 22.
  "${PNPM[@]}" install --frozen-lockfile --reporter=append-only 2>&1 | grep -v '^npm warn' | tail -n 3 >&2
}

bootstrap() {
  ensure_pnpm
  ensure_java
  ensure_dependencies
}
