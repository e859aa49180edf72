#!/usr/bin/env bash
# Installs everything Driftwarden and its tests need, into the project where possible:
#   - npm packages (npm ci, from package-lock.json), then the TypeScript build;
#   - moto, the Python AWS emulator, pinned, in a project-local virtual environment (.venv);
#   - Debian's chromium, for the HTML report's browser test (only when DRIFTWARDEN_SETUP_BROWSER=1).
# Safe to run again: each step is skipped when what it installs is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

MOTO_SPEC='moto[server]==5.2.5'

log() { printf 'setup: %s\n' "$*" >&2; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
# better-sqlite3 ships a native module; a missing build means the install script was skipped.
if [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  log "building better-sqlite3"
  npm rebuild better-sqlite3 --loglevel=error
fi

log "building TypeScript"
rm -rf dist
npx tsc -p tsconfig.json

# (pip's output is captured first: `grep -q` would close the pipe early, and pipefail would count it.)
installed_moto="$(.venv/bin/pip show moto 2>/dev/null || true)"
if [ ! -x .venv/bin/moto_server ] || ! grep -q '^Version: 5.2.5$' <<<"$installed_moto"; then
  log "installing ${MOTO_SPEC} into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "${MOTO_SPEC}"
fi

if [ "${DRIFTWARDEN_SETUP_BROWSER:-0}" = "1" ] && ! command -v chromium >/dev/null 2>&1; then
  log "installing Debian's chromium (browser tests)"
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
